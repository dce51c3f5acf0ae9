"""Partial dates (birthdays), date and date-time parsing, DST resolution."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm_desktop.domain.dates import (
    Feb29Policy,
    PartialDate,
    localize,
    parse_date,
    parse_datetime,
    parse_partial_date,
)
from crm_desktop.domain.errors import ValidationError

BUDAPEST = ZoneInfo("Europe/Budapest")
NEW_YORK = ZoneInfo("America/New_York")


def test_partial_date_validation() -> None:
    assert PartialDate(2, 29).iso() == "--02-29"  # leap-day birthday, year unknown
    assert PartialDate(2, 29, 2028).iso() == "2028-02-29"
    with pytest.raises(ValidationError, match="not a leap year") as info:
        PartialDate(2, 29, 2027)
    assert info.value.field == "Date"
    for month, day, year in [(13, 1, None), (0, 1, None), (4, 31, None), (1, 0, None)]:
        with pytest.raises(ValidationError):
            PartialDate(month, day, year)
    with pytest.raises(ValidationError, match="between 1800 and 2200"):
        PartialDate(1, 1, 1799)
    assert PartialDate(1, 1, 2200).year == 2200


def test_partial_date_orders_by_calendar_day() -> None:
    dates = [PartialDate(12, 1), PartialDate(2, 29), PartialDate(2, 3, 1990)]
    assert sorted(dates) == [PartialDate(2, 3, 1990), PartialDate(2, 29), PartialDate(12, 1)]


def test_age_on() -> None:
    born = PartialDate(2, 29, 2000)
    assert born.age_on(date(2027, 2, 28)) == 26
    assert born.age_on(date(2027, 3, 1)) == 27
    assert born.age_on(date(2028, 2, 29)) == 28
    assert born.age_on(date(1999, 1, 1)) is None
    assert PartialDate(5, 17).age_on(date(2026, 5, 17)) is None


def test_occurrence_in_common_and_leap_year() -> None:
    leap_day = PartialDate(2, 29)
    assert leap_day.occurrence_in(2027, Feb29Policy.FEB_28) == date(2027, 2, 28)
    assert leap_day.occurrence_in(2027, Feb29Policy.MAR_1) == date(2027, 3, 1)
    assert leap_day.occurrence_in(2028, Feb29Policy.MAR_1) == date(2028, 2, 29)
    assert PartialDate(7, 4).occurrence_in(2027, Feb29Policy.MAR_1) == date(2027, 7, 4)


def test_next_on_or_after() -> None:
    leap_day = PartialDate(2, 29, 1980)
    assert leap_day.next_on_or_after(date(2027, 1, 10), Feb29Policy.FEB_28) == date(2027, 2, 28)
    assert leap_day.next_on_or_after(date(2027, 3, 1), Feb29Policy.MAR_1) == date(2027, 3, 1)
    assert leap_day.next_on_or_after(date(2027, 3, 2), Feb29Policy.MAR_1) == date(2028, 2, 29)
    assert PartialDate(1, 5).next_on_or_after(date(2026, 12, 31), Feb29Policy.FEB_28) == date(
        2027, 1, 5
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1980-02-29", PartialDate(2, 29, 1980)),
        ("19800229", PartialDate(2, 29, 1980)),
        ("--02-29", PartialDate(2, 29)),
        ("--0301", PartialDate(3, 1)),
        (" 12-24 ", PartialDate(12, 24)),
    ],
)
def test_parse_partial_date(text: str, expected: PartialDate) -> None:
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize("text", ["1979-02-29", "1980/02/29", "29.02.1980", "--13-01", "", "x"])
def test_parse_partial_date_errors(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_partial_date(text, field="Birthday")
    assert info.value.field == "Birthday"
    if text:
        assert text not in info.value.message


def test_parse_partial_date_error_lists_formats() -> None:
    with pytest.raises(ValidationError) as info:
        parse_partial_date("29.02.1980")
    assert "YYYY-MM-DD" in info.value.message and "--MM-DD" in info.value.message


def test_parse_date() -> None:
    assert parse_date("2028-02-29") == date(2028, 2, 29)
    assert parse_date("20270101") == date(2027, 1, 1)
    with pytest.raises(ValidationError, match="does not exist"):
        parse_date("2027-02-29")
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        parse_date("01/02/2027", field="Due date")


def test_parse_datetime_naive_is_wall_time() -> None:
    got = parse_datetime("2026-11-23T14:30", tz=BUDAPEST)
    assert got == datetime(2026, 11, 23, 13, 30, tzinfo=UTC)
    assert got.tzinfo is BUDAPEST and (got.hour, got.minute) == (14, 30)
    assert parse_datetime("2026-11-23 14:30:15", tz=BUDAPEST).second == 15
    assert parse_datetime("2026-11-23t14:30:15.25", tz=BUDAPEST).microsecond == 250000


def test_parse_datetime_with_zone_designator() -> None:
    assert parse_datetime("2026-11-23T14:30Z", tz=BUDAPEST) == datetime(
        2026, 11, 23, 14, 30, tzinfo=UTC
    )
    got = parse_datetime("2026-11-23T14:30:00-05:00", tz=BUDAPEST)
    assert got == datetime(2026, 11, 23, 19, 30, tzinfo=UTC)
    assert got.tzinfo is BUDAPEST and got.hour == 20
    assert parse_datetime("2026-11-23T14:30+0530", tz=UTC) == datetime(
        2026, 11, 23, 9, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("tz", "text", "utc"),
    [
        # Spring gap: the missing half hour moves forward by the gap.
        (BUDAPEST, "2026-03-29T02:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
        (NEW_YORK, "2026-03-08 02:30", datetime(2026, 3, 8, 7, 30, tzinfo=UTC)),
        # Autumn fold: the first of the two occurrences (summer time).
        (BUDAPEST, "2026-10-25T02:30", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        (NEW_YORK, "2026-11-01T01:30", datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
    ],
)
def test_parse_datetime_dst(tz: ZoneInfo, text: str, utc: datetime) -> None:
    got = parse_datetime(text, tz=tz)
    # PEP 495: an ambiguous time never compares == with another zone's
    # datetime, so compare instants explicitly.
    assert got.astimezone(UTC) == utc
    assert got.timestamp() == utc.timestamp()
    assert got.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == got.replace(tzinfo=None)


def test_localize_gap_moves_forward_by_gap() -> None:
    got = localize(datetime(2026, 3, 29, 2, 30), BUDAPEST)
    assert (got.hour, got.minute, got.utcoffset()) == (3, 30, timedelta(hours=2))
    with pytest.raises(ValueError):
        localize(datetime(2026, 3, 29, 2, 30, tzinfo=UTC), BUDAPEST)


@pytest.mark.parametrize(
    "text",
    ["2026-11-23", "2026-11-23T25:00", "2026-02-30T10:00", "14:30", "2026-11-23T14:30+24:00", ""],
)
def test_parse_datetime_errors(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_datetime(text, tz=BUDAPEST, field="Start")
    assert info.value.field == "Start"
    if text:
        assert text not in str(info.value)
