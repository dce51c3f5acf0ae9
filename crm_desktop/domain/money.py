"""Money as integer minor units (cents) per currency.

Why integers: floats cannot hold 0.10 exactly, and sums of deal values must
match what the user typed to the cent. Why Decimal while parsing: it keeps
"1234.50" exact until it is scaled. Why no locale formatting here: the
domain layer has no idea of the user's locale; the GUI formats for display,
this module gives a stable plain form for exports and logs.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from crm_desktop.domain.errors import ValidationError

__all__ = [
    "AMOUNT_MAX_DIGITS",
    "currency_exponent",
    "format_amount",
    "minor_to_decimal",
    "parse_amount",
    "validate_currency",
]

# ISO 4217 minor-unit exponents that differ from the usual 2.
_EXPONENT_0 = frozenset(
    {
        *("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG"),
        *("RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"),
    }
)
_EXPONENT_3 = frozenset({"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"})
_EXPONENT_4 = frozenset({"CLF", "UYW"})

# 15 significant digits: exact in a float too, so a spreadsheet that reads our
# export does not round the value; far above any real deal.
AMOUNT_MAX_DIGITS = 15

_CURRENCY = re.compile(r"[A-Za-z]{3}", re.ASCII)


def validate_currency(code: str) -> str:
    """Return the ISO 4217 style code uppercased ("eur" -> "EUR")."""
    stripped = code.strip()
    if _CURRENCY.fullmatch(stripped) is None:
        raise ValidationError("Currency", "must be a three-letter code such as EUR")
    return stripped.upper()


def currency_exponent(code: str) -> int:
    """Number of decimal places of the currency's minor unit."""
    upper = validate_currency(code)
    if upper in _EXPONENT_0:
        return 0
    if upper in _EXPONENT_3:
        return 3
    if upper in _EXPONENT_4:
        return 4
    return 2


_SIGNS = {"-": -1, "\u2212": -1, "+": 1}
# Thousands separators people type besides "," and ".": spaces of all widths
# (French, Nordic, Excel's narrow no-break space) and apostrophes (Swiss).
_GROUP_SPACES = re.compile(r"[\s'\u2019]")
_PLAIN = re.compile(r"\d+(?:[.,]\d*)?|[.,]\d+", re.ASCII)


def _to_ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def _split_grouped(body: str, sep: str) -> str | None:
    """Remove grouping separators; None if the groups are not well formed.

    Groups after the first must be 3 digits, except that 2-digit groups are
    accepted before the last one (Indian lakh/crore: 1,23,45,678).
    """
    groups = body.split(sep)
    first, rest = groups[0], groups[1:]
    if not 1 <= len(first) <= 3 or not first.isdigit():
        return None
    if len(rest[-1]) != 3 or any(len(g) not in (2, 3) for g in rest[:-1]):
        return None
    if not all(g.isdigit() for g in rest):
        return None
    return "".join(groups)


def _integer_and_fraction(body: str, exponent: int) -> tuple[str, str] | None:
    """Decide which of "." and "," is the decimal separator."""
    has_dot, has_comma = "." in body, "," in body
    if has_dot and has_comma:
        decimal_sep = "." if body.rfind(".") > body.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        head, _, fraction = body.rpartition(decimal_sep)
        integer = _split_grouped(head, group_sep)
        return None if integer is None else (integer, fraction)
    sep = "." if has_dot else "," if has_comma else None
    if sep is None:
        return body, ""
    count = body.count(sep)
    head, _, tail = body.rpartition(sep)
    looks_grouped = len(tail) == 3 and 1 <= len(head) <= 3 and not head.startswith("0")
    if count > 1 or (looks_grouped and exponent != 3):
        # "1,234" is one thousand two hundred thirty-four in a 2-decimal
        # currency; "1.234" in dinars (3 decimals) is one and a bit.
        integer = _split_grouped(body, sep)
        return None if integer is None else (integer, "")
    if _PLAIN.fullmatch(body) is None:
        return None
    return head, tail


def parse_amount(text: str, currency: str, *, field: str = "Amount") -> int:
    """Parse a typed amount into minor units of ``currency``.

    Accepts "1234.5", "1,234.50", "1 234,50", "1.234,50", "-12". Refuses
    more decimals than the currency has (no silent rounding of money).
    """
    exponent = currency_exponent(currency)
    stripped = _to_ascii_digits(text.strip())
    if not stripped:
        raise ValidationError(field, "is required")
    sign = _SIGNS.get(stripped[0])
    if sign is not None:
        stripped = stripped[1:].lstrip()
    body = _GROUP_SPACES.sub("", stripped)
    parts = None
    if body and all(ch.isdigit() or ch in ".," for ch in body) and body.isascii():
        parts = _integer_and_fraction(body, exponent)
    if parts is None:
        raise ValidationError(field, "is not an amount; use for example 1234.50 or 1 234,50")
    integer, fraction = parts
    if len(fraction) > exponent:
        if exponent == 0:
            raise ValidationError(field, "must be a whole number in this currency")
        raise ValidationError(field, f"has more than {exponent} decimal places for this currency")
    if len(integer.lstrip("0")) + len(fraction) > AMOUNT_MAX_DIGITS:
        raise ValidationError(field, f"has too many digits (at most {AMOUNT_MAX_DIGITS})")
    value = Decimal(f"{integer or '0'}.{fraction or '0'}")
    return (sign or 1) * int(value.scaleb(exponent))


def minor_to_decimal(minor: int, currency: str) -> Decimal:
    """Exact decimal value: 123450 EUR cents -> Decimal("1234.50")."""
    return Decimal(minor).scaleb(-currency_exponent(currency))


def format_amount(minor: int, currency: str) -> str:
    """Plain, locale-free text: "1234.50 EUR", "-12.00 EUR", "500 JPY"."""
    code = validate_currency(currency)
    exponent = currency_exponent(code)
    sign = "-" if minor < 0 else ""
    units, cents = divmod(abs(minor), 10**exponent)
    if exponent == 0:
        return f"{sign}{units} {code}"
    return f"{sign}{units}.{cents:0{exponent}d} {code}"
