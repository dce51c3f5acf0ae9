"""Birthday lead days: typed text refused with the first bad entry, stored text read leniently."""

from __future__ import annotations

import pytest

from crm_desktop.domain.lead_days import LeadDaysError, parse_stored, parse_typed


def test_typed_lead_days_are_sorted_and_deduplicated() -> None:
    assert parse_typed("7, 0") == (0, 7)
    assert parse_typed(" 14 ;3 0, 3 ") == (0, 3, 14)
    assert parse_typed("60") == (60,)
    assert parse_typed("") == () and parse_typed("  , ") == ()


@pytest.mark.parametrize(
    ("typed", "problem", "entry"),
    [
        ("7, x", LeadDaysError.NOT_A_NUMBER, "x"),
        ("-1", LeadDaysError.NOT_A_NUMBER, "-1"),
        ("1.5", LeadDaysError.NOT_A_NUMBER, "1.5"),
        ("7, \u00b2", LeadDaysError.NOT_A_NUMBER, "\u00b2"),  # isdigit(), but int() refuses it
        ("\u0663", LeadDaysError.NOT_A_NUMBER, "\u0663"),  # an Arabic-Indic 3: not typed here
        ("61, x", LeadDaysError.NOT_A_NUMBER, "x"),  # every entry is checked for a number first
        ("7, 61", LeadDaysError.OUT_OF_RANGE, "61"),
    ],
)
def test_a_bad_typed_entry_is_named(typed: str, problem: str, entry: str) -> None:
    with pytest.raises(LeadDaysError) as caught:
        parse_typed(typed)
    assert (caught.value.problem, caught.value.entry) == (problem, entry)


def test_typed_lead_days_can_be_capped_in_number() -> None:
    assert parse_typed("5 4 3 2 1 1", most=5) == (1, 2, 3, 4, 5)
    with pytest.raises(LeadDaysError) as caught:
        parse_typed("6 5 4 3 2 1", most=5)
    assert caught.value.problem == LeadDaysError.TOO_MANY
    assert parse_typed("6 5 4 3 2 1") == (1, 2, 3, 4, 5, 6)  # the global setting has no cap


def test_stored_lead_days_keep_what_the_engine_honours() -> None:
    assert parse_stored("7,1,0") == (0, 1, 7)
    assert parse_stored("") == ()  # muted
    assert parse_stored(" 3 ,x,61,\u00b2,3,60") == (3, 60)  # a hand-edited value
