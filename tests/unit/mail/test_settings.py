"""SMTP settings in the setting table: round trip, validation, the per-contact greeting opt-in."""

from __future__ import annotations

import pytest
from support import factories
from support.factories import FixedClock, scalar

from crm_desktop.domain.errors import ValidationError
from crm_desktop.mail.settings import MailSettingsService, Security, SmtpSettings
from crm_desktop.storage.database import Database

template_db = factories.template_db
db_path = factories.db_path
db = factories.db
clock = factories.clock


@pytest.fixture
def service(db: Database, clock: FixedClock) -> MailSettingsService:
    return MailSettingsService(db, clock=clock)


def test_defaults_when_nothing_is_stored(service: MailSettingsService) -> None:
    loaded = service.load()
    assert loaded == SmtpSettings()
    assert loaded.security is Security.STARTTLS
    assert not loaded.configured


def test_round_trip(service: MailSettingsService, db: Database) -> None:
    saved = service.save(
        SmtpSettings(
            host=" smtp.example.org ",
            port=465,
            security=Security.TLS,
            user="ελένη",
            sender_name="Ελένη Παπαδοπούλου",
            sender_address="eleni@example.org",
        )
    )
    assert saved.host == "smtp.example.org"
    assert service.load() == saved
    assert service.load().configured
    keys = scalar(db, "SELECT group_concat(key) FROM setting WHERE key LIKE 'mail.%'")
    assert "password" not in keys


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"host": "smtp example"}, "Server"),
        ({"port": 0}, "Port"),
        ({"port": 70000}, "Port"),
        ({"sender_address": "not an address"}, "Sender address"),
        ({"sender_name": "a\r\nBcc: x@y.z"}, "Sender name"),
    ],
)
def test_validation_names_the_field(
    service: MailSettingsService, change: dict[str, object], field: str
) -> None:
    base = {"host": "smtp.example.org", "sender_address": "me@example.org"}
    with pytest.raises(ValidationError) as caught:
        service.save(SmtpSettings(**{**base, **change}))  # type: ignore[arg-type]
    assert caught.value.args and field in str(caught.value)


def test_greeting_opt_in_is_a_setting_per_contact(
    service: MailSettingsService, db: Database
) -> None:
    assert not service.greeting_opt_in(7)
    service.set_greeting_opt_in(7, True)
    service.set_greeting_opt_in(3, True)
    assert service.greeting_opt_in(7)
    assert service.opted_in() == [3, 7]
    assert scalar(db, "SELECT value FROM setting WHERE key = 'mail.greet.7'") == "true"
    service.set_greeting_opt_in(7, False)
    assert service.opted_in() == [3]
    service.forget_contact(3)
    assert service.opted_in() == []
