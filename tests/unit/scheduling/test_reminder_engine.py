"""The reminder engine's exactly-once rules, driven by a fake clock (no sleeps).

Each "restart" is a new ReminderEngine over the same database: only the
ledger and the settings table carry state between them, as in real life.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
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

NOW = factories.NOW  # Monday 2026-11-23 12:00 UTC
ZONE = "Europe/Budapest"


class Inbox:
    """The notify callback: records every batch and the thread it ran on."""

    def __init__(self) -> None:
        self.batches: list[list[DueReminder]] = []
        self.threads: list[str] = []
        self.arrived = threading.Event()

    def __call__(self, reminders: list[DueReminder]) -> None:
        self.batches.append(reminders)
        self.threads.append(threading.current_thread().name)
        self.arrived.set()

    @property
    def all(self) -> list[DueReminder]:
        return [r for batch in self.batches for r in batch]


def engine_for(db: Database, clock: FixedClock, zone: str = ZONE) -> tuple[ReminderEngine, Inbox]:
    inbox = Inbox()
    service = ReminderService(db, clock=clock, timezone=zone)
    return ReminderEngine(service, inbox, clock, timezone=zone), inbox


def add_task(db: Database, clock: FixedClock, title: str, due_at: datetime) -> int:
    return TaskService(db, clock=clock).create(TaskInput(title=title, due_at=due_at)).id


def add_meeting(db: Database, clock: FixedClock, start: datetime, **kw: object) -> int:
    data = EventInput(
        title=str(kw.pop("title", "Meeting with Ελένη Παπαδοπούλου")),
        start=start,
        end=start + timedelta(minutes=30),
        timezone=str(kw.pop("timezone", ZONE)),
        **kw,  # type: ignore[arg-type]
    )
    return EventService(db, clock=clock).create(data).id


@pytest.fixture
def started(db: Database, clock: FixedClock) -> Iterator[None]:
    """A first start at NOW: the epoch before which nothing counts as missed."""
    engine, _inbox = engine_for(db, clock)
    assert engine.catch_up() == []
    yield


def test_missed_while_closed_each_shown_once(
    db: Database, clock: FixedClock, started: None
) -> None:
    contacts = ContactService(db, clock=clock)
    eleni = contacts.create(
        contact_input(
            given_name="Ελένη", family_name="Παπαδοπούλου", birthday=PartialDate(11, 24, 1980)
        )
    ).id
    add_task(db, clock, "Send the offer", NOW + timedelta(hours=1))
    add_meeting(db, clock, NOW + timedelta(hours=3), reminder_minutes=(15,))
    clock.now = NOW + timedelta(days=1)  # the app was closed for a day

    engine, inbox = engine_for(db, clock)
    delivered = engine.catch_up()
    assert sorted(r.kind for r in delivered) == ["birthday", "event", "task"]
    assert all(r.missed for r in delivered) and inbox.batches == [delivered]
    birthday = next(r for r in delivered if r.kind == "birthday")
    assert birthday.text == "Ελένη Παπαδοπούλου turns 46 today" and birthday.contact_ids == (eleni,)
    event = next(r for r in delivered if r.kind == "event")
    assert event.text == "Meeting with Ελένη Παπαδοπούλου at 16:00"  # 15:00 UTC in Budapest
    missed = factories.scalar(db, "SELECT count(*) FROM reminder_ledger WHERE missed = 1")
    assert missed == 3

    again, inbox2 = engine_for(db, clock)
    assert again.catch_up() == [] and inbox2.batches == []


def test_sleep_and_resume_heartbeat_delivers_once(
    db: Database, clock: FixedClock, started: None
) -> None:
    engine, inbox = engine_for(db, clock)
    engine.catch_up()
    add_task(db, clock, "Call back", NOW + timedelta(hours=1))
    engine.run_due()  # what reschedule() does after the save
    assert engine.armed_for == NOW + timedelta(hours=1)
    clock.advance(seconds=30)
    assert engine.heartbeat() == []

    clock.advance(hours=2)  # the laptop slept; the monotonic timer never fired
    delivered = engine.heartbeat()
    assert [r.text for r in delivered] == ["Task due: Call back"]
    assert delivered[0].missed  # late by more than two minutes
    clock.advance(seconds=30)
    assert engine.heartbeat() == [] and engine.run_due() == []
    assert len(inbox.all) == 1


@pytest.mark.parametrize(
    ("zone", "spring", "autumn"),
    [
        ("Europe/Budapest", date(2026, 3, 29), date(2026, 10, 25)),
        ("America/New_York", date(2026, 3, 8), date(2026, 11, 1)),
    ],
)
def test_daily_0230_exactly_once_across_dst(
    db: Database, clock: FixedClock, zone: str, spring: date, autumn: date
) -> None:
    tz = ZoneInfo(zone)
    first = datetime.combine(spring - timedelta(days=3), time(2, 30), tzinfo=tz)
    clock.now = first - timedelta(days=1)
    engine, inbox = engine_for(db, clock, zone)
    engine.catch_up()
    add_meeting(
        db,
        clock,
        first,
        title="Stand-up",
        timezone=zone,
        reminder_minutes=(0,),
        recurrence=Recurrence(Frequency.DAILY),
    )
    for transition in (spring, autumn):
        clock.now = datetime.combine(transition - timedelta(days=3), time(0), tzinfo=tz)
        engine.run_due()
        end = datetime.combine(transition + timedelta(days=3), time(0), tzinfo=tz)
        inbox.batches.clear()
        while True:
            armed = engine.armed_for
            assert armed is not None
            if armed >= end:
                break
            clock.now = armed
            engine.run_due()
            clock.now = armed + timedelta(hours=1)  # the second 02:30 of a fold night
            engine.run_due()
            engine.heartbeat()
        days = [r.due_at.astimezone(tz).date() for r in inbox.all]
        expected = [transition + timedelta(days=d) for d in range(-3, 3)]
        assert days == expected, transition
        walls = {r.due_at.astimezone(tz).date(): r.due_at.astimezone(tz).time() for r in inbox.all}
        for day, wall in walls.items():
            assert wall == (time(3, 30) if day == spring else time(2, 30)), day


def test_snooze_then_restart_fires_again_once(
    db: Database, clock: FixedClock, started: None
) -> None:
    add_task(db, clock, "Renew contract", NOW + timedelta(minutes=5))
    clock.advance(minutes=6)
    engine, _inbox = engine_for(db, clock)
    (shown,) = engine.run_due()
    engine.service.snooze(shown, clock.now + timedelta(minutes=10))

    clock.advance(minutes=5)
    restarted, _inbox2 = engine_for(db, clock)
    assert restarted.catch_up() == []
    assert restarted.armed_for == NOW + timedelta(minutes=16)
    clock.advance(minutes=6)
    (again,) = restarted.catch_up()
    assert again.snoozed and again.identity == shown.identity
    third, _ = engine_for(db, clock)
    clock.advance(hours=1)
    assert third.catch_up() == []


def test_dismiss_then_restart_never_again(db: Database, clock: FixedClock, started: None) -> None:
    add_task(db, clock, "Pay invoice", NOW + timedelta(minutes=1))
    clock.advance(minutes=2)
    engine, _ = engine_for(db, clock)
    (shown,) = engine.run_due()
    engine.service.dismiss(shown)
    for hours in (1, 24, 24 * 20):
        clock.now = NOW + timedelta(hours=hours)
        restarted, inbox = engine_for(db, clock)
        assert restarted.catch_up() == [] and inbox.batches == []


def test_job_count_is_two_with_10000_future_events(db: Database, clock: FixedClock) -> None:
    with db.write() as session:
        conn = session.connection()
        for i in range(10_000):
            start = (NOW + timedelta(hours=1 + i)).replace(tzinfo=None)
            conn.execute(
                text(
                    "INSERT INTO event (kind, title, all_day, timezone, local_start, local_end,"
                    " starts_at, ends_at, status, recur_interval, created_at, updated_at)"
                    " VALUES ('meeting', 'm', 0, 'UTC', :local, :local, :utc, :utc, 'planned', 1,"
                    " :utc, :utc)"
                ),
                {"local": start.isoformat(), "utc": start.strftime("%Y-%m-%d %H:%M:%S.%f")},
            )
        conn.execute(text("INSERT INTO event_reminder SELECT id, 15 FROM event"))
    engine, _ = engine_for(db, clock)
    engine.start(paused=True)
    try:
        assert engine.job_count == 2
        engine.run_due()
        assert engine.job_count == 2
        assert engine.armed_for == NOW + timedelta(minutes=45)
    finally:
        engine.stop()


def test_real_scheduler_delivers_on_its_thread(db: Database, clock: FixedClock) -> None:
    service = ReminderService(db, clock=clock, timezone=ZONE)
    service.ensure_epoch(NOW - timedelta(hours=1))
    add_task(db, clock, "Overdue while closed", NOW - timedelta(minutes=30))
    inbox = Inbox()
    engine = ReminderEngine(service, inbox, clock, timezone="Not/AZone")  # falls back to UTC
    engine.start()
    try:
        assert inbox.arrived.wait(10), "the catch-up never ran"
        assert [r.missed for r in inbox.all] == [True]
        assert inbox.threads[0] != threading.main_thread().name
        inbox.arrived.clear()
        add_task(db, clock, "Saved already due", NOW - timedelta(seconds=1))
        engine.reschedule()
        assert inbox.arrived.wait(10), "reschedule did not run"
        assert [r.text for r in inbox.batches[-1]] == ["Task due: Saved already due"]
        assert engine.job_count == 2
    finally:
        engine.stop()
