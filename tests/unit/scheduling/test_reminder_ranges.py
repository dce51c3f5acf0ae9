"""Which (month, day) ranges a birthday window reads: only the days each lead reaches."""

from __future__ import annotations

from datetime import date

from crm_desktop.services.reminder_yearly import lead_ranges, md_ranges


def test_each_lead_reads_only_its_own_days() -> None:
    ranges = lead_ranges(date(2026, 11, 22), date(2026, 11, 23), (7, 0))
    assert ranges == [(11, 22, 23), (11, 29, 30)]


def test_overlapping_leads_merge_and_cross_the_year() -> None:
    ranges = lead_ranges(date(2026, 12, 30), date(2027, 1, 2), (0, 1))
    assert ranges == [(12, 30, 31), (1, 1, 3)]


def test_leap_day_people_come_with_1_march() -> None:
    ranges = lead_ranges(date(2027, 2, 22), date(2027, 2, 22), (7,))
    assert ranges == [(3, 1, 1), (2, 29, 29)]


def test_no_lead_reads_nothing_and_a_whole_year_reads_everything() -> None:
    assert lead_ranges(date(2026, 1, 1), date(2026, 1, 2), ()) == []
    assert lead_ranges(date(2026, 1, 1), date(2027, 1, 1), (0,)) is None
    assert md_ranges(date(2026, 1, 1), date(2027, 1, 1)) is None
