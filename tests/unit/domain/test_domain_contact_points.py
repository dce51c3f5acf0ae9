"""E-mail validation and phone parsing and search keys."""

from __future__ import annotations

import pytest

from crm_desktop.domain.contact_points import (
    Email,
    Phone,
    parse_phone,
    validate_email,
)
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.phone_keys import phone_keys


def test_email_normalization() -> None:
    email = validate_email("  Anna.Kovacs@ExAMPLE.COM ")
    assert email == Email(address="Anna.Kovacs@example.com", normalized="anna.kovacs@example.com")


def test_email_internationalized_domain_and_local_part() -> None:
    email = validate_email("Jörg@Müller.DE")
    assert email.address == "Jörg@müller.de"
    assert email.normalized == "jörg@müller.de"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("anna.kovacs", "the @ sign is missing"),
        ("anna.kovacs@", "the part after @ is missing"),
        ("@kovacs-bt.hu", "the part before @ is missing"),
        ("anna,kovacs@kovacs-bt.hu", "characters that are not allowed"),
        ("anna..kovacs@kovacs-bt.hu", "two dots in a row"),
        ("anna.kovacs@kovacs-bthu", "needs a dot"),
        ("anna.kovacs@kovacs-.hu", "a hyphen is in the wrong place"),
        ("anna.kovacs.@kovacs-bt.hu", "a dot is in the wrong place"),
        ('"anna.kovacs"@kovacs-bt.hu', "quotes are not supported"),
        ("anna.kovacs@kovacs.test", "reserved name"),
        ("anna(kovacs)@kovacs-bt.hu", "the part before @ has characters that are not allowed"),
        ("anna.kovacs@kovacs_bt.hu", "the part after @ has characters that are not allowed"),
    ],
)
def test_email_errors_use_our_words_and_hide_the_value(raw: str, reason: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_email(raw, field="Work e-mail")
    err = info.value
    assert err.field == "Work e-mail"
    assert err.message.startswith("is not a valid e-mail address")
    assert reason in err.message
    assert "kovacs" not in str(err) and "anna" not in str(err)
    assert err.__cause__ is None and err.__suppress_context__


def test_email_blank_is_required() -> None:
    with pytest.raises(ValidationError, match=r"^E-mail: is required$"):
        validate_email("  ")


def test_parse_phone_international() -> None:
    phone = parse_phone("+49 30 1234567")
    assert phone == Phone(
        raw="+49 30 1234567",
        e164="+49301234567",
        digits="49301234567",
        national_digits="301234567",
    )


def test_parse_phone_with_default_region_and_trunk_prefix() -> None:
    phone = parse_phone(" 030 1234567 ", default_region="DE")
    assert phone.raw == "030 1234567"
    assert phone.e164 == "+49301234567"
    assert phone.national_digits == "301234567"


def test_parse_phone_international_prefix_00_without_region() -> None:
    assert parse_phone("0049 30 1234567").e164 == "+49301234567"


def test_parse_phone_unknown_number_is_kept() -> None:
    phone = parse_phone("030 1234567")  # no region: cannot be placed
    assert phone.e164 is None
    assert phone.digits == "0301234567"
    assert phone.national_digits == "301234567"


def test_parse_phone_extension_and_other_scripts() -> None:
    phone = parse_phone("+1 (201) 555-0123 ext. 12")
    assert phone.e164 == "+12015550123"
    assert phone.digits == "1201555012312"
    assert parse_phone("٠٣٠ ١٢٣٤٥٦٧", default_region="DE").e164 == "+49301234567"


@pytest.mark.parametrize("raw", ["12", "call me", "0301234567 or 0301234568", "+49 30 CALL-NOW"])
def test_parse_phone_refuses_non_numbers(raw: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_phone(raw, field="Mobile")
    assert str(info.value) == "Mobile: is not a phone number"


def test_parse_phone_too_long() -> None:
    with pytest.raises(ValidationError, match="too long"):
        parse_phone("1" * 65)


def _is_prefix_of_a_key(typed: str, phone: Phone) -> bool:
    from crm_desktop.domain.text import digits

    query = digits(typed)
    return any(key.startswith(query) for key in phone_keys(phone.raw, phone.e164))


def test_phone_search_keys() -> None:
    phone = parse_phone("+49 30 1234567")
    keys = phone_keys(phone.raw, phone.e164)
    assert keys == ["49301234567", "301234567", "0301234567", "1234567"]
    assert len(keys) == len(set(keys))
    for typed in ("30 123", "030123", "4930", "+49 30 12"):
        assert _is_prefix_of_a_key(typed, phone), typed
    assert not _is_prefix_of_a_key("31", phone)


def test_phone_search_keys_italian_leading_zero_and_unparsed() -> None:
    italian = parse_phone("+39 06 1234 5678")
    assert "0612345678" in phone_keys(italian.raw, italian.e164)
    assert phone_keys("555-0123", None) == ["5550123"]


def test_email_error_never_quotes_characters_typed() -> None:
    # email-validator's own text would quote the offending characters.
    with pytest.raises(ValidationError) as info:
        validate_email("anna(kovacs)@kovacs-bt.hu")
    text = str(info.value)
    assert "(" not in text and ")" not in text and "'" not in text
    assert text == (
        "E-mail: is not a valid e-mail address: "
        "the part before @ has characters that are not allowed"
    )
