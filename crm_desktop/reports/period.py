"""The report period and local time, in terms SQL can use.

Why offsets as a CASE expression: instants are stored as UTC text, people
read local time, and SQLite's ``'localtime'`` follows the process's TZ, not
the zone the report is for. The zone's UTC-offset changes within the data's
range become ``CASE WHEN col >= '<change>' THEN '+3600 seconds' ...`` (newest
first, where most rows are), so a million rows convert in C, DST exact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from crm_desktop.domain.dates import localize
from crm_desktop.services.sqltime import parse_utc, to_sql

__all__ = ["BATCH", "ReportParams", "local_time_sql", "offset_changes", "stream"]

BATCH = 5000


@dataclass(frozen=True, slots=True)
class ReportParams:
    """What every report gets: the period (local days, both inclusive), zone and clock."""

    zone: ZoneInfo
    now: datetime
    start: date | None = None
    end: date | None = None
    by: str = "week"  # meeting-outcomes: week or month
    safe: bool = True  # neutralize text cells (False: --raw)

    @property
    def today(self) -> date:
        return self.now.astimezone(self.zone).date()

    def instant(self, day: date) -> datetime:
        """Local midnight at the start of ``day``, as an aware instant."""
        return localize(datetime.combine(day, time()), self.zone)

    def utc_bounds(self) -> tuple[str | None, str | None]:
        """[start, end + 1 day) as stored UTC text; None where open."""
        lo = to_sql(self.instant(self.start)) if self.start else None
        hi = to_sql(self.instant(self.end + timedelta(days=1))) if self.end else None
        return lo, hi


def _offset(zone: ZoneInfo, at: datetime) -> int:
    delta = at.astimezone(zone).utcoffset()
    return int(delta.total_seconds()) if delta is not None else 0


def offset_changes(zone: ZoneInfo, lo: datetime, hi: datetime) -> list[tuple[datetime, int]]:
    """(UTC instant, offset in seconds from then on), oldest first; the first is ``lo``."""
    changes = [(lo, _offset(zone, lo))]
    step = timedelta(days=1)
    at = lo
    while at < hi:
        nxt = min(at + step, hi)
        if _offset(zone, nxt) != changes[-1][1]:
            a, b = at, nxt  # the offset changes in (a, b]: bisect to the second
            while b - a > timedelta(seconds=1):
                mid = a + (b - a) / 2
                if _offset(zone, mid) == changes[-1][1]:
                    a = mid
                else:
                    b = mid
            b = b.replace(microsecond=0)
            changes.append((b, _offset(zone, b)))
        at = nxt
    return changes


def local_time_sql(
    conn: sqlite3.Connection, table: str, column: str, zone: ZoneInfo, *, alias: str
) -> str:
    """SQL giving ``alias.column`` (UTC text) as local ISO 8601 ``YYYY-MM-DDTHH:MM:SS``."""
    first, last = conn.execute(f"SELECT min({column}), max({column}) FROM {table}").fetchone()
    lo = parse_utc(first) or datetime.now(UTC)
    hi = parse_utc(last) or lo
    changes = offset_changes(zone, lo - timedelta(days=1), hi + timedelta(days=1))
    whole = f"{alias}.{column}"
    if len(changes) == 1 and changes[0][1] == 0:
        return f"substr({whole}, 1, 10) || 'T' || substr({whole}, 12, 8)"
    branches = " ".join(
        f"WHEN {whole} >= '{to_sql(at)}' THEN '{offset:+d} seconds'"
        for at, offset in reversed(changes[1:])
    )
    base = f"'{changes[0][1]:+d} seconds'"
    modifier = f"CASE {branches} ELSE {base} END" if branches else base
    return f"strftime('%Y-%m-%dT%H:%M:%S', {whole}, {modifier})"


def stream(cursor: sqlite3.Cursor) -> Iterator[Sequence[Sequence[object]]]:
    """The cursor's rows in ``fetchmany`` batches: memory stays flat at a million rows."""
    while batch := cursor.fetchmany(BATCH):
        yield batch
