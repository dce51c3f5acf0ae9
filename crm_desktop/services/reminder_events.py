"""Event reminders: each offset of each occurrence, recurring series included.

Why one-off events and series are handled apart: a one-off event is an
index range on ``starts_at``; a series is expanded in its own zone, and
only for the window asked (:func:`crm_desktop.domain.recurrence.occurrences`
jumps to a far window by arithmetic). The occurrence key is the
occurrence's UTC instant plus the offset, so a DST fold (02:30 twice) or a
change of the user's zone never yields a second key for one occurrence.

Why all-day offsets are counted on the wall clock: "1 day before" an
all-day event means 00:00 the day before, in the event's zone. Subtracting
24 h from the aware start is an hour off on the nights clocks change
(01:00 in autumn, 23:00 the evening before in spring), so the local wall
time is computed first and then localized (:func:`localize`, fold=0).
Such a due instant can be up to :data:`WALL_SLACK` away from
``start - offset``; the index ranges below are widened by that much.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crm_desktop.domain.dates import localize
from crm_desktop.domain.recurrence import Frequency, Recurrence, occurrences
from crm_desktop.services.events import MAX_REMINDER_MINUTES
from crm_desktop.services.reminder_dto import DueReminder, ReminderKind, day_month
from crm_desktop.services.sqltime import parse_utc, to_sql

__all__ = ["event_next_after", "event_window", "series_starts_between"]

#: How far ahead a series is searched for its next reminder (a yearly event fits).
SERIES_HORIZON = timedelta(days=800)
_MAX_STEPS = 5000  # occurrences examined per series, whatever the rule
#: How far a wall-clock offset can move a due instant from ``start - offset`` (the largest
#: DST shift is 2 h, Troll station); index ranges widen by this much, exact tests follow.
WALL_SLACK = timedelta(hours=3)

_ONE_OFF = (
    "SELECT e.id, e.title, e.all_day, e.timezone, e.starts_at, r.minutes_before"
    " FROM event e JOIN event_reminder r ON r.event_id = e.id"
    " WHERE e.recur_freq IS NULL AND e.status <> 'cancelled'"
)
_SERIES = (
    "SELECT e.id, e.title, e.all_day, e.timezone, e.local_start, e.recur_freq,"
    " e.recur_interval, e.recur_until, e.recur_count, group_concat(r.minutes_before)"
    " FROM event e JOIN event_reminder r ON r.event_id = e.id"
    " WHERE e.recur_freq IS NOT NULL AND e.status <> 'cancelled'"
    " AND e.starts_at <= ? AND (e.series_ends_at IS NULL OR e.series_ends_at >= ?)"
    " GROUP BY e.id"
)
# Every live series overlapping a window, reminders or not (the digest counts meetings).
_SERIES_ANY = (
    "SELECT e.id, e.title, e.all_day, e.timezone, e.local_start, e.recur_freq,"
    " e.recur_interval, e.recur_until, e.recur_count, '0'"
    " FROM event e WHERE e.recur_freq IS NOT NULL AND e.status <> 'cancelled'"
    " AND e.starts_at < ? AND (e.series_ends_at IS NULL OR e.series_ends_at >= ?)"
)


@dataclass(frozen=True, slots=True)
class _Series:
    event_id: int
    title: str
    all_day: bool
    zone: ZoneInfo
    first_wall: datetime
    rule: Recurrence
    minutes: tuple[int, ...]

    @classmethod
    def of(cls, row: tuple[object, ...]) -> _Series | None:
        try:
            tz = ZoneInfo(str(row[3]))
        except (ZoneInfoNotFoundError, ValueError):
            return None  # an unknown zone (old tzdata): skip rather than stop every reminder
        count = row[8]
        rule = Recurrence(
            Frequency(str(row[5])),
            int(row[6]),  # type: ignore[call-overload]
            until=date.fromisoformat(str(row[7])) if row[7] else None,
            count=count if isinstance(count, int) else None,
        )
        minutes = tuple(sorted({int(m) for m in str(row[9]).split(",")}))
        return cls(
            event_id=int(row[0]),  # type: ignore[call-overload]
            title=str(row[1]),
            all_day=bool(row[2]),
            zone=tz,
            first_wall=datetime.fromisoformat(str(row[4])),
            rule=rule,
            minutes=minutes,
        )


def due_at(start: datetime, minutes: int, all_day: bool) -> datetime:
    """When the reminder ``minutes`` before ``start`` falls due (UTC).

    ``start`` is aware; for an all-day event it is in the event's own zone,
    and the offset is taken from its wall time (local midnight), then localized.
    """
    if not all_day:
        return start.astimezone(UTC) - timedelta(minutes=minutes)
    tz = start.tzinfo
    assert tz is not None
    wall = start.replace(tzinfo=None) - timedelta(minutes=minutes)
    return localize(wall, tz).astimezone(UTC)


def _reminder(
    event_id: int,
    title: str,
    all_day: bool,
    start: datetime,
    minutes: int,
    user_zone: ZoneInfo,
) -> DueReminder:
    start_utc = start.astimezone(UTC)
    due = due_at(start, minutes, all_day)
    if all_day:
        text = f"{title} on {day_month(start.date())}"
    else:
        local = start_utc.astimezone(user_zone)
        text = f"{title} at {local:%H:%M}"
        if local.date() != due.astimezone(user_zone).date():
            text += f" on {day_month(local.date())}"
    return DueReminder(
        kind=ReminderKind.EVENT,
        source_id=event_id,
        occurrence_key=f"{event_id}:{start_utc.isoformat()}:{minutes}",
        due_at=due,
        text=text,
        starts_at=start_utc,
        lead=minutes,
        subject=title,
    )


def event_window(
    conn: sqlite3.Connection, user_zone: ZoneInfo, lo: datetime, hi: datetime
) -> list[DueReminder]:
    """Every event reminder due in [lo, hi]."""
    horizon = hi + timedelta(minutes=MAX_REMINDER_MINUTES) + WALL_SLACK
    found: list[DueReminder] = []
    # The index range reads every start up to the longest offset ahead (weeks of events);
    # the julianday term keeps only reminders due in [lo, hi], give or take a minute for
    # float rounding (all-day: the wall-clock slack), the exact test is below, so Python
    # parses a few rows, not hundreds.
    slack = WALL_SLACK / timedelta(days=1)
    sql = _ONE_OFF + (
        " AND e.starts_at >= ? AND e.starts_at <= ?"
        " AND julianday(e.starts_at) - r.minutes_before / 1440.0"
        f" BETWEEN julianday(?) - 0.001 - e.all_day * {slack:.6f}"
        f" AND julianday(?) + 0.001 + e.all_day * {slack:.6f}"
    )
    bounds = (to_sql(lo), to_sql(horizon), to_sql(lo), to_sql(hi))
    for event_id, title, all_day, tz_name, starts_at, minutes in conn.execute(sql, bounds):
        start = parse_utc(starts_at)
        assert start is not None
        if all_day:  # the wall date of an all-day event is in its own zone
            start = start.astimezone(_zone_or_utc(tz_name))
        if lo <= due_at(start, minutes, bool(all_day)) <= hi:
            found.append(_reminder(event_id, title, bool(all_day), start, minutes, user_zone))
    for row in conn.execute(_SERIES, (to_sql(horizon), to_sql(lo))):
        series = _Series.of(row)
        if series is None:
            continue
        end = hi + timedelta(minutes=max(series.minutes), microseconds=1) + WALL_SLACK
        for start in occurrences(
            series.first_wall, series.zone, series.rule, window_start=lo, window_end=end
        ):
            for minutes in series.minutes:
                if lo <= due_at(start, minutes, series.all_day) <= hi:
                    found.append(
                        _reminder(
                            series.event_id, series.title, series.all_day, start, minutes, user_zone
                        )
                    )
    return _with_contacts(conn, found)


def series_starts_between(conn: sqlite3.Connection, lo: datetime, hi: datetime) -> int:
    """How many occurrences of recurring events start in [lo, hi)."""
    total = 0
    for row in conn.execute(_SERIES_ANY, (to_sql(hi), to_sql(lo))).fetchall():
        series = _Series.of(row)
        if series is not None:
            starts = occurrences(
                series.first_wall, series.zone, series.rule, window_start=lo, window_end=hi
            )
            total += sum(1 for _ in starts)
    return total


def _zone_or_utc(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _with_contacts(conn: sqlite3.Connection, found: list[DueReminder]) -> list[DueReminder]:
    if not found:
        return found
    ids = sorted({r.source_id for r in found})
    linked: dict[int, list[int]] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        for event_id, contact_id in conn.execute(
            "SELECT ec.event_id, ec.contact_id FROM event_contact ec"
            f" JOIN contact c ON c.id = ec.contact_id WHERE ec.event_id IN ({marks})"
            " AND c.trashed_at IS NULL ORDER BY ec.event_id, ec.contact_id",
            part,
        ):
            linked.setdefault(event_id, []).append(contact_id)
    return [_replace_contacts(r, tuple(linked.get(r.source_id, ()))) for r in found]


def _replace_contacts(reminder: DueReminder, contact_ids: tuple[int, ...]) -> DueReminder:
    return replace(reminder, contact_ids=contact_ids)


def event_next_after(conn: sqlite3.Connection, at: datetime) -> datetime | None:
    """The earliest event reminder due strictly after ``at``."""
    best: datetime | None = None
    row = conn.execute("SELECT max(minutes_before) FROM event_reminder").fetchone()
    longest = timedelta(minutes=row[0] or 0)
    # One-off events in start order; stop once no later start can be due sooner.
    cursor = conn.execute(_ONE_OFF + " AND e.starts_at > ? ORDER BY e.starts_at", (to_sql(at),))
    for _id, _title, all_day, tz_name, starts_at, minutes in cursor:
        start = parse_utc(starts_at)
        assert start is not None
        if best is not None and start - longest - WALL_SLACK >= best:
            break
        if all_day:
            start = start.astimezone(_zone_or_utc(tz_name))
        due = due_at(start, minutes, bool(all_day))
        if due > at and (best is None or due < best):
            best = due
    cursor.close()
    far = at + SERIES_HORIZON
    if best is not None:  # a series first starting after that cannot be due sooner
        far = min(far, best + longest + WALL_SLACK)
    for series_row in conn.execute(_SERIES, (to_sql(far), to_sql(at))).fetchall():
        series = _Series.of(series_row)
        if series is None:
            continue
        soonest = _series_next(series, at, far)
        if soonest is not None and (best is None or soonest < best):
            best = soonest
    return best


def _series_next(series: _Series, at: datetime, far: datetime) -> datetime | None:
    longest = timedelta(minutes=max(series.minutes)) + (
        WALL_SLACK if series.all_day else timedelta()
    )
    best: datetime | None = None
    for steps, start in enumerate(
        occurrences(series.first_wall, series.zone, series.rule, window_start=at, window_end=far)
    ):
        start_utc = start.astimezone(UTC)
        if steps >= _MAX_STEPS or (best is not None and start_utc - longest >= best):
            break
        for minutes in series.minutes:
            due = due_at(start, minutes, series.all_day)
            if due > at and (best is None or due < best):
                best = due
    return best
