"""Repeating events: expand a simple RRULE subset in local wall time.

Why wall time: a weekly 09:00 meeting is at 09:00 on the clock after the
DST change too, so we step dates in the event's zone and only then turn
each wall time into an instant (:func:`crm_desktop.domain.dates.localize`).

Why our own code and not dateutil.rrule: the subset the app offers (every N
days/weeks/months/years, until or count) is small, dateutil is not a
dependency, and we need RFC 5545 skipping (31st, 29 Feb) together with
zoneinfo gap/fold rules and a fast jump to a far-away window, which is
easier to guarantee in ~150 lines we test than in a wrapper.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from crm_desktop.domain.dates import localize
from crm_desktop.domain.errors import ValidationError

__all__ = ["COUNT_MAX", "INTERVAL_MAX", "Frequency", "Recurrence", "occurrences"]

INTERVAL_MAX = 999
COUNT_MAX = 10_000
# Window bounds are instants; a local date can differ from the UTC date by up
# to ~26 hours (UTC-12 .. UTC+14), so jumps stop this many days early.
_SAFETY_DAYS = 2


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    YEARLY = "yearly"


@dataclass(frozen=True, slots=True)
class Recurrence:
    """Every ``interval`` days/weeks/months/years, ending by date or count.

    ``until`` is an inclusive local date; ``count`` includes the first
    occurrence. At most one of them (RFC 5545 forbids both).
    """

    freq: Frequency
    interval: int = 1
    until: date | None = None
    count: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.freq, Frequency):
            raise ValidationError("Repeat", "has an unknown frequency")
        if not 1 <= self.interval <= INTERVAL_MAX:
            raise ValidationError("Repeat every", f"must be between 1 and {INTERVAL_MAX}")
        if self.count is not None and not 1 <= self.count <= COUNT_MAX:
            raise ValidationError("Number of occurrences", f"must be between 1 and {COUNT_MAX}")
        if self.count is not None and self.until is not None:
            raise ValidationError(
                "Repeat", "can end on a date or after a number of times, not both"
            )


def _local_date(instant: datetime, tz: ZoneInfo, overflow: date) -> date:
    """Local date of an instant; ``overflow`` at the ends of the calendar."""
    try:
        return instant.astimezone(tz).date()
    except OverflowError:
        return overflow


class _Stop(Exception):
    """The candidate sequence ran past the calendar's end (year 9999)."""


def _candidate(start: datetime, rule: Recurrence, n: int) -> tuple[datetime | None, date]:
    """The n-th candidate wall time (None if that date does not exist),
    and a date no later than it, used to stop scanning at the window end."""
    if rule.freq in (Frequency.DAILY, Frequency.WEEKLY):
        step = rule.interval * (7 if rule.freq is Frequency.WEEKLY else 1)
        try:
            wall = start + timedelta(days=n * step)
        except OverflowError:
            raise _Stop from None
        return wall, wall.date()
    if rule.freq is Frequency.MONTHLY:
        months = start.month - 1 + n * rule.interval
        year, month = start.year + months // 12, months % 12 + 1
    else:
        year, month = start.year + n * rule.interval, start.month
    if year > 9999:
        raise _Stop
    if start.day > calendar.monthrange(year, month)[1]:
        # RFC 5545: "the 31st" in a 30-day month, or 29 Feb in a common
        # year, is not an occurrence and is not counted.
        return None, date(year, month, 1)
    wall = start.replace(year=year, month=month)
    return wall, wall.date()


def _can_skip(start: datetime, rule: Recurrence) -> bool:
    if rule.freq is Frequency.MONTHLY:
        return start.day > 28
    if rule.freq is Frequency.YEARLY:
        return (start.month, start.day) == (2, 29)
    return False


def _first_index(start: datetime, rule: Recurrence, window_start_local: date) -> int:
    """A candidate index safely before the window, found by arithmetic."""
    if rule.freq is Frequency.DAILY:
        span = (window_start_local - start.date()).days - _SAFETY_DAYS
        step = rule.interval
    elif rule.freq is Frequency.WEEKLY:
        span = (window_start_local - start.date()).days - _SAFETY_DAYS
        step = 7 * rule.interval
    elif rule.freq is Frequency.MONTHLY:
        span = (window_start_local.year - start.year) * 12 + window_start_local.month - start.month
        span -= 1
        step = rule.interval
    else:
        span = window_start_local.year - start.year - 1
        step = rule.interval
    return max(0, span // step)


def occurrences(
    start_local: datetime,
    tz: ZoneInfo,
    rule: Recurrence | None,
    *,
    window_start: datetime,
    window_end: datetime,
) -> Iterator[datetime]:
    """Yield aware occurrences (in ``tz``) whose instant is in [start, end).

    ``start_local`` is the naive wall time of the first occurrence. Far
    windows are reached by jumping, not by walking every occurrence; with a
    ``count`` on a rule that can skip dates, the walk is bounded by the count.
    """
    if start_local.tzinfo is not None:
        raise ValueError("start_local must be a naive wall time")
    if window_start.tzinfo is None or window_end.tzinfo is None:
        raise ValueError("window bounds must be aware datetimes")
    # Compare instants in UTC: aware datetimes sharing a tzinfo compare by
    # wall time and ignore fold, which is wrong around an autumn change.
    lo, hi = window_start.astimezone(UTC), window_end.astimezone(UTC)
    if lo >= hi:
        return
    if rule is None:
        only = localize(start_local, tz)
        if lo <= only.astimezone(UTC) < hi:
            yield only
        return

    index = 0
    if rule.count is None or not _can_skip(start_local, rule):
        index = _first_index(start_local, rule, _local_date(lo, tz, date.min))
    if rule.count is not None and index >= rule.count:
        return
    # Without skipping, every candidate before `index` was an occurrence.
    seen = index
    last_local_date = _local_date(hi, tz, date.max)
    if last_local_date < date.max - timedelta(days=_SAFETY_DAYS):
        last_local_date += timedelta(days=_SAFETY_DAYS)
    while True:
        try:
            wall, lower_bound = _candidate(start_local, rule, index)
        except _Stop:
            return
        index += 1
        if lower_bound > last_local_date:
            return
        if rule.until is not None and lower_bound > rule.until:
            return
        if wall is None:
            continue
        seen += 1
        if rule.count is not None and seen > rule.count:
            return
        instant = localize(wall, tz)
        instant_utc = instant.astimezone(UTC)
        if instant_utc >= hi:
            return
        if instant_utc >= lo:
            yield instant
