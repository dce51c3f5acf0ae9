"""Automatic birthday greetings: opt-in AND consent, never after withdrawal, once per birthday."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date

import pytest
from support import factories
from support.factories import FixedClock, contact_input
from support.smtp import Inbox, local_smtp

from crm_desktop.domain.dates import PartialDate
from crm_desktop.mail.greetings import CONSENT_PURPOSE, GreetingService
from crm_desktop.mail.secrets import SecretStore
from crm_desktop.mail.sender import MailSender
from crm_desktop.mail.settings import MailSettingsService, Security, SmtpSettings
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.interactions import InteractionService
from crm_desktop.storage.database import Database

template_db = factories.template_db
db_path = factories.db_path
db = factories.db
clock = factories.clock

TODAY = date(2026, 11, 23)  # the factories' NOW
BIRTHDAY = PartialDate(11, 23, 1980)


@pytest.fixture
def inbox_port() -> Iterator[tuple[Inbox, int]]:
    with local_smtp() as server:
        yield server


@pytest.fixture
def greetings(db: Database, clock: FixedClock, inbox_port: tuple[Inbox, int]) -> GreetingService:
    MailSettingsService(db, clock=clock).save(
        SmtpSettings(
            host="127.0.0.1",
            port=inbox_port[1],
            security=Security.NONE,
            sender_name="Νίκος",
            sender_address="nikos@example.org",
        )
    )
    return GreetingService(MailSender(db, clock=clock, secrets=SecretStore(), timeout=5))


def _person(
    contacts: ContactService,
    name: str,
    *,
    opt_in: bool,
    consent: bool | None,
    settings: MailSettingsService,
    birthday: PartialDate = BIRTHDAY,
) -> int:
    cid = contacts.create(
        contact_input(given_name=name, emails=[f"{cid_safe(name)}@example.gr"], birthday=birthday)
    ).id
    if consent is not None:
        contacts.add_consent(cid, purpose=CONSENT_PURPOSE, granted=consent, method="form")
    settings.set_greeting_opt_in(cid, opt_in)
    return cid


def cid_safe(name: str) -> str:
    return "".join(c for c in name.encode("ascii", "ignore").decode() if c.isalnum()) or "x"


def test_only_opted_in_contacts_with_consent_are_greeted_once(
    db: Database, clock: FixedClock, greetings: GreetingService, inbox_port: tuple[Inbox, int]
) -> None:
    contacts = ContactService(db, clock=clock)
    settings = MailSettingsService(db, clock=clock)
    both = _person(contacts, "Eleni Ελένη", opt_in=True, consent=True, settings=settings)
    no_consent = _person(contacts, "Giorgos", opt_in=True, consent=None, settings=settings)
    no_opt_in = _person(contacts, "Maria", opt_in=False, consent=True, settings=settings)
    other_day = _person(
        contacts,
        "Kostas",
        opt_in=True,
        consent=True,
        settings=settings,
        birthday=PartialDate(11, 24, 1980),
    )

    run = greetings.send_due(TODAY)
    assert run.sent == [both]
    assert run.skipped == [no_consent]
    assert no_opt_in not in run.skipped and other_day not in run.sent
    inbox = inbox_port[0]
    assert len(inbox.messages) == 1
    assert inbox.messages[0]["To"] == "Eleni@example.gr"
    assert inbox.messages[0]["Subject"] == "Happy birthday, Eleni Ελένη!"
    interactions = InteractionService(db, clock=clock)
    assert interactions.count_for(both) == 1
    assert greetings.greeted(both, 2026)

    # Exactly once: a second run the same day (a restart, another window) sends nothing.
    again = greetings.send_due(TODAY)
    assert again.sent == [] and again.already == [both]
    assert len(inbox.messages) == 1
    assert interactions.count_for(both) == 1


def test_withdrawn_consent_stops_greetings(
    db: Database, clock: FixedClock, greetings: GreetingService, inbox_port: tuple[Inbox, int]
) -> None:
    contacts = ContactService(db, clock=clock)
    settings = MailSettingsService(db, clock=clock)
    cid = _person(contacts, "Eleni", opt_in=True, consent=True, settings=settings)
    clock.advance(seconds=1)
    contacts.add_consent(cid, purpose=CONSENT_PURPOSE, granted=False, method="phone")
    run = greetings.send_due(TODAY)
    assert run.sent == [] and run.skipped == [cid]
    assert inbox_port[0].messages == []


def test_consent_for_another_purpose_does_not_count(
    db: Database, clock: FixedClock, greetings: GreetingService, inbox_port: tuple[Inbox, int]
) -> None:
    contacts = ContactService(db, clock=clock)
    settings = MailSettingsService(db, clock=clock)
    cid = _person(contacts, "Eleni", opt_in=True, consent=None, settings=settings)
    contacts.add_consent(cid, purpose="newsletter", granted=True)
    assert greetings.send_due(TODAY).skipped == [cid]
    assert inbox_port[0].messages == []


def test_a_failed_send_is_released_for_a_retry(
    db: Database, clock: FixedClock, greetings: GreetingService, inbox_port: tuple[Inbox, int]
) -> None:
    contacts = ContactService(db, clock=clock)
    settings = MailSettingsService(db, clock=clock)
    cid = _person(contacts, "Eleni", opt_in=True, consent=True, settings=settings)
    good = settings.load()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = int(s.getsockname()[1])
    settings.save(
        SmtpSettings(
            host="127.0.0.1",
            port=closed,
            security=Security.NONE,
            sender_name=good.sender_name,
            sender_address=good.sender_address,
        )
    )
    run = greetings.send_due(TODAY)
    assert run.failed == [cid], run
    assert run.error and "example" not in run.error
    assert not greetings.greeted(cid, 2026)
    settings.save(good)
    assert greetings.send_due(TODAY).sent == [cid]
    assert len(inbox_port[0].messages) == 1


def test_only_given_ids_when_offered_from_reminders(
    db: Database, clock: FixedClock, greetings: GreetingService
) -> None:
    contacts = ContactService(db, clock=clock)
    settings = MailSettingsService(db, clock=clock)
    a = _person(contacts, "A", opt_in=True, consent=True, settings=settings)
    b = _person(contacts, "B", opt_in=True, consent=True, settings=settings)
    assert greetings.send_due(TODAY, [b]).sent == [b]
    assert greetings.send_due(TODAY).sent == [a]
    mail, rendered = greetings.draft(a, TODAY)
    assert mail is not None and rendered.ok and mail.to_address == "A@example.gr"
