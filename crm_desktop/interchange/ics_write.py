"""The calendar as one iCalendar file (RFC 5545), built with ``icalendar``.

- Meetings, calls and follow-ups are VEVENTs at their local wall time with
  ``DTSTART;TZID=<zone>`` and a VTIMEZONE per zone (``add_missing_timezones``),
  so a weekly 09:00 meeting stays at 09:00 across DST in other programs too.
  A series is one VEVENT with an RRULE (FREQ, INTERVAL, COUNT or UNTIL; our
  inclusive local end date becomes the UTC instant of that day's last
  second, as RFC 5545 requires UNTIL in UTC next to a TZID). All-day events
  are DATE values. Each reminder offset is a VALARM (ACTION:DISPLAY,
  TRIGGER:-PT<n>M).
- Tasks are VTODOs: DUE as a DATE (due on a day) or a UTC instant; done
  tasks are STATUS:COMPLETED; priority high/normal/low is 1/5/9. An open
  task with a due date carries the alarm the app fires for it: at the due
  instant (``TRIGGER;RELATED=END:P0D``, END of a VTODO being its DUE), or
  at 09:00 on the due day (``TRIGGER;RELATED=END:PT9H`` from the all-day DUE).
- Birthdays are all-day yearly VEVENTs, transparent, with the alarms the
  app fires: one per lead day (the contact's own, else the default from
  the reminder settings; muted: none), at 09:00 that many days before the
  floating all-day start, so at 09:00 on the user's clock like the app:
  ``TRIGGER:-P6DT15H`` is 09:00 seven days before, ``TRIGGER:PT9H`` on the
  day (RFC 5545 3.8.6.3, relative to DTSTART). 29 February follows
  the app's :class:`Feb29Policy`: ``FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1``
  (the last day of February: 28th in common years) or
  ``FREQ=YEARLY;BYYEARDAY=60`` (1 March in common years, 29 Feb in leap
  years). A plain yearly rule on 29 Feb would skip three years in four
  (RFC 5545). Without a year of birth, the series starts in 2000.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import chain
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from crm_desktop.domain.choices import EventStatus, TaskPriority
from crm_desktop.domain.dates import Feb29Policy, PartialDate, localize
from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.services.reminder_dto import ReminderSettings
from crm_desktop.services.reminder_sources import REMIND_AT
from crm_desktop.services.reminder_yearly import parse_leads
from crm_desktop.services.sqltime import parse_utc
from crm_desktop.storage.database import Database

__all__ = [
    "DEFAULT_BIRTHDAY_DAYS",
    "PRODID",
    "IcsBirthday",
    "IcsEvent",
    "IcsTask",
    "build_calendar",
    "calendar_ics",
    "load_calendar",
]

PRODID = "-//CRM Desktop//Calendar export//EN"
_UID_DOMAIN = "crm-desktop.invalid"
_YEARLESS_START = 2000  # a leap year, so 29 February exists
_PRIORITY = {TaskPriority.HIGH: 1, TaskPriority.NORMAL: 5, TaskPriority.LOW: 9}
_STATUS = {EventStatus.CANCELLED: "CANCELLED"}
#: Items between two ``progress`` calls of :func:`build_calendar`.
PROGRESS_STEP = 1000
#: The default birthday lead days when the settings say nothing.
DEFAULT_BIRTHDAY_DAYS = ReminderSettings().birthday_days
_REMIND_OFFSET = timedelta(hours=REMIND_AT.hour, minutes=REMIND_AT.minute)


@dataclass(frozen=True, slots=True)
class IcsEvent:
    id: int
    title: str
    kind: str
    timezone: str
    local_start: datetime  # naive wall time in ``timezone``
    local_end: datetime
    all_day: bool = False
    location: str | None = None
    notes: str | None = None
    status: str = "planned"
    recurrence: Recurrence | None = None
    reminder_minutes: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class IcsTask:
    id: int
    title: str
    due_date: date | None = None
    due_at: datetime | None = None  # aware
    done: bool = False
    done_at: datetime | None = None
    priority: int = 0
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class IcsBirthday:
    contact_id: int
    name: str
    birthday: PartialDate
    #: Days before the birthday the app reminds (at 09:00); (): no reminder.
    leads: tuple[int, ...] = ()


def _uid(kind: str, ident: int, salt: str) -> str:
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, f'{salt}:{kind}:{ident}')}@{_UID_DOMAIN}"


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _rrule(rule: Recurrence, tz: ZoneInfo, all_day: bool) -> dict[str, object]:
    value: dict[str, object] = {"FREQ": rule.freq.value.upper()}
    if rule.interval != 1:
        value["INTERVAL"] = rule.interval
    if rule.count is not None:
        value["COUNT"] = rule.count
    if rule.until is not None:
        if all_day:
            value["UNTIL"] = rule.until
        else:
            last = localize(datetime.combine(rule.until, time(23, 59, 59)), tz)
            value["UNTIL"] = last.astimezone(UTC)
    return value


def _event(item: IcsEvent, stamp: datetime, salt: str) -> icalendar.Event:
    tz = _zone(item.timezone)
    event = icalendar.Event()
    event.add("uid", _uid("event", item.id, salt))
    event.add("dtstamp", stamp)
    event.add("summary", item.title)
    if item.all_day:
        event.add("dtstart", item.local_start.date())
        event.add("dtend", max(item.local_end.date(), item.local_start.date() + timedelta(days=1)))
    else:
        event.add("dtstart", item.local_start.replace(tzinfo=tz))
        event.add("dtend", item.local_end.replace(tzinfo=tz))
    if item.location:
        event.add("location", item.location)
    if item.notes:
        event.add("description", item.notes)
    event.add("categories", [item.kind.replace("_", "-").upper()])
    event.add("status", _STATUS.get(EventStatus(item.status), "CONFIRMED"))
    if item.recurrence is not None:
        event.add("rrule", _rrule(item.recurrence, tz, item.all_day))
    for minutes in sorted(set(item.reminder_minutes)):
        event.add_component(_alarm(item.title, timedelta(minutes=-minutes)))
    return event


def _alarm(text: str, trigger: timedelta, *, related_end: bool = False) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    if related_end:
        alarm.add("trigger", trigger, parameters={"RELATED": "END"})
    else:
        alarm.add("trigger", trigger)
    return alarm


def _todo(item: IcsTask, stamp: datetime, salt: str) -> icalendar.Todo:
    todo = icalendar.Todo()
    todo.add("uid", _uid("task", item.id, salt))
    todo.add("dtstamp", stamp)
    todo.add("summary", item.title)
    if item.due_at is not None:
        todo.add("due", item.due_at.astimezone(UTC))
    elif item.due_date is not None:
        todo.add("due", item.due_date)
    if item.notes:
        todo.add("description", item.notes)
    if item.priority in _PRIORITY:
        todo.add("priority", _PRIORITY[TaskPriority(item.priority)])
    if item.done:
        todo.add("status", "COMPLETED")
        if item.done_at is not None:
            todo.add("completed", item.done_at.astimezone(UTC))
    else:
        todo.add("status", "NEEDS-ACTION")
        # What the app fires for an open task: at its instant, or at 09:00 on its day.
        if item.due_at is not None:
            todo.add_component(_alarm(item.title, timedelta(0), related_end=True))
        elif item.due_date is not None:
            todo.add_component(_alarm(item.title, _REMIND_OFFSET, related_end=True))
    return todo


def _birthday(item: IcsBirthday, stamp: datetime, salt: str, feb29: Feb29Policy) -> icalendar.Event:
    b = item.birthday
    start = date(b.year if b.year is not None else _YEARLESS_START, b.month, b.day)
    event = icalendar.Event()
    event.add("uid", _uid("birthday", item.contact_id, salt))
    event.add("dtstamp", stamp)
    event.add("summary", f"Birthday: {item.name}")
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["BIRTHDAY"])
    rule: dict[str, object] = {"FREQ": "YEARLY"}
    if (b.month, b.day) == (2, 29):
        if feb29 is Feb29Policy.FEB_28:
            rule.update({"BYMONTH": 2, "BYMONTHDAY": -1})
        else:
            rule["BYYEARDAY"] = 60
    event.add("rrule", rule)
    for lead in sorted(set(item.leads), reverse=True):
        event.add_component(_alarm(f"Birthday: {item.name}", _REMIND_OFFSET - timedelta(days=lead)))
    return event


def build_calendar(
    events: Iterable[IcsEvent],
    tasks: Iterable[IcsTask],
    birthdays: Iterable[IcsBirthday],
    *,
    now: datetime,
    feb29: Feb29Policy = Feb29Policy.FEB_28,
    salt: str = "",
    progress: Callable[[int], None] | None = None,
) -> icalendar.Calendar:
    """One VCALENDAR; ``salt`` keeps UIDs of two databases apart.

    ``progress(done)`` is called every :data:`PROGRESS_STEP` items (events,
    tasks and birthdays together); it may raise to stop the build.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    stamp = now.astimezone(UTC).replace(microsecond=0)
    components = chain(
        (_event(e, stamp, salt) for e in events),
        (_todo(t, stamp, salt) for t in tasks),
        (_birthday(b, stamp, salt, feb29) for b in birthdays),
    )
    for done, component in enumerate(components, start=1):
        cal.add_component(component)
        if progress is not None and done % PROGRESS_STEP == 0:
            progress(done)
    cal.add_missing_timezones()
    return cal


def _events(conn: sqlite3.Connection) -> list[IcsEvent]:
    reminders: dict[int, list[int]] = {}
    for event_id, minutes in conn.execute(
        "SELECT event_id, minutes_before FROM event_reminder ORDER BY event_id, minutes_before"
    ):
        reminders.setdefault(int(event_id), []).append(int(minutes))
    rows = conn.execute(
        "SELECT id, title, kind, timezone, local_start, local_end, all_day, location, notes,"
        " status, recur_freq, recur_interval, recur_until, recur_count FROM event ORDER BY id"
    ).fetchall()
    found: list[IcsEvent] = []
    for (
        eid,
        title,
        kind,
        tz,
        start,
        end,
        all_day,
        location,
        notes,
        status,
        freq,
        interval,
        until,
        count,
    ) in rows:
        rule = None
        if freq:
            rule = Recurrence(
                Frequency(freq),
                int(interval or 1),
                until=date.fromisoformat(str(until)[:10]) if until else None,
                count=int(count) if count is not None else None,
            )
        found.append(
            IcsEvent(
                id=int(eid),
                title=str(title),
                kind=str(kind),
                timezone=str(tz),
                local_start=datetime.fromisoformat(str(start)),
                local_end=datetime.fromisoformat(str(end)),
                all_day=bool(all_day),
                location=location,
                notes=notes,
                status=str(status),
                recurrence=rule,
                reminder_minutes=tuple(reminders.get(int(eid), ())),
            )
        )
    return found


def _tasks(conn: sqlite3.Connection) -> list[IcsTask]:
    rows = conn.execute(
        "SELECT id, title, due_date, due_at, done, done_at, priority, notes FROM task"
        " WHERE contact_id IS NULL OR contact_id IN (SELECT id FROM contact"
        " WHERE trashed_at IS NULL) ORDER BY id"
    ).fetchall()
    return [
        IcsTask(
            id=int(tid),
            title=str(title),
            due_date=date.fromisoformat(str(due_date)[:10]) if due_date else None,
            due_at=parse_utc(due_at),
            done=bool(done),
            done_at=parse_utc(done_at),
            priority=int(priority or 0),
            notes=notes,
        )
        for tid, title, due_date, due_at, done, done_at, priority, notes in rows
    ]


def _birthdays(conn: sqlite3.Connection, default_days: tuple[int, ...]) -> list[IcsBirthday]:
    """Live birthdays with the lead days the reminders engine uses for each contact:
    its own (``birthday_reminder_days``; "" is muted) or else the default."""
    rows = conn.execute(
        "SELECT id, display_name, birthday_month, birthday_day, birthday_year,"
        " birthday_reminder_days FROM contact"
        " WHERE trashed_at IS NULL AND birthday_month IS NOT NULL AND birthday_day IS NOT NULL"
        " ORDER BY birthday_month, birthday_day, id"
    ).fetchall()
    return [
        IcsBirthday(
            int(cid),
            str(name),
            PartialDate(int(m), int(d), int(y) if y else None),
            default_days if own is None else parse_leads(str(own)),
        )
        for cid, name, m, d, y, own in rows
    ]


def load_calendar(
    db: Database, *, birthday_days: Sequence[int] = DEFAULT_BIRTHDAY_DAYS
) -> tuple[list[IcsEvent], list[IcsTask], list[IcsBirthday]]:
    """Every event, task (not of trashed contacts) and live birthday, in one snapshot.

    ``birthday_days``: the default lead days (the reminder settings' ``birthday_days``).
    """
    default_days = tuple(sorted(set(birthday_days)))
    with db.read_raw() as conn:
        return _events(conn), _tasks(conn), _birthdays(conn, default_days)


def calendar_ics(
    db: Database,
    *,
    now: datetime,
    feb29: Feb29Policy = Feb29Policy.FEB_28,
    salt: str = "",
    birthday_days: Sequence[int] = DEFAULT_BIRTHDAY_DAYS,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[bytes, Sequence[int]]:
    """The .ics bytes and the counts (events, tasks, birthdays).

    ``feb29`` and ``birthday_days`` (the default lead days) are the app's
    reminder settings, so the file reminds as the app does. ``progress(done,
    total)`` follows the build (it may raise to stop it); serializing, the
    last step, reports no progress of its own.
    """
    events, tasks, birthdays = load_calendar(db, birthday_days=birthday_days)
    total = len(events) + len(tasks) + len(birthdays)
    step = None if progress is None else (lambda done: progress(done, total))
    cal = build_calendar(events, tasks, birthdays, now=now, feb29=feb29, salt=salt, progress=step)
    if progress is not None:
        progress(total, total)
    return cal.to_ical(), (len(events), len(tasks), len(birthdays))
