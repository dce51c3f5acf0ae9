"""Folding, tokens, digits, sort keys and text cleaning."""

from __future__ import annotations

import pickle

import pytest

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.text import (
    EMAIL_MAX,
    NAME_MAX,
    NOTES_MAX,
    PHONE_MAX,
    SHORT_TEXT_MAX,
    URL_MAX,
    clean_text,
    digits,
    fold,
    search_tokens,
    sort_key,
)


def test_validation_error_carries_field_and_message() -> None:
    err = ValidationError("E-mail", "is required")
    assert isinstance(err, ValueError)
    assert (err.field, err.message) == ("E-mail", "is required")
    assert str(err) == "E-mail: is required"
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.field, copy.message, str(copy)) == ("E-mail", "is required", str(err))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ελένη", "ελενη"),  # Greek: FTS5 keeps the tonos, we must not
        ("Árvíztűrő", "arvizturo"),  # Hungarian double acute
        ("București", "bucuresti"),  # Romanian comma below
        ("João", "joao"),  # Portuguese tilde
        ("Ёлкин", "елкин"),  # Russian ё
        ("Ақжол", "акжол"),  # Kazakh letters fold to their Russian-keyboard stand-ins
        ("Сәрсенов", "сарсенов"),
        ("Өскемен", "оскемен"),
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("Ærøskøbing", "aeroskobing"),
        ("Þórður", "thordur"),
        ("Œuvre ĐĦıŀ", "oeuvre dhil"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_final_sigma_and_decomposed_input() -> None:
    assert fold("Οδυσσέας") == fold("ΟΔΥΣΣΕΑΣ") == "οδυσσεασ"
    assert fold("Jo\u0061\u0303o") == "joao"  # already decomposed (macOS file names)
    assert fold(fold("Ελένη")) == fold("Ελένη")


def test_search_tokens() -> None:
    assert search_tokens("Jean-Luc  O'Brien_Ó, 42") == ["jean", "luc", "o", "brien", "o", "42"]
    assert search_tokens("Ελένη Παπαδοπούλου") == ["ελενη", "παπαδοπουλου"]
    assert search_tokens(" -- ") == []


def test_digits_converts_other_scripts() -> None:
    assert digits("+49 (30) 123-45") == "493012345"
    assert digits("٠١٢٣ ۴۵") == "012345"  # Arabic-Indic and extended Arabic-Indic
    assert digits("１２３") == "123"  # full width
    assert digits("x²") == ""  # superscripts are not decimal digits


def test_sort_key() -> None:
    assert sort_key("  Ádám \t  Éva\nKovács ") == "adam eva kovacs"
    names = ["Zoltán", "Ábel", "zoe", "Éva", "Adam"]
    assert sorted(names, key=sort_key) == ["Ábel", "Adam", "Éva", "zoe", "Zoltán"]


def test_limits_constants() -> None:
    assert (NAME_MAX, SHORT_TEXT_MAX, NOTES_MAX) == (200, 500, 100_000)
    assert (EMAIL_MAX, PHONE_MAX, URL_MAX) == (254, 64, 2048)


def test_clean_text_blank_and_required() -> None:
    assert clean_text(None, field="Notes", max_length=10) is None
    assert clean_text("   \n ", field="Notes", max_length=10) is None
    with pytest.raises(ValidationError) as info:
        clean_text(" ", field="Given name", max_length=10, required=True)
    assert str(info.value) == "Given name: is required"


def test_clean_text_normalizes_and_strips() -> None:
    decomposed = "Jo\u0061\u0303o  "
    assert clean_text(decomposed, field="Name", max_length=4) == "João"
    assert clean_text("  a\r\nb\rc\u2028d ", field="Notes", max_length=50, multiline=True) == (
        "a\nb\nc\nd"
    )
    assert clean_text("a\tb", field="Notes", max_length=5, multiline=True) == "a\tb"


SECRET = "Kovács\x07Anna"


@pytest.mark.parametrize(
    ("value", "multiline", "expected"),
    [
        (SECRET, False, "contains a control character that cannot be saved"),
        (SECRET, True, "contains a control character that cannot be saved"),
        ("Kovács\x00Anna", True, "contains a control character that cannot be saved"),
        ("Kovács\u202eAnna", False, "contains a control character that cannot be saved"),
        ("Kovács\u2067Anna", True, "contains a control character that cannot be saved"),
        ("Kovács\nAnna", False, "must be a single line"),
        ("Kovács\tAnna", False, "must be a single line"),
        ("Kovács\u2028Anna", False, "must be a single line"),
        ("Kovács\ud800Anna", False, "contains a broken character that cannot be saved"),
    ],
)
def test_clean_text_refuses_controls_without_echoing(
    value: str, multiline: bool, expected: str
) -> None:
    with pytest.raises(ValidationError) as info:
        clean_text(value, field="Family name", max_length=100, multiline=multiline)
    err = info.value
    assert err.field == "Family name"
    assert err.message == expected
    assert str(err).startswith("Family name: ")
    assert "Kovács" not in str(err) and "Anna" not in str(err)


def test_clean_text_length_in_code_points_after_nfc() -> None:
    # 3 code points composed, 6 decomposed: NFC decides.
    assert clean_text("e\u0301e\u0301e\u0301", field="Name", max_length=3) == "ééé"
    with pytest.raises(ValidationError) as info:
        clean_text("Ελένη", field="Given name", max_length=4)
    assert info.value.message == "is too long (5 characters; at most 4)"
    assert "Ελένη" not in str(info.value)
