"""All-day reminders on the nights the clocks change: local midnight, not midnight +- 1 h.

An all-day event on the Monday after a change starts at 00:00 in the new
offset; "1 day before" means 00:00 on the Sunday, in the old offset. A
subtraction of 24 h from the aware start lands on 01:00 (autumn) or 23:00
on Saturday (spring). Both zones, both transitions, one-off and series.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from support import factories
from support.factories import FixedClock

from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.services.dto import EventInput
from crm_desktop.services.events import EventService
from crm_desktop.services.reminders import ReminderService
from crm_desktop.storage.database import Database

db = factories.db
db_path = factories.db_path
template_db = factories.template_db
clock = factories.clock

# (zone, the Sunday the clocks change, the Monday after it)
NIGHTS = [
    ("Europe/Berlin", date(2027, 10, 31)),  # autumn: last Sunday of October
    ("Europe/Berlin", date(2027, 3, 28)),  # spring: last Sunday of March
    ("America/New_York", date(2027, 11, 7)),  # autumn: first Sunday of November
    ("America/New_York", date(2027, 3, 14)),  # spring: second Sunday of March
]


def midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def all_day(db: Database, clock: FixedClock, zone: str, day: date, **kw: object) -> int:
    start = datetime.combine(day, time(12), tzinfo=ZoneInfo(zone))
    data = EventInput(
        title="Trade fair",
        start=start,
        end=start,
        timezone=zone,
        all_day=True,
        reminder_minutes=(0, 1440, 2880),
        **kw,  # type: ignore[arg-type]
    )
    return EventService(db, clock=clock).create(data).id


@pytest.mark.parametrize(("zone", "sunday"), NIGHTS)
@pytest.mark.parametrize("weekly", [False, True])
def test_day_before_reminders_fire_at_local_midnight_across_a_clock_change(
    db: Database, clock: FixedClock, zone: str, sunday: date, weekly: bool
) -> None:
    tz = ZoneInfo(zone)
    monday = sunday + timedelta(days=1)
    if weekly:  # a series that began two weeks earlier: its third occurrence is that Monday
        first = monday - timedelta(days=14)
        event = all_day(db, clock, zone, first, recurrence=Recurrence(Frequency.WEEKLY, 1))
    else:
        event = all_day(db, clock, zone, monday)
    expected = [
        (2880, midnight(sunday - timedelta(days=1), tz)),  # Saturday 00:00
        (1440, midnight(sunday, tz)),  # Sunday 00:00, before the change that night
        (0, midnight(monday, tz)),  # Monday 00:00
    ]
    service = ReminderService(db, clock=clock, timezone=zone)
    lo = midnight(sunday - timedelta(days=2), tz)
    found = service.due(lo, within=timedelta(days=4), since=lo, include_claimed=True)
    got = [(r.lead, r.due_at) for r in found if r.source_id == event]
    got = [g for g in got if g[1] >= expected[0][1]]  # a series' earlier Mondays aside
    assert got == expected
    for lead, due in expected:  # at their local wall time: 00:00 on the day
        assert due.astimezone(tz).time() == time(0)
        # The next instant agrees with the window, from just before each one.
        assert service.next_due_after(due - timedelta(minutes=1)) == due, lead
        (again,) = [
            r
            for r in service.due(due, since=due - timedelta(minutes=1), include_claimed=True)
            if r.source_id == event
        ]
        assert again.lead == lead
    # The occurrence's start stays the event's own midnight (the key is unchanged).
    assert {r.starts_at for r in found if r.due_at >= expected[0][1]} == {midnight(monday, tz)}
