"""Sending to a local aiosmtpd on 127.0.0.1: headers, UTF-8, the interaction, safe errors."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from typing import Any

import pytest
from support import factories
from support.factories import FixedClock, contact_input
from support.smtp import Inbox, free_port, local_smtp

from crm_desktop.mail.secrets import SecretStore
from crm_desktop.mail.sender import MailError, MailSender, OutgoingMail, PasswordNeeded
from crm_desktop.mail.settings import MailSettingsService, Security, SmtpSettings
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.interactions import InteractionService
from crm_desktop.storage.database import Database

template_db = factories.template_db
db_path = factories.db_path
db = factories.db
clock = factories.clock


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    with local_smtp() as server:
        yield server


@pytest.fixture
def sender(db: Database, clock: FixedClock, smtp_server: tuple[Inbox, int]) -> MailSender:
    MailSettingsService(db, clock=clock).save(
        SmtpSettings(
            host="127.0.0.1",
            port=smtp_server[1],
            security=Security.NONE,
            sender_name="Νίκος Γεωργίου",
            sender_address="nikos@example.org",
        )
    )
    return MailSender(db, clock=clock, secrets=SecretStore(), timeout=5)


def test_sent_mail_arrives_with_headers_and_is_logged(
    db: Database, clock: FixedClock, sender: MailSender, smtp_server: tuple[Inbox, int]
) -> None:
    contacts = ContactService(db, clock=clock)
    cid = contacts.create(contact_input(given_name="Ελένη", emails=["eleni@example.gr"])).id
    body = "Αγαπητή Ελένη,\n\nχρόνια πολλά!\n\nΝίκος"
    saved = sender.send(OutgoingMail(cid, "eleni@example.gr", "Χρόνια πολλά, Ελένη!", body))

    inbox, _ = smtp_server
    assert len(inbox.envelopes) == 1
    mail_from, rcpt, msg = inbox.envelopes[0]
    assert mail_from == "nikos@example.org"
    assert rcpt == ["eleni@example.gr"]
    assert msg["Subject"] == "Χρόνια πολλά, Ελένη!"
    assert str(msg["From"]) == "Νίκος Γεωργίου <nikos@example.org>"
    assert str(msg["To"]) == "eleni@example.gr"
    assert msg["Message-ID"] and msg["Date"]
    part = msg.get_body(("plain",))
    assert part is not None
    assert part.get_content_charset() == "utf-8"
    assert part.get_content().replace("\r\n", "\n").rstrip("\n") == body

    row = InteractionService(db, clock=clock).get(saved.id)
    assert (row.kind, row.direction, row.contact_ids) == ("email", "outbound", (cid,))
    assert row.subject == "Χρόνια πολλά, Ελένη!"
    assert row.notes == body
    assert contacts.get(cid).last_contacted_at == clock.now
    assert cid in saved.changes.contacts


def test_password_needed_when_the_user_has_none(
    db: Database, clock: FixedClock, sender: MailSender
) -> None:
    settings = MailSettingsService(db, clock=clock)
    settings.save(SmtpSettings(**{**_fields(settings.load()), "user": "nikos"}))
    assert sender.needs_password()
    with pytest.raises(PasswordNeeded):
        sender.send(OutgoingMail(1, "a@example.org", "s", "b"))


def test_a_password_is_never_sent_unprotected(
    db: Database, clock: FixedClock, sender: MailSender, smtp_server: tuple[Inbox, int]
) -> None:
    contacts = ContactService(db, clock=clock)
    cid = contacts.create(contact_input(given_name="A", emails=["a@example.org"])).id
    settings = MailSettingsService(db, clock=clock)
    current = settings.save(SmtpSettings(**{**_fields(settings.load()), "user": "nikos"}))
    sender.secrets.set(current.account, "SECRET-PW-123")
    with pytest.raises(MailError) as caught:
        sender.send(OutgoingMail(cid, "a@example.org", "s", "b"))
    assert "SECRET-PW-123" not in str(caught.value)
    assert smtp_server[0].messages == []


def test_errors_name_no_address_or_body(db: Database, clock: FixedClock) -> None:
    contacts = ContactService(db, clock=clock)
    cid = contacts.create(contact_input(given_name="A", emails=["private@example.org"])).id
    MailSettingsService(db, clock=clock).save(
        SmtpSettings(
            host="127.0.0.1", port=free_port(), security=Security.NONE, sender_address="me@x.org"
        )
    )
    sender = MailSender(db, clock=clock, secrets=SecretStore(), timeout=5)
    with pytest.raises(MailError) as caught:
        sender.send(OutgoingMail(cid, "private@example.org", "SUBJ-SENTINEL", "BODY-SENTINEL"))
    text = str(caught.value)
    assert "could not be reached" in text
    for secret in ("private@example.org", "me@x.org", "SUBJ-SENTINEL", "BODY-SENTINEL"):
        assert secret not in text
    assert InteractionService(db, clock=clock).count_for(cid) == 0  # not sent, not logged


def test_tls_is_verified_by_default(db: Database, clock: FixedClock) -> None:
    sender = MailSender(db, clock=clock, secrets=SecretStore())
    context = sender.context_factory()
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname


def _fields(s: SmtpSettings) -> dict[str, Any]:
    return {
        "host": s.host,
        "port": s.port,
        "security": s.security,
        "user": s.user,
        "sender_name": s.sender_name,
        "sender_address": s.sender_address,
    }
