"""E-mail addresses and phone numbers: validation, normalization, search keys.

Why libraries instead of regexes: e-mail syntax (RFC 5321/5322 plus
internationalized addresses, IDNA domains, length limits) and world phone
numbering plans (country codes, trunk prefixes, number lengths, changing
every year) are large, moving targets. ``email-validator`` and
``phonenumbers`` (Google's libphonenumber metadata) track them; hand-written
code would be wrong in ways nobody here would notice.

Why we keep the phone exactly as typed: people recognise their own
formatting, exports must round-trip, and a number libphonenumber does not
know (an internal extension, a new range) is still worth saving.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import email_validator
import phonenumbers

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.text import EMAIL_MAX, PHONE_MAX, clean_text, digits

__all__ = ["Email", "Phone", "parse_phone", "phone_search_keys", "validate_email"]


@dataclass(frozen=True, slots=True)
class Email:
    """A checked address. ``normalized`` is for duplicate detection only.

    Case-folding the local part is technically lossy (RFC 5321 lets servers
    treat it case-sensitively) but no real provider does, and treating
    Anna@x.org and anna@x.org as two people is the worse error in a CRM.
    """

    address: str
    normalized: str


# The validator's reasons, mapped to our own words. Its texts sometimes quote
# the offending characters, i.e. part of what the user typed, so they are
# never shown directly. First match wins.
_EMAIL_REASONS: tuple[tuple[str, str], ...] = (
    ("must have an @-sign", "the @ sign is missing"),
    ("something after the @-sign", "the part after @ is missing"),
    ("something before the @-sign", "the part before @ is missing"),
    (
        "invalid characters before the @-sign",
        "the part before @ has characters that are not allowed",
    ),
    ("after the @-sign contains invalid", "the part after @ has characters that are not allowed"),
    ("should have a period", "the part after @ needs a dot, as in example.com"),
    ("top-level domain", "the part after @ does not end in a real domain"),
    ("anything after the email address", "there is more text after the address"),
    ("quoting", "quotes are not supported"),
    ("bracketed ip", "an IP address after @ is not supported"),
    ("two periods in a row", "it contains two dots in a row"),
    ("hyphen", "a hyphen is in the wrong place"),
    ("period", "a dot is in the wrong place"),
    ("special-use or reserved", "the part after @ is a reserved name that cannot receive e-mail"),
    ("too long", "it is too long"),
    ("too many", "it is too long"),
    ("invalid characters", "it contains characters that are not allowed"),
)


def _email_reason(validator_message: str) -> str:
    lowered = validator_message.lower()
    for needle, reason in _EMAIL_REASONS:
        if needle.lower() in lowered:
            return f"is not a valid e-mail address: {reason}"
    return "is not a valid e-mail address"


def validate_email(raw: str, *, field: str = "E-mail") -> Email:
    """Check syntax only (no DNS: the app works offline and must be fast)."""
    text = clean_text(raw, field=field, max_length=EMAIL_MAX, required=True)
    assert text is not None  # required=True never returns None
    try:
        result = email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError as exc:
        # "from None": the chained validator exception would quote the value.
        raise ValidationError(field, _email_reason(str(exc))) from None
    address = result.normalized
    return Email(address=address, normalized=address.casefold())


@dataclass(frozen=True, slots=True)
class Phone:
    """A phone number as typed, plus the forms we search and dial by.

    ``e164`` is None when libphonenumber cannot place the number (no country
    code and no default region, or an impossible length); the number is
    still kept. ``national_digits`` has no country code and no trunk prefix.
    """

    raw: str
    e164: str | None
    digits: str
    national_digits: str


_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# Digits (any script), spaces, + - ( ) . / and dashes; then at most one
# extension written "ext", "ext.", "extension", "x" or "#".
_PHONE_SHAPE = re.compile(
    rf"(?P<main>[\d\s+\-()./{_DASHES}]+)(?:(?:ext\.?|extension|x|#)\s*\d+\s*)?",
    re.IGNORECASE,
)
_MIN_DIGITS = 3


def _parse_number(text: str, default_region: str | None) -> phonenumbers.PhoneNumber | None:
    attempts = [text]
    stripped = text.lstrip()
    if default_region is None and stripped.startswith("00"):
        # "0049 ..." is the international prefix used in most of the world;
        # without a region libphonenumber cannot know that, so help it.
        attempts.append("+" + stripped[2:])
    for attempt in attempts:
        try:
            return phonenumbers.parse(attempt, default_region)
        except phonenumbers.NumberParseException:
            continue
    return None


def parse_phone(raw: str, *, default_region: str | None = None, field: str = "Phone") -> Phone:
    """Accept anything that looks like a phone number; normalize when possible.

    ``default_region`` is an ISO 3166 code ("DE") used for numbers typed
    without a country code.
    """
    text = clean_text(raw, field=field, max_length=PHONE_MAX, required=True)
    assert text is not None  # required=True never returns None
    all_digits = digits(text)
    shape = _PHONE_SHAPE.fullmatch(text)
    if len(all_digits) < _MIN_DIGITS or shape is None:
        raise ValidationError(field, "is not a phone number")
    number = _parse_number(text, default_region)
    if number is not None and phonenumbers.is_possible_number(number):
        e164: str | None = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        national = str(number.national_number)
    else:
        e164 = None
        # Without the extension: it is not part of the number people search.
        national = digits(shape.group("main")).lstrip("0")
    return Phone(raw=text, e164=e164, digits=all_digits, national_digits=national)


def _national_dialing_digits(e164: str) -> str | None:
    """Digits as dialled inside the country, trunk prefix included ("030...")."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:  # pragma: no cover - e164 came from the library
        return None
    return digits(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))


def phone_search_keys(phone: Phone) -> list[str]:
    """Digit strings to index so a digit-prefix search finds the number.

    Users type a number the way they would dial it from where they are:
    "030 123" at home, "+49 30 123" or "0049..." abroad, "30 123" from
    memory. Each of those is a prefix of one key. Order is stable, no
    duplicates, no empty strings.
    """
    keys = [phone.digits, phone.national_digits]
    if phone.e164 is not None:
        keys.append(phone.e164.lstrip("+"))
        national_dialing = _national_dialing_digits(phone.e164)
        if national_dialing is not None:
            keys.append(national_dialing)
    return list(dict.fromkeys(key for key in keys if key))
