"""What falls due per kind: birthdays (29 February, overrides, mute), stay in touch, trash."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from support import factories
from support.factories import FixedClock, contact_input

from crm_desktop.domain.dates import Feb29Policy, PartialDate
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import InteractionInput, TaskInput
from crm_desktop.services.interactions import InteractionService
from crm_desktop.services.reminders import ReminderService
from crm_desktop.services.tasks import TaskService
from crm_desktop.storage.database import Database

db = factories.db
db_path = factories.db_path
template_db = factories.template_db
clock = factories.clock
NOW = factories.NOW


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("policy", "year", "expected"),
    [
        (Feb29Policy.FEB_28, 2027, utc(2027, 2, 28, 9)),
        (Feb29Policy.MAR_1, 2027, utc(2027, 3, 1, 9)),
        (Feb29Policy.FEB_28, 2028, utc(2028, 2, 29, 9)),
        (Feb29Policy.MAR_1, 2028, utc(2028, 2, 29, 9)),
    ],
)
def test_29_february_birthday(
    db: Database, clock: FixedClock, policy: Feb29Policy, year: int, expected: datetime
) -> None:
    ContactService(db, clock=clock).create(
        contact_input(given_name="João", birthday=PartialDate(2, 29, 2000))
    )
    service = ReminderService(db, clock=clock, timezone="UTC")
    service.set_feb29_policy(policy)
    service.set_birthday_days([0])
    assert service.next_due_after(utc(year, 2, 20)) == expected
    found = service.due(expected, since=expected - timedelta(days=3))
    (birthday,) = found
    assert birthday.occurs_on == expected.date() and birthday.age == year - 2000
    assert birthday.text == f"João turns {year - 2000} today"
    assert birthday.occurrence_key.endswith(f":{expected.date().isoformat()}:0")


def test_override_lead_and_mute_and_trash(db: Database, clock: FixedClock) -> None:
    contacts = ContactService(db, clock=clock)
    day = PartialDate(12, 3)  # ten days after NOW
    # The per-contact setting as the editor saves it: own lead days (3) or muted (()).
    own = contacts.create(
        contact_input(given_name="Own", birthday=day, birthday_reminder_days=(3,))
    ).id
    muted = contacts.create(
        contact_input(given_name="Muted", birthday=day, birthday_reminder_days=())
    ).id
    default = contacts.create(contact_input(given_name="Default", birthday=day)).id
    trashed = contacts.create(contact_input(given_name="Trashed", birthday=day)).id
    TaskService(db, clock=clock).create(
        TaskInput(title="Gift", due_at=NOW + timedelta(days=2), contact_id=trashed)
    )
    contacts.trash([trashed])
    service = ReminderService(db, clock=clock, timezone="Europe/Budapest")
    found = service.due(NOW, within=timedelta(days=15), since=NOW)
    got = sorted((r.source_id, r.lead) for r in found)
    assert got == sorted([(own, 3), (default, 7), (default, 0)])
    first = service.next_due_after(NOW)
    assert first == utc(2026, 11, 26, 8)  # 3 December - 7 days, 09:00 in Budapest
    assert service.next_due_after(first) == utc(2026, 11, 30, 8)  # the override: 3 days before

    # Over a whole year: the custom lead fires 3 days before only, the muted contact never.
    found = service.due(NOW, within=timedelta(days=372), since=NOW, include_claimed=True)
    year = [r for r in found if r.kind == "birthday"]
    assert [r.due_at for r in year if r.source_id == own] == [
        utc(2026, 11, 30, 8),
        utc(2027, 11, 30, 8),
    ]
    assert [r for r in year if r.source_id in (muted, trashed)] == []
    at, seen = NOW, []
    for _ in range(12):  # walking the armed instants never lands on the muted contact
        next_at = service.next_due_after(at)
        assert next_at is not None
        seen += [r.source_id for r in service.due(next_at, since=at) if r.kind == "birthday"]
        at = next_at
    assert muted not in seen and own in seen

    # Unmuted by an edit (back to the default): its default leads return at once.
    contacts.update(muted, replace(contacts.get(muted).to_input(), birthday_reminder_days=None))
    found = service.due(NOW, within=timedelta(days=15), since=NOW)
    assert sorted(r.lead for r in found if r.source_id == muted) == [0, 7]


def test_logged_interaction_resets_stay_in_touch(db: Database, clock: FixedClock) -> None:
    contact = (
        ContactService(db, clock=clock)
        .create(contact_input(given_name="Ana", stay_in_touch_days=14))
        .id
    )
    service = ReminderService(db, clock=clock, timezone="UTC")
    service.ensure_epoch(NOW)
    assert service.next_due_after(NOW) == utc(2026, 12, 8, 9)  # the first 09:00 after 14 days
    clock.now = utc(2026, 12, 9, 12)
    (first,) = service.due(clock.now)
    assert first.kind == "stay_in_touch" and service.claim([first], clock.now) == [first]
    assert service.due(clock.now) == []
    InteractionService(db, clock=clock).log(
        InteractionInput(contact_ids=(contact,), kind="call", occurred_at=clock.now)
    )
    assert service.due(clock.now + timedelta(days=13)) == []
    clock.now = utc(2026, 12, 24, 10)
    (second,) = service.due(clock.now)
    assert second.source_id == contact and second.occurrence_key != first.occurrence_key


def test_zone_change_does_not_repeat_a_birthday(db: Database, clock: FixedClock) -> None:
    ContactService(db, clock=clock).create(
        contact_input(given_name="Li", birthday=PartialDate(11, 24))
    )
    budapest = ReminderService(db, clock=clock, timezone="Europe/Budapest")
    at = utc(2026, 11, 24, 8)  # 09:00 in Budapest
    shown = budapest.claim(budapest.due(at, since=at - timedelta(hours=1)), at)
    assert [r.lead for r in shown] == [0]
    new_york = ReminderService(db, clock=clock, timezone="America/New_York")
    later = utc(2026, 11, 24, 15)  # 09:00 in New York, the same birthday
    assert new_york.due(later, since=at) == []
    assert len(new_york.due(later, since=at, include_claimed=True)) == 1
