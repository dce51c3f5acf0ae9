"""Typed durations and their compact display."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crm_desktop.domain.durations import format_duration, parse_duration
from crm_desktop.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30m", timedelta(minutes=30)),
        ("1h", timedelta(hours=1)),
        ("1h30m", timedelta(minutes=90)),
        ("90", timedelta(minutes=90)),
        ("2d", timedelta(days=2)),
        ("1w", timedelta(weeks=1)),
        ("45s", timedelta(seconds=45)),
        ("1 h 30 min", timedelta(minutes=90)),
        ("15min", timedelta(minutes=15)),
        ("2 Hours 5 Minutes", timedelta(minutes=125)),
        ("1,5h", timedelta(minutes=90)),
        ("1:30", timedelta(minutes=90)),
        ("400d", timedelta(days=400)),
    ],
)
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "must be longer than zero"),
        ("0h 0m", "must be longer than zero"),
        ("401d", "is too long (at most 400 days)"),
        ("58w", "is too long (at most 400 days)"),
        ("", "is required"),
        ("1 fortnight", "is not a duration"),
        ("h30", "is not a duration"),
        ("-5m", "is not a duration"),
        ("1h 30", "is not a duration"),
    ],
)
def test_parse_duration_errors(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_duration(text, field="Call length")
    assert info.value.field == "Call length"
    assert info.value.message.startswith(message)


def test_parse_duration_error_shows_examples() -> None:
    with pytest.raises(ValidationError, match="30m"):
        parse_duration("soon")


@pytest.mark.parametrize(
    ("td", "text"),
    [
        (timedelta(minutes=90), "1h 30m"),
        (timedelta(minutes=15), "15m"),
        (timedelta(days=2), "2d"),
        (timedelta(weeks=1), "1w"),
        (timedelta(days=8, seconds=5), "1w 1d 5s"),
        (timedelta(0), "0m"),
        (timedelta(minutes=-5), "-5m"),
    ],
)
def test_format_duration(td: timedelta, text: str) -> None:
    assert format_duration(td) == text


def test_format_then_parse_round_trips() -> None:
    for minutes in (1, 59, 61, 1439, 1441, 10081, 400 * 1440):
        td = timedelta(minutes=minutes)
        assert parse_duration(format_duration(td)) == td
