"""Automatic birthday greetings from the running app: sent once, logged, panes told."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from support.smtp import Inbox, local_smtp

from crm_desktop.domain.dates import PartialDate
from crm_desktop.gui.auto_greetings import AutoGreetings, wants_greetings
from crm_desktop.mail.greetings import CONSENT_PURPOSE
from crm_desktop.mail.settings import MailSettingsService, Security, SmtpSettings
from crm_desktop.services.dto import ContactInput, LabeledValue


@pytest.fixture
def inbox(services) -> Iterator[Inbox]:
    with local_smtp() as (box, port):
        MailSettingsService(services.db).save(
            SmtpSettings(
                host="127.0.0.1",
                port=port,
                security=Security.NONE,
                sender_name="Νίκος",
                sender_address="nikos@example.org",
            )
        )
        yield box


def test_greetings_go_out_once_and_the_panes_hear_of_it(qtbot, gui_ctx, services, inbox) -> None:
    today = gui_ctx.local_now().date()
    who = services.contacts.create(
        ContactInput(
            given_name="Ελένη",
            family_name="Παπαδοπούλου",
            emails=(LabeledValue("eleni@example.gr"),),
            birthday=PartialDate(today.month, today.day, 1980),  # 1980 was a leap year
        )
    ).id
    services.contacts.add_consent(who, purpose=CONSENT_PURPOSE, granted=True, method="form")
    MailSettingsService(services.db).set_greeting_opt_in(who, True)
    greetings = AutoGreetings(gui_ctx)

    with qtbot.waitSignal(gui_ctx.runner.changed, timeout=10000):
        greetings.run_now(wait=threading.Thread.join)
    assert len(inbox.messages) == 1
    assert inbox.messages[0]["To"].addresses[0].addr_spec == "eleni@example.gr"
    assert [r.kind for r in services.interactions.timeline(who)[0]] == ["email"]

    greetings.run_now(wait=threading.Thread.join)  # the same day again: nothing more
    assert len(inbox.messages) == 1

    services.contacts.erase([who])  # the opt-in and the sent mark go with the person
    with services.db.read_raw() as conn:
        left = conn.execute("SELECT count(*) FROM setting WHERE key LIKE 'mail.greet%'")
        assert left.fetchone()[0] == 0


def test_only_birthday_deliveries_trigger_a_run() -> None:
    class Due:
        def __init__(self, kind: str) -> None:
            self.kind = kind

    assert wants_greetings([Due("event"), Due("birthday")])
    assert not wants_greetings([Due("task")])
