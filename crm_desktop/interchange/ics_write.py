"""The calendar as one iCalendar file (RFC 5545).

Meetings are built with ``icalendar``; tasks and birthdays (85,000 of
them at 100,000 contacts) are written as text by :mod:`.ics_text`, about a
hundred times faster; both are parsed back with ``icalendar`` in the tests.

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
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from crm_desktop.domain.choices import EventStatus, TaskPriority
from crm_desktop.domain.dates import Feb29Policy, PartialDate, localize
from crm_desktop.domain.lead_days import parse_stored
from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.interchange.ics_text import alarm_lines, date_text, stamp_text, text_component
from crm_desktop.interchange.vcard_write import escape_text
from crm_desktop.services.reminder_dto import ReminderSettings
from crm_desktop.services.reminder_sources import REMIND_AT
from crm_desktop.services.sqltime import parse_utc
from crm_desktop.storage.database import Database

__all__ = [
    "DEFAULT_BIRTHDAY_DAYS",
    "PRODID",
    "IcsBirthday",
    "IcsEvent",
    "IcsTask",
    "calendar_ics",
    "load_calendar",
    "write_calendar",
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


def _alarm(text: str, trigger: timedelta) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", trigger)
    return alarm


def _todo(item: IcsTask, stamp: str, salt: str) -> str:
    lines = [
        "BEGIN:VTODO",
        f"SUMMARY:{escape_text(item.title)}",
        f"DTSTAMP:{stamp}",
        f"UID:{_uid('task', item.id, salt)}",
    ]
    if item.due_at is not None:
        lines.append(f"DUE:{stamp_text(item.due_at)}")
    elif item.due_date is not None:
        lines.append(f"DUE;VALUE=DATE:{date_text(item.due_date)}")
    if item.notes:
        lines.append(f"DESCRIPTION:{escape_text(item.notes)}")
    if item.priority in _PRIORITY:
        lines.append(f"PRIORITY:{_PRIORITY[TaskPriority(item.priority)]}")
    if item.done:
        lines.append("STATUS:COMPLETED")
        if item.done_at is not None:
            lines.append(f"COMPLETED:{stamp_text(item.done_at)}")
    else:
        lines.append("STATUS:NEEDS-ACTION")
        # What the app fires for an open task: at its instant, or at 09:00 on its day.
        if item.due_at is not None:
            lines += alarm_lines(item.title, timedelta(0), related_end=True)
        elif item.due_date is not None:
            lines += alarm_lines(item.title, _REMIND_OFFSET, related_end=True)
    lines.append("END:VTODO")
    return text_component(lines)


def _birthday(item: IcsBirthday, stamp: str, salt: str, feb29: Feb29Policy) -> str:
    b = item.birthday
    start = date(b.year if b.year is not None else _YEARLESS_START, b.month, b.day)
    rule = "FREQ=YEARLY"
    if (b.month, b.day) == (2, 29):
        rule += ";BYMONTHDAY=-1;BYMONTH=2" if feb29 is Feb29Policy.FEB_28 else ";BYYEARDAY=60"
    summary = f"Birthday: {item.name}"
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{escape_text(summary)}",
        f"DTSTART;VALUE=DATE:{date_text(start)}",
        f"DTEND;VALUE=DATE:{date_text(start + timedelta(days=1))}",
        f"DTSTAMP:{stamp}",
        f"UID:{_uid('birthday', item.contact_id, salt)}",
        "CATEGORIES:BIRTHDAY",
        f"RRULE:{rule}",
        "TRANSP:TRANSPARENT",
    ]
    for lead in sorted(set(item.leads), reverse=True):
        lines += alarm_lines(summary, _REMIND_OFFSET - timedelta(days=lead))
    lines.append("END:VEVENT")
    return text_component(lines)


_END = b"END:VCALENDAR\r\n"


def write_calendar(
    events: Iterable[IcsEvent],
    tasks: Iterable[IcsTask],
    birthdays: Iterable[IcsBirthday],
    *,
    now: datetime,
    feb29: Feb29Policy = Feb29Policy.FEB_28,
    salt: str = "",
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """One VCALENDAR as bytes; ``salt`` keeps UIDs of two databases apart.

    Meetings go through ``icalendar`` (VTIMEZONEs, RRULEs); tasks and
    birthdays, most of a big calendar, are written as text (:mod:`.ics_text`).
    ``progress(done)`` is called every :data:`PROGRESS_STEP` items (events,
    tasks and birthdays together); it may raise to stop the work.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    dtstamp = now.astimezone(UTC).replace(microsecond=0)
    stamp = stamp_text(dtstamp)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None and done % PROGRESS_STEP == 0:
            progress(done)

    for e in events:
        cal.add_component(_event(e, dtstamp, salt))
        step()
    cal.add_missing_timezones()
    head = cal.to_ical()
    assert head.endswith(_END)
    parts = [head[: -len(_END)]]
    for t in tasks:
        parts.append(_todo(t, stamp, salt).encode("utf-8"))
        step()
    for b in birthdays:
        parts.append(_birthday(b, stamp, salt, feb29).encode("utf-8"))
        step()
    parts.append(_END)
    return b"".join(parts)


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
            default_days if own is None else parse_stored(str(own)),
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
    total)`` follows the work (it may raise to stop it).
    """
    events, tasks, birthdays = load_calendar(db, birthday_days=birthday_days)
    total = len(events) + len(tasks) + len(birthdays)
    step = None if progress is None else (lambda done: progress(done, total))
    data = write_calendar(events, tasks, birthdays, now=now, feb29=feb29, salt=salt, progress=step)
    if progress is not None:
        progress(total, total)
    return data, (len(events), len(tasks), len(birthdays))
