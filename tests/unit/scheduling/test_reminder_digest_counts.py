"""The morning digest counts what the reminders themselves fire that day.

Birthdays follow the 29 February setting (28 Feb or 1 Mar in common years)
and mute; tasks of contacts in the trash count nowhere, as they remind nowhere.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from support import factories
from support.factories import FixedClock, contact_input

from crm_desktop.domain.dates import Feb29Policy, PartialDate
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import TaskInput
from crm_desktop.services.reminders import DueReminder, ReminderService
from crm_desktop.services.tasks import TaskService
from crm_desktop.storage.database import Database

db = factories.db
db_path = factories.db_path
template_db = factories.template_db
clock = factories.clock


def on(service: ReminderService, day: date) -> list[DueReminder]:
    """Everything due on ``day`` (UTC), the digest at 07:30 included."""
    start = datetime.combine(day, time(0), tzinfo=UTC)
    return service.due(start + timedelta(days=1, microseconds=-1), since=start)


def digest_text(service: ReminderService, day: date) -> str:
    (digest,) = [r for r in on(service, day) if r.kind == "digest"]
    return digest.text


@pytest.mark.parametrize(
    ("policy", "celebrated", "other"),
    [
        (Feb29Policy.FEB_28, date(2027, 2, 28), date(2027, 3, 1)),
        (Feb29Policy.MAR_1, date(2027, 3, 1), date(2027, 2, 28)),
    ],
)
def test_leap_day_birthday_counts_on_the_day_it_is_reminded(
    db: Database, clock: FixedClock, policy: Feb29Policy, celebrated: date, other: date
) -> None:
    contacts = ContactService(db, clock=clock)
    leap = contacts.create(contact_input(given_name="Leap", birthday=PartialDate(2, 29, 2000))).id
    contacts.create(  # muted: no reminder, so not in the digest either
        contact_input(given_name="Quiet", birthday=PartialDate(2, 29), birthday_reminder_days=())
    )
    service = ReminderService(db, clock=clock, timezone="UTC")
    service.set_feb29_policy(policy)
    service.set_digest_time(time(7, 30))

    birthdays = [r for r in on(service, celebrated) if r.kind == "birthday"]
    assert [(r.source_id, r.lead, r.occurs_on) for r in birthdays] == [(leap, 0, celebrated)]
    assert digest_text(service, celebrated) == (
        "Today: 0 meetings, 1 birthdays, 0 tasks due or overdue"
    )
    assert [r for r in on(service, other) if r.kind == "birthday" and r.lead == 0] == []
    assert digest_text(service, other) == "Today: 0 meetings, 0 birthdays, 0 tasks due or overdue"


def test_leap_day_birthday_on_29_february_in_a_leap_year(db: Database, clock: FixedClock) -> None:
    ContactService(db, clock=clock).create(
        contact_input(given_name="Leap", birthday=PartialDate(2, 29))
    )
    service = ReminderService(db, clock=clock, timezone="UTC")
    service.set_feb29_policy(Feb29Policy.MAR_1)
    service.set_digest_time(time(7, 30))
    assert "1 birthdays" in digest_text(service, date(2028, 2, 29))
    assert "0 birthdays" in digest_text(service, date(2028, 3, 1))


def test_tasks_of_trashed_contacts_are_not_counted(db: Database, clock: FixedClock) -> None:
    contacts = ContactService(db, clock=clock)
    kept = contacts.create(contact_input(given_name="Kept")).id
    gone = contacts.create(contact_input(given_name="Gone")).id
    tasks = TaskService(db, clock=clock)
    day = date(2026, 11, 25)
    for title, contact in (("Alone", None), ("For Kept", kept), ("For Gone", gone)):
        tasks.create(TaskInput(title=title, due_date=day, contact_id=contact))
    tasks.create(TaskInput(title="Overdue Gone", due_at=clock.now, contact_id=gone))
    contacts.trash([gone])
    service = ReminderService(db, clock=clock, timezone="UTC")
    service.set_digest_time(time(7, 30))

    fired = [r.subject for r in on(service, day) if r.kind == "task"]
    assert sorted(fired) == ["Alone", "For Kept"]
    assert digest_text(service, day) == "Today: 0 meetings, 0 birthdays, 2 tasks due or overdue"
