"""Due occurrences per kind, computed from our tables for a window of instants.

Why windows and not a materialized schedule: the tables are the single
source of truth (ARCHITECTURE rule 5). Every kind answers two questions
from SQL: "what falls due in [lo, hi]" (bounded by index ranges) and "what
is the earliest instant after ``at``" (one ordered index probe per kind,
never a scan of 100,000 birthdays expanded in Python).

Times: event and task instants are UTC; birthdays, dates, all-day tasks and
stay-in-touch remind at 09:00 on the user's clock (``zone``), resolved with
:func:`~crm_desktop.domain.dates.localize` so DST gaps and folds give one
instant. Occurrence keys never contain a local time, so a change of zone or
a DST fold cannot make one occurrence look like two.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from crm_desktop.domain.dates import Feb29Policy, localize
from crm_desktop.services.reminder_dto import DueReminder, ReminderKind, ReminderSettings
from crm_desktop.services.reminder_events import (
    event_next_after,
    event_window,
    series_starts_between,
)
from crm_desktop.services.reminder_yearly import (
    birthday_next_after,
    birthdays_on,
    birthdays_window,
    date_next_after,
    dates_window,
)
from crm_desktop.services.sqltime import parse_utc, to_sql
from crm_desktop.storage.models.contacts import STAY_DUE, STAY_LIVE

REMIND_AT = time(9, 0)


@dataclass
class Frame:
    """The per-computation context: connection, zone, settings, and a cache of 09:00s."""

    conn: sqlite3.Connection
    zone: ZoneInfo
    settings: ReminderSettings
    _nines: dict[date, datetime] = field(default_factory=dict)
    #: contacts with their own birthday lead times, read once per computation
    overrides: list[tuple[object, ...]] | None = None
    feb29: Feb29Policy = Feb29Policy.FEB_28

    def __post_init__(self) -> None:
        self.feb29 = Feb29Policy(self.settings.feb29)

    def at_local(self, d: date, t: time = REMIND_AT) -> datetime:
        """The UTC instant of wall time ``t`` on local day ``d`` (cached for 09:00)."""
        if t != REMIND_AT:
            return localize(datetime.combine(d, t), self.zone).astimezone(UTC)
        found = self._nines.get(d)
        if found is None:
            found = localize(datetime.combine(d, t), self.zone).astimezone(UTC)
            self._nines[d] = found
        return found

    def local_date(self, instant: datetime) -> date:
        return instant.astimezone(self.zone).date()


def collect(frame: Frame, lo: datetime, hi: datetime, stay_lo: datetime) -> list[DueReminder]:
    """Every occurrence of every kind due in [lo, hi] (stay-in-touch: [stay_lo, hi])."""
    found: list[DueReminder] = []
    found.extend(event_window(frame.conn, frame.zone, lo, hi))
    found.extend(tasks_window(frame, lo, hi))
    found.extend(birthdays_window(frame, lo, hi))
    found.extend(dates_window(frame, lo, hi))
    found.extend(stay_window(frame, stay_lo, hi))
    found.extend(digest_window(frame, lo, hi))
    return found


def collect_kind(frame: Frame, kind: str, lo: datetime, hi: datetime) -> list[DueReminder]:
    """One kind only: used to rebuild a snoozed reminder from its source rows."""
    if kind == ReminderKind.EVENT:
        return event_window(frame.conn, frame.zone, lo, hi)
    if kind == ReminderKind.TASK:
        return list(tasks_window(frame, lo, hi))
    if kind == ReminderKind.BIRTHDAY:
        return list(birthdays_window(frame, lo, hi))
    if kind == ReminderKind.DATE:
        return list(dates_window(frame, lo, hi))
    if kind == ReminderKind.STAY_IN_TOUCH:
        return list(stay_window(frame, lo, hi))
    if kind == ReminderKind.DIGEST:
        return list(digest_window(frame, lo, hi))
    return []


def next_after(frame: Frame, at: datetime) -> datetime | None:
    """The earliest due instant strictly after ``at``, over every kind."""
    candidates = [
        event_next_after(frame.conn, at),
        task_next_after(frame, at),
        birthday_next_after(frame, at),
        date_next_after(frame, at),
        stay_next_after(frame, at),
        digest_next_after(frame, at),
    ]
    times = [c for c in candidates if c is not None and c > at]
    return min(times) if times else None


# -- tasks ---------------------------------------------------------------------------------

_TASK_COLUMNS = "SELECT t.id, t.title, t.contact_id, c.display_name"
_TASK_LIVE = "t.done = 0 AND (t.contact_id IS NULL OR c.trashed_at IS NULL)"
_TASK_JOIN = " FROM task t LEFT JOIN contact c ON c.id = t.contact_id WHERE " + _TASK_LIVE


def _task(row: tuple[object, ...], key: str, due: datetime) -> DueReminder:
    task_id, title, contact_id, name = row[0], str(row[1]), row[2], row[3]
    assert isinstance(task_id, int)
    text = f"Task due: {title}" + (f" ({name})" if name else "")
    return DueReminder(
        kind=ReminderKind.TASK,
        source_id=task_id,
        occurrence_key=f"{task_id}:{key}",
        due_at=due,
        text=text,
        contact_ids=(contact_id,) if isinstance(contact_id, int) else (),
        starts_at=due,
        subject=title,
    )


def tasks_window(frame: Frame, lo: datetime, hi: datetime) -> Iterator[DueReminder]:
    """Tasks at their instant, or at 09:00 local on their day (key: the day)."""
    sql = _TASK_COLUMNS + ", t.due_at" + _TASK_JOIN + " AND t.due_at >= ? AND t.due_at <= ?"
    for row in frame.conn.execute(sql, (to_sql(lo), to_sql(hi))):
        due = parse_utc(row[4])
        assert due is not None
        yield _task(row, due.isoformat(), due)
    first, last = frame.local_date(lo) - timedelta(days=1), frame.local_date(hi) + timedelta(days=1)
    sql = _TASK_COLUMNS + ", t.due_date" + _TASK_JOIN + " AND t.due_date >= ? AND t.due_date <= ?"
    for row in frame.conn.execute(sql, (first.isoformat(), last.isoformat())):
        due = frame.at_local(date.fromisoformat(row[4]))
        if lo <= due <= hi:
            yield _task(row, row[4], due)


_DUE_BY = "t.done = 0 AND (t.due_at < ? OR t.due_date <= ?)"
# _TASK_LIVE's complement (a task of a contact in the trash), driven from the few trashed
# contacts: all open tasks minus these is 4x faster than _TASK_JOIN's join per task (15 vs
# 60 ms with 20,000 open tasks), and the digest is recomputed by every catch-up window.
_TRASHED_TASKS = (
    "SELECT count(*) FROM contact c INDEXED BY ix_contact_trashed"
    " CROSS JOIN task t ON t.contact_id = c.id WHERE c.trashed_at IS NOT NULL AND " + _DUE_BY
)


def tasks_due_by(frame: Frame, end: datetime, day: date) -> int:
    """Open tasks due before ``end`` or on a date up to ``day``: the digest's count.

    The same live rows as :func:`tasks_window` (a contact in the trash reminds of nothing).
    """
    params = (to_sql(end), day.isoformat())
    every = frame.conn.execute("SELECT count(*) FROM task t WHERE " + _DUE_BY, params).fetchone()
    trashed = frame.conn.execute(_TRASHED_TASKS, params).fetchone()
    return int(every[0]) - int(trashed[0])


def task_next_after(frame: Frame, at: datetime) -> datetime | None:
    best: datetime | None = None
    sql = "SELECT t.due_at" + _TASK_JOIN + " AND t.due_at > ? ORDER BY t.due_at LIMIT 1"
    row = frame.conn.execute(sql, (to_sql(at),)).fetchone()
    if row is not None:
        best = parse_utc(row[0])
    sql = "SELECT DISTINCT t.due_date" + _TASK_JOIN + " AND t.due_date >= ? ORDER BY 1 LIMIT 3"
    start = frame.local_date(at) - timedelta(days=1)
    for (day,) in frame.conn.execute(sql, (start.isoformat(),)):
        due = frame.at_local(date.fromisoformat(day))
        if due > at:
            best = due if best is None else min(best, due)
            break
    return best


# -- stay in touch -------------------------------------------------------------------------

_ELAPSED = STAY_DUE
_STAY_SQL = (
    "SELECT id, display_name, stay_in_touch_days, last_contacted_at, created_at"
    # The WHERE implies ix_contact_stay_due's and _ELAPSED is its expression, verbatim:
    # a range on that index (a few rows) instead of a table scan (20 ms at 100k).
    # INDEXED BY turns a lost plan (a schema change, a reworded WHERE) into an error the
    # tests see, not a silent 200 ms: a "trashed_at IS NULL" partial index once won.
    f" FROM contact INDEXED BY ix_contact_stay_due WHERE {STAY_LIVE} AND stay_in_touch_days > 0"
)


def _stay(frame: Frame, row: tuple[object, ...]) -> DueReminder:
    contact_id, name, days = row[0], str(row[1]), row[2]
    assert isinstance(contact_id, int) and isinstance(days, int)
    last = parse_utc(row[3])  # type: ignore[arg-type]
    base = last or parse_utc(row[4])  # type: ignore[arg-type]
    assert base is not None
    elapsed = base + timedelta(days=days)
    due = frame.at_local(frame.local_date(elapsed))
    if due < elapsed:  # the first 09:00 after the cadence ran out
        due = frame.at_local(frame.local_date(elapsed) + timedelta(days=1))
    # Keyed by the last contact: a logged interaction starts a new cycle.
    key = f"{contact_id}:{last.isoformat() if last else 'never'}"
    if last is None:
        text = f"Stay in touch with {name}: no contact logged yet"
    else:
        text = f"Stay in touch with {name}: last contact on {last.date().isoformat()}"
    return DueReminder(
        kind=ReminderKind.STAY_IN_TOUCH,
        source_id=contact_id,
        occurrence_key=key,
        due_at=due,
        text=text,
        contact_ids=(contact_id,),
        starts_at=last,
        lead=days,
        subject=name,
    )


def stay_window(frame: Frame, lo: datetime, hi: datetime) -> Iterator[DueReminder]:
    sql = _STAY_SQL + f" AND {_ELAPSED} BETWEEN julianday(?) - 1.5 AND julianday(?) + 0.01"
    for row in frame.conn.execute(sql, (to_sql(lo), to_sql(hi))):
        reminder = _stay(frame, row)
        if lo <= reminder.due_at <= hi:
            yield reminder


def stay_next_after(frame: Frame, at: datetime) -> datetime | None:
    # due > at  <=>  the cadence ran out after the last 09:00 at or before ``at``.
    today = frame.local_date(at)
    nine = frame.at_local(today)
    last_nine = nine if nine <= at else frame.at_local(today - timedelta(days=1))
    sql = _STAY_SQL + f" AND {_ELAPSED} > julianday(?) - 0.01 ORDER BY {_ELAPSED} LIMIT 8"
    for row in frame.conn.execute(sql, (to_sql(last_nine),)):
        due = _stay(frame, row).due_at
        if due > at:
            return due
    return None


# -- morning digest ------------------------------------------------------------------------


def _digest(frame: Frame, day: date, due: datetime) -> DueReminder:
    start = frame.at_local(day, time(0, 0))
    end = frame.at_local(day + timedelta(days=1), time(0, 0))
    conn = frame.conn
    meetings = conn.execute(
        "SELECT count(*) FROM event WHERE recur_freq IS NULL AND status <> 'cancelled'"
        " AND starts_at >= ? AND starts_at < ?",
        (to_sql(start), to_sql(end)),
    ).fetchone()[0] + series_starts_between(conn, start, end)  # recurring meetings count too
    # The reminders' own queries: the 29 February policy, mute and the trash agree.
    birthdays = birthdays_on(frame, day)
    overdue = tasks_due_by(frame, end, day)
    text = f"Today: {meetings} meetings, {birthdays} birthdays, {overdue} tasks due or overdue"
    return DueReminder(
        kind=ReminderKind.DIGEST,
        source_id=0,
        occurrence_key=day.isoformat(),
        due_at=due,
        text=text,
        occurs_on=day,
    )


def digest_window(frame: Frame, lo: datetime, hi: datetime) -> Iterator[DueReminder]:
    at = frame.settings.digest_at
    if at is None:
        return
    day, last = frame.local_date(lo) - timedelta(days=1), frame.local_date(hi) + timedelta(days=1)
    while day <= last:
        due = frame.at_local(day, at)
        if lo <= due <= hi:
            yield _digest(frame, day, due)
        day += timedelta(days=1)


def digest_next_after(frame: Frame, at: datetime) -> datetime | None:
    when = frame.settings.digest_at
    if when is None:
        return None
    day = frame.local_date(at)
    for offset in range(3):
        due = frame.at_local(day + timedelta(days=offset), when)
        if due > at:
            return due
    return None
