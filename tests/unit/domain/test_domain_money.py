"""Currencies, amount parsing to minor units, plain formatting."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import (
    currency_exponent,
    format_amount,
    minor_to_decimal,
    parse_amount,
    validate_currency,
)


@pytest.mark.parametrize(
    ("code", "exponent"),
    [
        *[("EUR", 2), ("usd", 2), ("HUF", 2)],
        *[(code, 0) for code in ("JPY", "KRW", "ISK", "CLP", "VND", "UGX", "XOF", "XAF", "PYG")],
        *[(code, 3) for code in ("BHD", "KWD", "OMR", "JOD", "TND")],
    ],
)
def test_currency_exponent(code: str, exponent: int) -> None:
    assert currency_exponent(code) == exponent


@pytest.mark.parametrize("code", ["EU", "EURO", "€", "E1R", "", "ÉUR"])
def test_validate_currency_refuses(code: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_currency(code)
    assert info.value.field == "Currency"


def test_validate_currency_uppercases() -> None:
    assert validate_currency(" chf ") == "CHF"


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("1234.5", "EUR", 123450),
        ("1,234.50", "EUR", 123450),
        ("1 234,50", "EUR", 123450),
        ("1\u202f234,50", "EUR", 123450),  # narrow no-break space (French Excel)
        ("1.234,50", "EUR", 123450),
        ("1'234.50", "CHF", 123450),
        ("-12", "EUR", -1200),
        ("- 0,05", "EUR", -5),
        ("12,34,567.89", "INR", 123456789),
        ("1.234.567", "EUR", 123456700),
        ("1,234", "EUR", 123400),  # one thousand, not 1.234 euros
        ("1.234", "KWD", 1234),  # three-decimal currency: one dinar and a bit
        ("0,5", "EUR", 50),
        ("1500", "JPY", 1500),
        ("999999999999999", "JPY", 999999999999999),
    ],
)
def test_parse_amount(text: str, currency: str, minor: int) -> None:
    assert parse_amount(text, currency) == minor


@pytest.mark.parametrize(
    ("text", "currency", "message"),
    [
        ("1234.505", "EUR", "has more than 2 decimal places"),
        ("0.125", "USD", "has more than 2 decimal places"),
        ("1.5", "JPY", "must be a whole number"),
        ("1.2345", "KWD", "has more than 3 decimal places"),
        ("NaN", "EUR", "is not an amount"),
        ("Infinity", "EUR", "is not an amount"),
        ("-inf", "EUR", "is not an amount"),
        ("1e5", "EUR", "is not an amount"),
        ("1,2,3", "EUR", "is not an amount"),
        ("12 EUR", "EUR", "is not an amount"),
        ("1234567890123456", "JPY", "has too many digits"),
        ("10000000000000.00", "EUR", "has too many digits"),
        ("", "EUR", "is required"),
    ],
)
def test_parse_amount_errors(text: str, currency: str, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_amount(text, currency, field="Deal value")
    assert info.value.field == "Deal value"
    assert info.value.message.startswith(message)
    if text:
        assert text not in info.value.message


def test_format_amount_and_decimal() -> None:
    assert format_amount(123450, "EUR") == "1234.50 EUR"
    assert format_amount(-5, "eur") == "-0.05 EUR"
    assert format_amount(1500, "JPY") == "1500 JPY"
    assert format_amount(1234, "KWD") == "1.234 KWD"
    assert minor_to_decimal(123450, "EUR") == Decimal("1234.50")
    assert str(minor_to_decimal(123450, "EUR")) == "1234.50"
    assert minor_to_decimal(-1, "BHD") == Decimal("-0.001")


def test_parse_format_round_trip() -> None:
    for minor in (0, 1, 99, 100, 123456789, -42):
        text = format_amount(minor, "EUR").removesuffix(" EUR")
        assert parse_amount(text, "EUR") == minor
