"""E-mail addresses and phone numbers: validation, normalization, search keys.

Why libraries instead of regexes: e-mail syntax (RFC 5321/5322 plus
internationalized addresses, IDNA domains, length limits) and world phone
numbering plans (country codes, trunk prefixes, number lengths, changing
every year) are large, moving targets. ``email-validator`` and
``phonenumbers`` (Google's libphonenumber metadata) track them; hand-written
code would be wrong in ways nobody here would notice. For speed, phone
numbers written plainly (digits, spaces, ``- ( ) . /``, a leading ``+``) go
through :mod:`crm_desktop.domain.phone_fast`, which runs the library's own
steps on its own metadata without its detours: the same results (tested
against the library on 200,000 generated numbers), a quarter of the time.

Why we keep the phone exactly as typed: people recognise their own
formatting, exports must round-trip, and a number libphonenumber does not
know (an internal extension, a new range) is still worth saving.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import email_validator
import email_validator.syntax as email_syntax
import phonenumbers
from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES

from crm_desktop.domain import phone_fast
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.text import EMAIL_MAX, PHONE_MAX, clean_text, digits

__all__ = ["Email", "Phone", "parse_phone", "validate_email"]


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


# An address with nothing to unquote, unescape or normalize: ASCII atom
# characters, one @, no display name, no brackets. Such an address is checked
# by the validator's own local-part and domain steps directly, with the domain
# step cached per domain (an import of 100,000 rows has a few hundred domains;
# the domain step is most of the validator's ~45 us). Anything else takes the
# validator's full path. Same results either way (tested against it).
_PLAIN_EMAIL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]+@[A-Za-z0-9.\-]+")
_DOMAIN_CACHE_MAX = 4096
_domains: dict[str, dict[str, str] | str] = {}  # domain -> validator result or error text


def _checked_domain(domain: str) -> dict[str, str]:
    found = _domains.get(domain)
    if found is None:
        try:
            info = email_syntax.validate_email_domain_name(
                domain,
                test_environment=email_validator.TEST_ENVIRONMENT,
                globally_deliverable=email_validator.GLOBALLY_DELIVERABLE,
            )
            found = {"domain": info["domain"], "ascii_domain": info["ascii_domain"]}
        except email_validator.EmailNotValidError as exc:
            found = str(exc)
        if len(_domains) >= _DOMAIN_CACHE_MAX:
            _domains.clear()
        _domains[domain] = found
    if isinstance(found, str):
        raise email_validator.EmailSyntaxError(found)
    return found


def _validate_plain(text: str) -> str:
    """The validator's steps for a plain address (see ``_PLAIN_EMAIL``); the normalized form."""
    local, _, domain = text.partition("@")
    info = email_syntax.validate_email_local_part(
        local,
        allow_smtputf8=email_validator.ALLOW_SMTPUTF8,
        allow_empty_local=email_validator.ALLOW_EMPTY_LOCAL,
        quoted_local_part=False,
        strict=email_validator.STRICT,
    )
    ret = email_validator.ValidatedEmail()
    ret.original = text
    ret.display_name = None
    ret.smtputf8 = info["smtputf8"]
    ret.local_part = info["local_part"]
    ret.ascii_local_part = info["ascii_local_part"]
    if (
        ret.ascii_local_part is not None
        and ret.ascii_local_part.lower() in CASE_INSENSITIVE_MAILBOX_NAMES
        and ret.local_part is not None
    ):
        ret.ascii_local_part = ret.ascii_local_part.lower()
        ret.local_part = ret.local_part.lower()
    if not domain:
        raise email_validator.EmailSyntaxError("There must be something after the @-sign.")
    checked = _checked_domain(domain)
    ret.domain = checked["domain"]
    ret.ascii_domain = checked["ascii_domain"]
    ret.normalized = ret.local_part + "@" + ret.domain
    if ret.ascii_local_part and ret.ascii_domain:
        ret.ascii_email = ret.ascii_local_part + "@" + ret.ascii_domain
    else:
        ret.ascii_email = None
    email_syntax.validate_email_length(ret)
    return str(ret.normalized)


def validate_email(raw: str, *, field: str = "E-mail") -> Email:
    """Check syntax only (no DNS: the app works offline and must be fast)."""
    text = clean_text(raw, field=field, max_length=EMAIL_MAX, required=True)
    assert text is not None  # required=True never returns None
    try:
        if _PLAIN_EMAIL.fullmatch(text):
            address = _validate_plain(text)
        else:
            address = email_validator.validate_email(text, check_deliverability=False).normalized
    except email_validator.EmailNotValidError as exc:
        # "from None": the chained validator exception would quote the value.
        raise ValidationError(field, _email_reason(str(exc))) from None
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


def _parse_number(
    text: str, default_region: str | None, plain_digits: str | None = None
) -> phonenumbers.PhoneNumber | None:
    """``phonenumbers.parse`` (through ``phone_fast``: the same, faster); ``plain_digits``:
    ``phone_fast.plain_digits(text)`` if known."""
    try:
        return phone_fast.parse(text, default_region, plain_digits)
    except phonenumbers.NumberParseException:
        pass
    stripped = text.lstrip()
    if default_region is None and stripped.startswith("00"):
        # "0049 ..." is the international prefix used in most of the world;
        # without a region libphonenumber cannot know that, so help it.
        try:
            return phone_fast.parse("+" + stripped[2:], default_region)
        except phonenumbers.NumberParseException:
            pass
    return None


# While an import runs, the parsed numbers by E.164, so its search keys need
# no second parse (~5 us each, ~40 us on the library alone): parsing the E.164
# form gives the same country code, national number and leading zeros, all the
# keys depend on.
_remembered: dict[str, phonenumbers.PhoneNumber] | None = None


@contextmanager
def remembering_numbers() -> Iterator[None]:
    """Keep what :func:`parse_phone` parses, for :func:`remembered_number`, until the end."""
    global _remembered
    outer = _remembered
    _remembered = {} if outer is None else outer
    try:
        yield
    finally:
        _remembered = outer


def remembered_number(e164: str) -> phonenumbers.PhoneNumber | None:
    """The number parse_phone produced ``e164`` from inside :func:`remembering_numbers`."""
    return None if _remembered is None else _remembered.get(e164)


def parse_phone(raw: str, *, default_region: str | None = None, field: str = "Phone") -> Phone:
    """Accept anything that looks like a phone number; normalize when possible.

    ``default_region`` is an ISO 3166 code ("DE") used for numbers typed
    without a country code.
    """
    text = clean_text(raw, field=field, max_length=PHONE_MAX, required=True)
    assert text is not None  # required=True never returns None
    plain = all_digits = phone_fast.plain_digits(text)
    if all_digits is not None:  # plain: the shape below matches, with no extension
        main_digits = all_digits
    else:
        all_digits = digits(text)
        shape = _PHONE_SHAPE.fullmatch(text)
        if shape is None:
            raise ValidationError(field, "is not a phone number")
        # Without the extension: it is not part of the number people search.
        main_digits = digits(shape.group("main"))
    if len(all_digits) < _MIN_DIGITS:
        raise ValidationError(field, "is not a phone number")
    number = _parse_number(text, default_region, plain)
    if number is not None and phone_fast.is_possible_number(number):
        e164: str | None = phone_fast.e164(number)
        national = str(number.national_number)
        if _remembered is not None and e164 is not None:
            _remembered[e164] = number
    else:
        e164 = None
        national = main_digits.lstrip("0")
    return Phone(raw=text, e164=e164, digits=all_digits, national_digits=national)


def _parse_phone_reference(
    raw: str, *, default_region: str | None = None, field: str = "Phone"
) -> Phone:
    """:func:`parse_phone` on the library alone, as it was before ``phone_fast``: the oracle
    the tests and ``benchmarks/phones_bench.py`` compare with."""
    text = clean_text(raw, field=field, max_length=PHONE_MAX, required=True)
    assert text is not None
    all_digits = digits(text)
    shape = _PHONE_SHAPE.fullmatch(text)
    if len(all_digits) < _MIN_DIGITS or shape is None:
        raise ValidationError(field, "is not a phone number")
    number = None
    attempts = [text]
    stripped = text.lstrip()
    if default_region is None and stripped.startswith("00"):
        attempts.append("+" + stripped[2:])
    for attempt in attempts:
        try:
            number = phonenumbers.parse(attempt, default_region)
            break
        except phonenumbers.NumberParseException:
            continue
    if number is not None and phonenumbers.is_possible_number(number):
        e164: str | None = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        national = str(number.national_number)
        if _remembered is not None and e164 is not None:
            _remembered[e164] = number
    else:
        e164 = None
        national = digits(shape.group("main")).lstrip("0")
    return Phone(raw=text, e164=e164, digits=all_digits, national_digits=national)
