"""What the calendar pane shows: per-day counts, a span's agenda, birthdays.

Why a service of its own: a month grid needs meetings, tasks and birthdays
for ~42 days in one round trip to the worker, and birthdays come from the
contacts' month/day columns with one SQL query (the ``ix_contact_birthday``
index), not from loading contacts. Days are local days in the zone the
caller draws in; 29 February birthdays move per :class:`Feb29Policy` in
common years.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text

from crm_desktop.domain.choices import EventStatus
from crm_desktop.domain.dates import Feb29Policy, localize
from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.services.base import Clock, NotFoundError, Service, utc_now
from crm_desktop.services.calendar_items import (
    Agenda,
    AgendaEvent,
    BirthdayItem,
    DayCounts,
    EventDetail,
    days,
    month_grid,
)
from crm_desktop.services.dto import EventOccurrence, TaskRow
from crm_desktop.services.events import EventService
from crm_desktop.services.tasks import TaskService
from crm_desktop.storage.database import Database

__all__ = [
    "Agenda",
    "AgendaEvent",
    "BirthdayItem",
    "CalendarService",
    "DayCounts",
    "EventDetail",
    "days",
    "month_grid",
]


def _local_bounds(start: date, end: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    return localize(datetime.combine(start, time()), tz), localize(
        datetime.combine(end, time()), tz
    )


def _event_days(occ: EventOccurrence, tz: ZoneInfo) -> list[date]:
    """Local days an occurrence is drawn on: its start day, or every day of an all-day span."""
    first = occ.start.astimezone(tz).date()
    if not occ.all_day:
        return [first]
    last = (occ.end.astimezone(tz) - timedelta(microseconds=1)).date()
    return list(days(first, max(last, first) + timedelta(days=1)))


def _task_day(task: TaskRow, tz: ZoneInfo) -> date | None:
    if task.due_at is not None:
        return task.due_at.astimezone(tz).date()
    return task.due_date


class CalendarService(Service):
    def __init__(
        self, db: Database, *, clock: Clock = utc_now, feb29: Feb29Policy | None = None
    ) -> None:
        """``feb29``: where 29 February birthdays fall in common years; None (the app):
        the user's setting (Settings > Reminders), read when asked, as the reminders do."""
        super().__init__(db, clock=clock)
        self.feb29 = feb29
        self.events = EventService(db, clock=clock)
        self.tasks = TaskService(db, clock=clock)

    # -- birthdays -------------------------------------------------------------

    def _feb29(self) -> Feb29Policy:
        if self.feb29 is not None:
            return self.feb29
        from crm_desktop.services.reminders import ReminderService

        return Feb29Policy(ReminderService(self.db, clock=self.clock).settings().feb29)

    def birthdays_between(self, start: date, end: date) -> list[BirthdayItem]:
        """Live contacts' birthdays celebrated in [start, end), by day then name."""
        if end <= start:
            return []
        wanted: dict[tuple[int, int], list[date]] = {}
        leap_day_stand_in = (2, 28) if self._feb29() is Feb29Policy.FEB_28 else (3, 1)
        for day in days(start, end):
            wanted.setdefault((day.month, day.day), []).append(day)
            if (day.month, day.day) == leap_day_stand_in and not _calendar.isleap(day.year):
                wanted.setdefault((2, 29), []).append(day)
        values = ", ".join(f"({m}, {d})" for m, d in wanted)  # ints only
        sql = (
            "SELECT id, display_name, birthday_month, birthday_day, birthday_year FROM contact"
            " WHERE trashed_at IS NULL"
            f" AND (birthday_month, birthday_day) IN (VALUES {values})"
        )
        with self.db.read() as session:
            rows = session.execute(text(sql)).all()
        found: list[BirthdayItem] = []
        for cid, name, month, day, year in rows:
            for when in wanted.get((month, day), ()):
                age = when.year - year if year is not None and when.year > year else None
                found.append(BirthdayItem(int(cid), str(name), when, age))
        found.sort(key=lambda b: (b.date, b.name.casefold(), b.contact_id))
        return found

    # -- spans -----------------------------------------------------------------

    def summary_between(self, start: date, end: date, tz: ZoneInfo) -> dict[date, DayCounts]:
        """Counts for every day of [start, end) that has anything (missing days: nothing)."""
        lo, hi = _local_bounds(start, end, tz)
        meetings: dict[date, int] = {}
        for occ in self.events.between(lo, hi):
            if occ.status == EventStatus.CANCELLED:
                continue
            for day in _event_days(occ, tz):
                if start <= day < end:
                    meetings[day] = meetings.get(day, 0) + 1
        tasks: dict[date, int] = {}
        for task in self.tasks.due_between(lo, hi, tz=tz):
            due = _task_day(task, tz)
            if due is not None:
                tasks[due] = tasks.get(due, 0) + 1
        birthdays: dict[date, int] = {}
        for item in self.birthdays_between(start, end):
            birthdays[item.date] = birthdays.get(item.date, 0) + 1
        return {
            day: DayCounts(meetings.get(day, 0), tasks.get(day, 0), birthdays.get(day, 0))
            for day in sorted({*meetings, *tasks, *birthdays})
        }

    def month_summary(
        self, year: int, month: int, tz: ZoneInfo, *, first_weekday: int = 0
    ) -> dict[date, DayCounts]:
        """Counts for the 6-week grid that shows ``month`` (adjacent days included)."""
        return self.summary_between(*month_grid(year, month, first_weekday), tz)

    def agenda_between(self, start: date, end: date, tz: ZoneInfo) -> Agenda:
        """Meetings (with contact names), tasks (done ones too) and birthdays of [start, end)."""
        lo, hi = _local_bounds(start, end, tz)
        occurrences = self.events.between(lo, hi)
        names = self.contact_names({c for o in occurrences for c in o.contact_ids})
        events = tuple(
            AgendaEvent(o, tuple(names[c] for c in o.contact_ids if c in names))
            for o in sorted(occurrences, key=lambda o: (not o.all_day, o.start, o.event_id))
        )
        tasks = tuple(self.tasks.due_between(lo, hi, tz=tz, include_done=True))
        return Agenda(events, tasks, tuple(self.birthdays_between(start, end)))

    # -- lookups ---------------------------------------------------------------

    def contact_names(self, contact_ids: Sequence[int] | set[int]) -> dict[int, str]:
        ids = ",".join(str(int(i)) for i in contact_ids)
        if not ids:
            return {}
        with self.db.read() as session:
            rows = session.execute(
                text(f"SELECT id, display_name FROM contact WHERE id IN ({ids})")
            ).all()
        return {int(cid): str(name) for cid, name in rows}

    def event_detail(self, event_id: int) -> EventDetail:
        occurrence = self.events.get(event_id)
        with self.db.read() as session:
            row = session.execute(
                text(
                    "SELECT notes, timezone, recur_freq, recur_interval, recur_until, recur_count"
                    " FROM event WHERE id = :id"
                ),
                {"id": event_id},
            ).first()
        if row is None:
            raise NotFoundError("Event", event_id)
        notes, zone_name, freq, interval, until, count = row
        rule = None
        if freq is not None:
            rule = Recurrence(
                Frequency(freq),
                int(interval),
                until=date.fromisoformat(until) if until else None,
                count=count,
            )
        names = self.contact_names(occurrence.contact_ids)
        contacts = tuple((c, names[c]) for c in occurrence.contact_ids if c in names)
        return EventDetail(occurrence, notes, str(zone_name), rule, contacts)
