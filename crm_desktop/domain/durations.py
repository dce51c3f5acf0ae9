"""Durations typed by hand ("1h30m", "90", "1 h 30 min") and shown back.

Why a forgiving parser: a duration field is typed dozens of times a day
(call lengths, snooze times); people write "15min", "1,5h" or "1:30"
without thinking about a format. Why a bare number means minutes: that is
what a number means in every meeting-length field people already know.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from crm_desktop.domain.errors import ValidationError

__all__ = ["DURATION_MAX", "format_duration", "parse_duration"]

DURATION_MAX = timedelta(days=400)

_UNIT_SECONDS: dict[str, int] = {}
for _names, _seconds in (
    (("w", "wk", "wks", "week", "weeks"), 7 * 86400),
    (("d", "day", "days"), 86400),
    (("h", "hr", "hrs", "hour", "hours"), 3600),
    (("m", "min", "mins", "minute", "minutes"), 60),
    (("s", "sec", "secs", "second", "seconds"), 1),
):
    for _name in _names:
        _UNIT_SECONDS[_name] = _seconds

_NUMBER = r"\d{1,9}(?:[.,]\d{1,6})?"
_PART = re.compile(rf"\s*({_NUMBER})\s*([a-z]+)\s*", re.ASCII)
_BARE_MINUTES = re.compile(_NUMBER, re.ASCII)
_CLOCK = re.compile(r"(\d{1,4}):([0-5]\d)", re.ASCII)
_HELP = "is not a duration; use for example 30m, 1h30m, 90, 2d or 1w"


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def _total_seconds(text: str, field: str) -> Decimal:
    if _BARE_MINUTES.fullmatch(text):
        return _number(text) * 60
    clock = _CLOCK.fullmatch(text)
    if clock is not None:
        return Decimal(int(clock[1]) * 3600 + int(clock[2]) * 60)
    total = Decimal(0)
    pos = 0
    while pos < len(text):
        part = _PART.match(text, pos)
        if part is None or part[2] not in _UNIT_SECONDS:
            raise ValidationError(field, _HELP)
        total += _number(part[1]) * _UNIT_SECONDS[part[2]]
        pos = part.end()
    if pos == 0:
        raise ValidationError(field, _HELP)
    return total


def parse_duration(text: str, *, field: str = "Duration") -> timedelta:
    """Parse a positive duration of at most 400 days, to whole seconds."""
    normalized = text.strip().lower()
    if not normalized:
        raise ValidationError(field, "is required")
    seconds = _total_seconds(normalized, field).to_integral_value(ROUND_HALF_UP)
    if seconds <= 0:
        raise ValidationError(field, "must be longer than zero")
    if seconds > Decimal(DURATION_MAX.total_seconds()):
        raise ValidationError(field, "is too long (at most 400 days)")
    return timedelta(seconds=int(seconds))


_FORMAT_UNITS = (("w", 7 * 86400), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1))


def format_duration(td: timedelta) -> str:
    """Compact text that :func:`parse_duration` reads back: "1h 30m", "2d".

    Sub-second parts are dropped; zero is "0m".
    """
    if td < timedelta(0):
        return "-" + format_duration(-td)
    remaining = td.days * 86400 + td.seconds
    parts: list[str] = []
    for unit, size in _FORMAT_UNITS:
        amount, remaining = divmod(remaining, size)
        if amount:
            parts.append(f"{amount}{unit}")
    return " ".join(parts) if parts else "0m"
