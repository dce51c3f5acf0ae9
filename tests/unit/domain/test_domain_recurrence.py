"""Recurrence expansion: wall-time stepping, DST, RFC 5545 skipping, limits."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.recurrence import Frequency, Recurrence, occurrences

BUDAPEST = ZoneInfo("Europe/Budapest")
NEW_YORK = ZoneInfo("America/New_York")


def _expand(
    start: datetime, tz: ZoneInfo, rule: Recurrence | None, lo: datetime, hi: datetime
) -> list[datetime]:
    return list(
        occurrences(
            start, tz, rule, window_start=lo.replace(tzinfo=tz), window_end=hi.replace(tzinfo=tz)
        )
    )


def _walls(items: list[datetime]) -> list[datetime]:
    return [item.replace(tzinfo=None) for item in items]


def test_frequency_values() -> None:
    assert [f.value for f in Frequency] == ["daily", "weekly", "monthly", "yearly"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"interval": 0}, "Repeat every"),
        ({"interval": 1000}, "Repeat every"),
        ({"count": 0}, "Number of occurrences"),
        ({"count": 10_001}, "Number of occurrences"),
        ({"count": 3, "until": date(2027, 1, 1)}, "Repeat"),
    ],
)
def test_recurrence_validation(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        Recurrence(Frequency.DAILY, **kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


@pytest.mark.parametrize(
    ("tz", "wall", "gap_day", "fold_day"),
    [
        (BUDAPEST, (2, 30), date(2026, 3, 29), date(2026, 10, 25)),
        (NEW_YORK, (2, 30), date(2026, 3, 8), None),  # 02:30 is not ambiguous in NY
        (NEW_YORK, (1, 30), None, date(2026, 11, 1)),
    ],
)
def test_daily_exactly_one_per_day_across_dst(
    tz: ZoneInfo, wall: tuple[int, int], gap_day: date | None, fold_day: date | None
) -> None:
    start = datetime(2026, 1, 1, *wall)
    got = _expand(
        start, tz, Recurrence(Frequency.DAILY), datetime(2026, 1, 1), datetime(2027, 1, 1)
    )
    days = [item.date() for item in got]
    assert len(got) == 365
    assert days == sorted(set(days))
    instants = [item.astimezone(UTC) for item in got]
    assert instants == sorted(instants)
    for item in got:
        if item.date() == gap_day:
            # Shifted forward by the one-hour gap.
            assert (item.hour, item.minute) == (wall[0] + 1, wall[1])
        else:
            assert (item.hour, item.minute) == wall
        if item.date() == fold_day:
            # The first of the two 02:30s: still summer time.
            assert item.utcoffset() == (item + timedelta(days=-1)).utcoffset()
            assert item.fold == 0


def test_weekly_stays_at_nine_local_across_dst() -> None:
    got = _expand(
        datetime(2026, 3, 16, 9, 0),
        BUDAPEST,
        Recurrence(Frequency.WEEKLY),
        datetime(2026, 3, 1),
        datetime(2026, 4, 10),
    )
    assert _walls(got) == [datetime(2026, 3, d, 9) for d in (16, 23, 30)] + [
        datetime(2026, 4, 6, 9)
    ]
    assert [g.astimezone(UTC).hour for g in got] == [8, 8, 7, 7]


def test_monthly_on_31st_skips_short_months() -> None:
    got = _expand(
        datetime(2026, 1, 31, 10),
        BUDAPEST,
        Recurrence(Frequency.MONTHLY),
        datetime(2026, 1, 1),
        datetime(2027, 1, 1),
    )
    assert [g.month for g in got] == [1, 3, 5, 7, 8, 10, 12]
    assert {g.day for g in got} == {31}


def test_monthly_count_counts_only_real_occurrences() -> None:
    got = _expand(
        datetime(2026, 1, 31, 10),
        BUDAPEST,
        Recurrence(Frequency.MONTHLY, count=4),
        datetime(2020, 1, 1),
        datetime(2030, 1, 1),
    )
    assert [g.date() for g in got] == [
        date(2026, 1, 31),
        date(2026, 3, 31),
        date(2026, 5, 31),
        date(2026, 7, 31),
    ]


def test_yearly_on_29_february_only_in_leap_years() -> None:
    got = _expand(
        datetime(2024, 2, 29, 8),
        BUDAPEST,
        Recurrence(Frequency.YEARLY),
        datetime(2024, 1, 1),
        datetime(2033, 1, 1),
    )
    assert [g.date() for g in got] == [date(2024, 2, 29), date(2028, 2, 29), date(2032, 2, 29)]
    assert not any(g.year == 2027 for g in got)


def test_count_includes_occurrences_before_the_window() -> None:
    rule = Recurrence(Frequency.DAILY, count=10)
    got = _expand(
        datetime(2026, 5, 1, 9), BUDAPEST, rule, datetime(2026, 5, 8), datetime(2027, 1, 1)
    )
    assert [g.day for g in got] == [8, 9, 10]


def test_until_is_inclusive_local_date() -> None:
    rule = Recurrence(Frequency.WEEKLY, interval=2, until=date(2026, 6, 29))
    got = _expand(
        datetime(2026, 6, 1, 23, 30), BUDAPEST, rule, datetime(2026, 1, 1), datetime(2027, 1, 1)
    )
    assert [g.date() for g in got] == [date(2026, 6, 1), date(2026, 6, 15), date(2026, 6, 29)]


def test_window_is_half_open_and_compared_as_instants() -> None:
    start = datetime(2026, 10, 24, 2, 30)
    rule = Recurrence(Frequency.DAILY, count=3)
    lo = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # exactly the fold-0 02:30 Budapest
    hi = datetime(2026, 10, 26, 1, 30, tzinfo=UTC)  # exactly 02:30 CET on 26 Oct
    got = list(occurrences(start, BUDAPEST, rule, window_start=lo, window_end=hi))
    assert [g.astimezone(UTC) for g in got] == [lo]
    # The second 02:30 (fold=1) as window start is one hour later: excludes it.
    later = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BUDAPEST)
    got = list(occurrences(start, BUDAPEST, rule, window_start=later, window_end=hi))
    assert got == []


def test_no_rule_single_occurrence() -> None:
    start = datetime(2026, 3, 29, 2, 30)
    got = _expand(start, BUDAPEST, None, datetime(2026, 3, 29), datetime(2026, 3, 30))
    assert _walls(got) == [datetime(2026, 3, 29, 3, 30)]
    assert _expand(start, BUDAPEST, None, datetime(2026, 3, 30), datetime(2026, 4, 1)) == []


def test_interval_monthly_and_yearly() -> None:
    got = _expand(
        datetime(2026, 1, 15, 12),
        NEW_YORK,
        Recurrence(Frequency.MONTHLY, interval=5),
        datetime(2026, 1, 1),
        datetime(2027, 12, 31),
    )
    assert [(g.year, g.month) for g in got] == [
        (2026, 1),
        (2026, 6),
        (2026, 11),
        (2027, 4),
        (2027, 9),
    ]
    got = _expand(
        datetime(2026, 7, 4, 12),
        NEW_YORK,
        Recurrence(Frequency.YEARLY, interval=2),
        datetime(2027, 1, 1),
        datetime(2031, 1, 1),
    )
    assert [g.year for g in got] == [2028, 2030]


def test_far_future_window_is_fast_and_respects_count() -> None:
    began = time.perf_counter()
    daily = _expand(
        datetime(2026, 1, 1, 9),
        BUDAPEST,
        Recurrence(Frequency.DAILY),
        datetime(9000, 6, 1),
        datetime(9000, 6, 4),
    )
    weekly = _expand(
        datetime(2026, 1, 5, 9),  # a Monday
        BUDAPEST,
        Recurrence(Frequency.WEEKLY, count=10_000),
        datetime(2180, 1, 1),
        datetime(2180, 1, 15),
    )
    monthly = _expand(
        datetime(2026, 1, 31, 9),
        BUDAPEST,
        Recurrence(Frequency.MONTHLY),
        datetime(9000, 1, 1),
        datetime(9000, 4, 1),
    )
    limited = _expand(
        datetime(2026, 1, 1, 9),
        BUDAPEST,
        Recurrence(Frequency.DAILY, count=5),
        datetime(9000, 1, 1),
        datetime(9001, 1, 1),
    )
    assert time.perf_counter() - began < 0.5
    assert [g.day for g in daily] == [1, 2, 3]
    assert len(weekly) == 2 and all(g.weekday() == 0 for g in weekly)
    # Occurrence 10,000 is 9,999 weeks after the start; nothing after it.
    last = datetime(2026, 1, 5, 9) + timedelta(weeks=9_999)
    assert last.year == 2217
    assert _walls(
        _expand(
            datetime(2026, 1, 5, 9),
            BUDAPEST,
            Recurrence(Frequency.WEEKLY, count=10_000),
            last - timedelta(days=1),
            last + timedelta(weeks=5),
        )
    ) == [last]
    assert [(g.month, g.day) for g in monthly] == [(1, 31), (3, 31)]
    assert limited == []


def test_bad_arguments() -> None:
    aware = datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(ValueError):
        list(occurrences(aware, BUDAPEST, None, window_start=aware, window_end=aware))
    with pytest.raises(ValueError):
        naive = datetime(2026, 1, 1)
        list(occurrences(naive, BUDAPEST, None, window_start=naive, window_end=aware))
