"""Dates as people enter them: birthdays without a year, local wall times.

Why a PartialDate type: address books (vCard ``--MM-DD``, Google CSV) store
birthdays whose year nobody knows; forcing a fake year (1604, 1900) leaks
into ages and sorting. Why an explicit Feb29Policy: "when is the birthday of
someone born on 29 February in 2027" has two legal answers; the user picks.

Why :func:`localize` resolves gaps and folds the way it does: it matches
``zoneinfo`` (PEP 495, fold=0) and RFC 5545, so the reminder engine, the
calendar and imported iCalendar files agree on the same instant.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from enum import StrEnum

from crm_desktop.domain.errors import ValidationError

__all__ = [
    "YEAR_MAX",
    "YEAR_MIN",
    "Feb29Policy",
    "PartialDate",
    "localize",
    "parse_date",
    "parse_datetime",
    "parse_partial_date",
]

YEAR_MIN = 1800
YEAR_MAX = 2200


class Feb29Policy(StrEnum):
    """Where a 29 February anniversary falls in a common year."""

    FEB_28 = "feb28"
    MAR_1 = "mar1"


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A month and day, with the year when known (birthdays, anniversaries).

    Ordered by (month, day, year) so a list sorts in calendar order; comparing
    two equal month/days where only one has a year raises TypeError, as None
    and int do not compare.
    """

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        for value in (self.month, self.day, self.year):
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise ValidationError("Date", "must be made of whole numbers")
        if not 1 <= self.month <= 12:
            raise ValidationError("Date", "has a month that does not exist")
        if self.year is not None and not YEAR_MIN <= self.year <= YEAR_MAX:
            raise ValidationError("Date", f"must have a year between {YEAR_MIN} and {YEAR_MAX}")
        # Without a year, 29 Feb is allowed: someone may be born on a leap day.
        year_for_check = self.year if self.year is not None else 2000
        if not 1 <= self.day <= calendar.monthrange(year_for_check, self.month)[1]:
            if self.year is not None and (self.month, self.day) == (2, 29):
                raise ValidationError("Date", "is 29 February in a year that is not a leap year")
            raise ValidationError("Date", "has a day that does not exist in that month")

    def iso(self) -> str:
        """ISO 8601 / vCard form: "1980-02-29", or "--02-29" without a year."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def age_on(self, d: date) -> int | None:
        """Completed years on ``d``; None if the year is unknown or ``d`` is earlier.

        A 29 February birthday completes a year on 1 March in common years
        (the usual legal reading); use :meth:`occurrence_in` to celebrate.
        """
        if self.year is None:
            return None
        if (d.year, d.month, d.day) < (self.year, self.month, self.day):
            return None
        return d.year - self.year - ((d.month, d.day) < (self.month, self.day))

    def occurrence_in(self, year: int, feb29: Feb29Policy) -> date:
        """The anniversary in ``year``, moving 29 Feb per policy in common years."""
        if (self.month, self.day) == (2, 29) and not calendar.isleap(year):
            return date(year, 2, 28) if feb29 is Feb29Policy.FEB_28 else date(year, 3, 1)
        return date(year, self.month, self.day)

    def next_on_or_after(self, d: date, feb29: Feb29Policy) -> date:
        """The first anniversary on or after ``d`` (today counts)."""
        this_year = self.occurrence_in(d.year, feb29)
        return this_year if this_year >= d else self.occurrence_in(d.year + 1, feb29)


_PARTIAL_FORMATS = "use YYYY-MM-DD, YYYYMMDD, --MM-DD, --MMDD or MM-DD"
_PARTIAL_PATTERNS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", re.ASCII),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})", re.ASCII),
    re.compile(r"--(?P<m>\d{2})-?(?P<d>\d{2})", re.ASCII),
    re.compile(r"(?P<m>\d{2})-(?P<d>\d{2})", re.ASCII),
)


def parse_partial_date(text: str, *, field: str = "Date") -> PartialDate:
    """Parse the forms found in vCards, CSV exports and our own date fields."""
    stripped = text.strip()
    for pattern in _PARTIAL_PATTERNS:
        match = pattern.fullmatch(stripped)
        if match is None:
            continue
        year = match.groupdict().get("y")
        try:
            return PartialDate(
                month=int(match["m"]),
                day=int(match["d"]),
                year=int(year) if year is not None else None,
            )
        except ValidationError as exc:
            raise ValidationError(field, exc.message) from None
    raise ValidationError(field, f"is not a date; {_PARTIAL_FORMATS}")


_DATE = re.compile(r"(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})", re.ASCII)


def parse_date(text: str, *, field: str = "Date") -> date:
    """Parse "YYYY-MM-DD" (or "YYYYMMDD") into a date."""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise ValidationError(field, "is not a date; use YYYY-MM-DD")
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise ValidationError(field, "is a day that does not exist in the calendar") from None


_DATETIME = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})[T ]\s*"
    r"(?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<frac>\d{1,6})\d*)?)?"
    r"\s*(?:(?P<z>Z)|(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2}))?",
    re.ASCII | re.IGNORECASE,
)


def localize(wall: datetime, tz: tzinfo) -> datetime:
    """Attach ``tz`` to a naive wall time, resolving DST gaps and folds.

    A wall time in a gap (02:30 on a spring-forward night) moves forward by
    the gap (to 03:30); an ambiguous one (autumn) means its first occurrence.
    The result is normalized, so its wall time is one that really exists.

    Beware (PEP 495): an aware datetime inside a fold never compares equal
    to a datetime in another zone, even for the same instant. Compare
    ``.astimezone(UTC)`` values or timestamps, never such mixes with ``==``.
    """
    if wall.tzinfo is not None:
        raise ValueError("localize() expects a naive datetime")
    aware = wall.replace(tzinfo=tz, fold=0)
    return aware.astimezone(UTC).astimezone(tz)


def parse_datetime(text: str, *, tz: tzinfo, field: str = "Date and time") -> datetime:
    """Parse ISO 8601 date and time; return an aware datetime in ``tz``.

    Without "Z" or an offset the text is a wall time in ``tz`` (what the user
    sees on their clock). With one, the instant is kept and expressed in
    ``tz``, so the result always displays in the user's zone.
    """
    match = _DATETIME.fullmatch(text.strip())
    if match is None:
        raise ValidationError(
            field,
            "is not a date and time; use YYYY-MM-DD HH:MM, optionally with seconds and Z or +01:00",
        )
    frac = (match["frac"] or "").ljust(6, "0")
    try:
        wall = datetime(
            int(match["y"]),
            int(match["mo"]),
            int(match["d"]),
            int(match["h"]),
            int(match["mi"]),
            int(match["s"] or 0),
            int(frac or 0),
        )
    except ValueError:
        raise ValidationError(
            field, "is a date or time that does not exist in the calendar"
        ) from None
    if not YEAR_MIN <= wall.year <= YEAR_MAX:
        raise ValidationError(field, f"must have a year between {YEAR_MIN} and {YEAR_MAX}")
    if match["z"]:
        return wall.replace(tzinfo=UTC).astimezone(tz)
    if match["sign"]:
        offset = timedelta(hours=int(match["oh"]), minutes=int(match["om"]))
        if offset >= timedelta(hours=24):
            raise ValidationError(field, "has a time zone offset that does not exist")
        if match["sign"] == "-":
            offset = -offset
        return wall.replace(tzinfo=timezone(offset)).astimezone(tz)
    return localize(wall, tz)
