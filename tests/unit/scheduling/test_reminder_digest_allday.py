"""The morning digest (once per local day, across restarts) and all-day items.

All-day items remind at local wall times: an all-day event's offsets count
back from local midnight, a task due on a date (no time) fires at 09:00 on
the user's clock, and a cancelled event never reminds (not even a snooze).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from support import factories
from support.factories import FixedClock, contact_input

from crm_desktop.domain.dates import PartialDate
from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.scheduling.engine import ReminderEngine
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import EventInput, TaskInput
from crm_desktop.services.events import EventService
from crm_desktop.services.reminders import DueReminder, ReminderService
from crm_desktop.services.tasks import TaskService
from crm_desktop.storage.database import Database

db = factories.db
db_path = factories.db_path
template_db = factories.template_db
clock = factories.clock

NOW = factories.NOW  # Monday 2026-11-23 12:00 UTC, 13:00 in Budapest
ZONE = "Europe/Budapest"
BUDAPEST = ZoneInfo(ZONE)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=BUDAPEST)


def engine_for(db: Database, clock: FixedClock) -> tuple[ReminderEngine, list[DueReminder]]:
    shown: list[DueReminder] = []
    service = ReminderService(db, clock=clock, timezone=ZONE)
    return ReminderEngine(service, shown.extend, clock, timezone=ZONE), shown


def meeting(db: Database, clock: FixedClock, title: str, start: datetime, **kw: object) -> int:
    data = EventInput(
        title=title,
        start=start,
        end=start + timedelta(hours=1),
        timezone=ZONE,
        **kw,  # type: ignore[arg-type]
    )
    return EventService(db, clock=clock).create(data).id


def task(db: Database, clock: FixedClock, title: str, **kw: object) -> int:
    return TaskService(db, clock=clock).create(TaskInput(title=title, **kw)).id  # type: ignore[arg-type]


def digests(reminders: list[DueReminder]) -> list[DueReminder]:
    return [r for r in reminders if r.kind == "digest"]


# -- the morning digest --------------------------------------------------------------------


def fill_tuesday(db: Database, clock: FixedClock) -> None:
    """Tuesday 24 November in Budapest: what the digest counts, and what it must not."""
    meeting(db, clock, "Offer review", local(2026, 11, 24, 10))
    weekly = Recurrence(Frequency.WEEKLY, 1)
    meeting(db, clock, "Weekly sync", local(2026, 11, 17, 15), recurrence=weekly)  # Tuesdays
    meeting(db, clock, "Called off", local(2026, 11, 24, 11), status="cancelled")
    meeting(db, clock, "Wednesday", local(2026, 11, 25, 10))
    meeting(db, clock, "Late Monday", local(2026, 11, 23, 23, 30))  # 22:30 UTC: not Tuesday
    contacts = ContactService(db, clock=clock)
    contacts.create(contact_input(given_name="Li", birthday=PartialDate(11, 24, 1990)))
    gone = contacts.create(contact_input(given_name="Gone", birthday=PartialDate(11, 24))).id
    contacts.trash([gone])
    contacts.create(contact_input(given_name="Other", birthday=PartialDate(11, 25)))
    task(db, clock, "Overdue since Sunday", due_at=utc(2026, 11, 22, 9))
    task(db, clock, "Due today", due_date=date(2026, 11, 24))
    done = task(db, clock, "Done already", due_date=date(2026, 11, 20))
    TaskService(db, clock=clock).set_done(done, True)
    task(db, clock, "Thursday", due_date=date(2026, 11, 26))


def test_digest_is_off_by_default(db: Database, clock: FixedClock) -> None:
    service = ReminderService(db, clock=clock, timezone=ZONE)
    assert digests(service.due(NOW, within=timedelta(days=3), include_claimed=True)) == []


def test_digest_counts_todays_meetings_birthdays_and_overdue_tasks(
    db: Database, clock: FixedClock
) -> None:
    fill_tuesday(db, clock)
    service = ReminderService(db, clock=clock, timezone=ZONE)
    service.set_digest_time(time(7, 30))
    assert service.settings().digest_at == time(7, 30)
    at = utc(2026, 11, 24, 6, 30)  # 07:30 in Budapest
    assert service.next_due_after(at - timedelta(minutes=30)) == at
    (digest,) = digests(service.due(at, since=at - timedelta(hours=1)))
    assert digest.due_at == at and digest.occurs_on == date(2026, 11, 24)
    assert digest.occurrence_key == "2026-11-24"
    assert digest.text == "Today: 2 meetings, 1 birthdays, 2 tasks due or overdue"


def test_one_digest_per_local_day_and_exactly_once_across_a_restart(
    db: Database, clock: FixedClock
) -> None:
    first, _ = engine_for(db, clock)
    first.service.set_digest_time(time(7, 30))
    assert digests(first.catch_up()) == []  # today's 07:30 was before the first start
    fill_tuesday(db, clock)

    clock.now = utc(2026, 11, 24, 6, 30)
    first.run_due()
    clock.now = utc(2026, 11, 24, 6, 45)
    first.run_due()
    first.heartbeat()
    restarted, shown = engine_for(db, clock)  # a restart the same morning
    clock.now = utc(2026, 11, 24, 12)
    restarted.catch_up()
    restarted.run_due()
    assert digests(shown) == []

    # Closed overnight, started after the digest time: one (missed) digest for that day.
    clock.now = utc(2026, 11, 25, 10)
    again, shown = engine_for(db, clock)
    (wednesday,) = digests(again.catch_up())
    assert wednesday.occurrence_key == "2026-11-25" and wednesday.missed
    for hours in range(1, 49):  # two more days, driven hour by hour
        clock.now = utc(2026, 11, 25, 10) + timedelta(hours=hours)
        again.run_due()
    assert [r.occurrence_key for r in digests(shown)] == [
        "2026-11-25",
        "2026-11-26",
        "2026-11-27",
    ]
    assert [r.due_at for r in digests(shown)[1:]] == [
        utc(2026, 11, 26, 6, 30),
        utc(2026, 11, 27, 6, 30),
    ]
    rows = factories.scalar(db, "SELECT count(*) FROM reminder_ledger WHERE source_kind = 'digest'")
    assert rows == 4  # 24, 25, 26 and 27 November, once each

    later, shown = engine_for(db, clock)
    later.catch_up()
    assert digests(shown) == []


def test_turning_the_digest_off_stops_it(db: Database, clock: FixedClock) -> None:
    service = ReminderService(db, clock=clock, timezone=ZONE)
    service.set_digest_time(time(8, 0))
    service.set_digest_time(None)
    assert service.next_due_after(NOW) is None
    assert digests(service.due(NOW, within=timedelta(days=3), include_claimed=True)) == []


# -- all-day items ---------------------------------------------------------------------------


def test_all_day_event_offsets_count_back_from_local_midnight(
    db: Database, clock: FixedClock
) -> None:
    event = meeting(
        db, clock, "Trade fair", local(2026, 11, 25, 14), all_day=True, reminder_minutes=(0, 1440)
    )
    for zone in (ZONE, "America/New_York"):  # the event's own midnight, whatever the user's zone
        service = ReminderService(db, clock=clock, timezone=zone)
        found = service.due(NOW, within=timedelta(days=3), since=NOW, include_claimed=True)
        assert [(r.source_id, r.lead, r.due_at) for r in found] == [
            (event, 1440, utc(2026, 11, 24, 23) - timedelta(days=1)),  # midnight, a day before
            (event, 0, utc(2026, 11, 24, 23)),  # 00:00 on 25 November in Budapest
        ]
        assert {r.text for r in found} == {"Trade fair on 25 November"}
        assert {r.starts_at for r in found} == {utc(2026, 11, 24, 23)}
    assert ReminderService(db, clock=clock, timezone=ZONE).next_due_after(NOW) == utc(
        2026, 11, 23, 23
    )


def test_task_due_on_a_date_fires_at_nine_local(db: Database, clock: FixedClock) -> None:
    task_id = task(db, clock, "Call the bank", due_date=date(2026, 11, 25))
    budapest = ReminderService(db, clock=clock, timezone=ZONE)
    assert budapest.next_due_after(NOW) == utc(2026, 11, 25, 8)  # 09:00 CET
    (due,) = budapest.due(utc(2026, 11, 25, 8), since=NOW)
    assert (due.kind, due.source_id, due.due_at) == ("task", task_id, utc(2026, 11, 25, 8))
    assert due.occurrence_key == f"{task_id}:2026-11-25" and due.text == "Task due: Call the bank"
    assert budapest.due(utc(2026, 11, 25, 7, 59), since=NOW) == []
    new_york = ReminderService(db, clock=clock, timezone="America/New_York")
    assert new_york.next_due_after(NOW) == utc(2026, 11, 25, 14)  # 09:00 EST


def test_task_due_on_a_date_in_summer_time(db: Database, clock: FixedClock) -> None:
    task(db, clock, "Summer", due_date=date(2027, 7, 1))
    service = ReminderService(db, clock=clock, timezone=ZONE)
    assert service.next_due_after(NOW) == utc(2027, 7, 1, 7)  # 09:00 CEST


def test_cancelled_event_never_reminds(db: Database, clock: FixedClock) -> None:
    weekly = Recurrence(Frequency.WEEKLY, 1)
    meeting(db, clock, "Cancelled", NOW + timedelta(hours=2), status="cancelled")
    meeting(
        db,
        clock,
        "Cancelled series",
        NOW + timedelta(hours=3),
        status="cancelled",
        recurrence=weekly,
    )
    meeting(db, clock, "Cancelled day", local(2026, 11, 25), all_day=True, status="cancelled")
    service = ReminderService(db, clock=clock, timezone=ZONE)
    assert service.due(NOW, within=timedelta(days=30), include_claimed=True) == []
    assert service.next_due_after(NOW) is None

    # Cancelled after its reminder was snoozed: the snooze ends in silence.
    planned = meeting(db, clock, "Planned", NOW + timedelta(minutes=20), reminder_minutes=(15,))
    clock.now = NOW + timedelta(minutes=5)
    (shown,) = service.due(clock.now, since=NOW)
    assert shown.source_id == planned and service.claim([shown], clock.now) == [shown]
    service.snooze(shown, clock.now + timedelta(minutes=5))
    EventService(db, clock=clock).set_status(planned, "cancelled")
    clock.now += timedelta(minutes=10)
    assert service.snoozed_due(clock.now) == []
    assert service.due(clock.now, since=NOW) == []
