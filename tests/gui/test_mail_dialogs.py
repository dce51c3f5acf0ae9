"""Compose dialog (preview, send through the runner to a local aiosmtpd) and the E-mail page."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from support.smtp import Inbox, local_smtp

from crm_desktop.domain.dates import PartialDate
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.dialogs.mail_compose import ComposeDialog
from crm_desktop.gui.dialogs.mail_settings import MailSettingsPage
from crm_desktop.mail.secrets import SecretStore
from crm_desktop.mail.settings import MailSettingsService, Security, SmtpSettings
from crm_desktop.services.dto import ContactInput, LabeledValue
from crm_desktop.services.registry import Services


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    with local_smtp() as server:
        yield server


def test_compose_previews_and_sends(
    qtbot: Any, gui_ctx: GuiContext, services: Services, smtp: tuple[Inbox, int]
) -> None:
    MailSettingsService(services.db).save(
        SmtpSettings(
            host="127.0.0.1",
            port=smtp[1],
            security=Security.NONE,
            sender_name="Νίκος",
            sender_address="nikos@example.org",
        )
    )
    cid = services.contacts.create(
        ContactInput(
            given_name="Ελένη",
            emails=(LabeledValue("eleni@example.gr"),),
            birthday=PartialDate(1, 2, 1980),
        )
    ).id
    dialog = ComposeDialog(gui_ctx, cid, template="birthday", store=SecretStore())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass
    assert dialog.to.currentText() == "eleni@example.gr"
    assert "Happy birthday, Ελένη!" in dialog.preview.toPlainText()
    assert dialog.send_button.isEnabled()

    dialog.body.setPlainText("{first_name}, {age}! {nickname}")
    assert not dialog.send_button.isEnabled()
    assert "{nickname}" in dialog.problems.text()
    dialog.body.setPlainText("Χρόνια πολλά, {first_name}! {my_name}")
    assert dialog.preview.toPlainText().endswith("Χρόνια πολλά, Ελένη! Νίκος")

    with qtbot.waitSignal(dialog.sent, timeout=10000) as blocker:
        dialog.send_button.click()
    assert len(smtp[0].raw) == 1
    row = services.interactions.get(blocker.args[0])
    assert (row.kind, row.contact_ids) == ("email", (cid,))


def test_compose_asks_the_password_once_and_reports_errors(
    qtbot: Any, gui_ctx: GuiContext, services: Services
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = int(s.getsockname()[1])
    MailSettingsService(services.db).save(
        SmtpSettings(
            host="127.0.0.1",
            port=closed,
            security=Security.STARTTLS,
            user="nikos",
            sender_name="N",
            sender_address="nikos@example.org",
        )
    )
    cid = services.contacts.create(
        ContactInput(given_name="A", emails=(LabeledValue("private@example.org"),))
    ).id
    asked: list[int] = []
    store = SecretStore()

    def prompt(_parent: Any) -> str:
        asked.append(1)
        return "PW-SENTINEL"

    dialog = ComposeDialog(gui_ctx, cid, store=store, password_prompt=prompt)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass
    with qtbot.waitSignal(dialog.send_failed, timeout=10000) as blocker:
        dialog.send_button.click()
    assert asked == [1]
    text = blocker.args[0]
    assert "could not be reached" in text
    assert "PW-SENTINEL" not in text and "private@example.org" not in text


def test_settings_page_round_trip(qtbot: Any, gui_ctx: GuiContext, memory_keyring: Any) -> None:
    page = MailSettingsPage(gui_ctx, store=SecretStore())
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        pass
    assert "system keyring" in page.store_note.text()
    page.host.setText("smtp.example.org")
    page.user.setText("nikos")
    page.password.setText("PW-1")
    page.sender_address.setText("nikos@example.org")
    with qtbot.waitSignal(page.saved, timeout=5000):
        assert page.save()
    assert memory_keyring.passwords == {("crm-desktop/smtp", "nikos@smtp.example.org:587"): "PW-1"}
    assert page.password.text() == ""
    page.sender_address.setText("no address")
    assert not page.save()
    assert "Sender address" in page.error.text()


def test_settings_page_explains_memory_only_without_a_keyring(
    qtbot: Any, gui_ctx: GuiContext, services: Services
) -> None:
    keyring.set_keyring(fail.Keyring())
    store = SecretStore()
    page = MailSettingsPage(gui_ctx, store=store)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        pass
    note = page.store_note.text()
    assert "no secure keyring" in note and "memory only" in note
    page.host.setText("smtp.example.org")
    page.user.setText("nikos")
    page.password.setText("PW-MEMORY-ONLY")
    page.sender_address.setText("nikos@example.org")
    with qtbot.waitSignal(page.saved, timeout=5000):
        assert page.save()
    assert store.in_memory("nikos@smtp.example.org:587")
    services.db.checkpoint()
    for path in gui_ctx.paths.data_dir.rglob("*"):
        if path.is_file():
            assert b"PW-MEMORY-ONLY" not in path.read_bytes(), path
