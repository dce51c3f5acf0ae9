"""Turning a :class:`ContactInput` into a :class:`CleanContact`: all of a contact's validation.

All validation happens before anything is written, so a contact with one
bad e-mail is refused whole and the database does not change. Kept free of
the database layer (no SQLAlchemy import): the import's checking workers
load only this, and start in a fraction of the time.
"""

from __future__ import annotations

from dataclasses import dataclass

from crm_desktop.domain.contact_points import parse_phone, validate_email
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.lead_days import MAX_LEAD_DAYS, MAX_OWN_LEADS, parse_stored
from crm_desktop.domain.text import NAME_MAX, NOTES_MAX, SHORT_TEXT_MAX, clean_text
from crm_desktop.services.dto import Address, ContactInput, ImportantDate

MAX_ITEMS = 50  # e-mails, phones, addresses, dates or tags on one contact
MAX_CADENCE_DAYS = 3660


@dataclass(frozen=True, slots=True)
class CleanEmail:
    address: str
    normalized: str
    label: str | None


@dataclass(frozen=True, slots=True)
class CleanPhone:
    raw: str
    e164: str | None
    label: str | None


@dataclass(frozen=True, slots=True)
class CleanContact:
    """A validated contact: every text NFC, trimmed and within its limit."""

    given_name: str | None
    middle_name: str | None
    family_name: str | None
    display_name: str
    organization: str | None
    job_title: str | None
    emails: tuple[CleanEmail, ...]
    phones: tuple[CleanPhone, ...]
    addresses: tuple[Address, ...]
    dates: tuple[ImportantDate, ...]
    tags: tuple[str, ...]
    lead_source: str | None
    status: str | None
    preferred_channel: str | None
    interests: str | None
    preferences: str | None
    notes: str | None
    stay_in_touch_days: int | None
    birthday_month: int | None
    birthday_day: int | None
    birthday_year: int | None
    #: stored as is: None the global default, "" muted, "7,1,0" own lead days
    birthday_reminder_days: str | None = None


def _short(value: str | None, field: str) -> str | None:
    return clean_text(value, field=field, max_length=SHORT_TEXT_MAX)


def _long(value: str | None, field: str) -> str | None:
    return clean_text(value, field=field, max_length=NOTES_MAX, multiline=True)


def _limit(items: tuple[object, ...], field: str) -> None:
    if len(items) > MAX_ITEMS:
        raise ValidationError(field, f"has too many entries (at most {MAX_ITEMS})")


def clean_birthday_reminder_days(days: tuple[int, ...] | None) -> tuple[int, ...] | None:
    """Own birthday lead days, deduplicated and sorted descending; None: the global default.

    The messages name the field, never the value (it may be anything typed).
    """
    if days is None:
        return None
    if any(isinstance(d, bool) or not isinstance(d, int) for d in days):
        raise ValidationError("Birthday reminders", "must be whole numbers of days")
    if any(not 0 <= d <= MAX_LEAD_DAYS for d in days):
        raise ValidationError(
            "Birthday reminders", f"must be between 0 and {MAX_LEAD_DAYS} days before"
        )
    leads = tuple(sorted(set(days), reverse=True))
    if len(leads) > MAX_OWN_LEADS:
        raise ValidationError(
            "Birthday reminders", f"has too many entries (at most {MAX_OWN_LEADS})"
        )
    return leads


def birthday_reminder_text(days: tuple[int, ...] | None) -> str | None:
    """The stored form of clean lead days: None, "" (muted) or "7,1,0"."""
    return None if days is None else ",".join(str(d) for d in days)


def parse_birthday_reminder_text(stored: str | None) -> tuple[int, ...] | None:
    """The stored form read back (a hand-edited value: what the engine would honour)."""
    return None if stored is None else parse_stored(stored)[::-1]


def clean_contact(data: ContactInput, *, phone_region: str | None) -> CleanContact:
    """Validate ``data``; raise :class:`ValidationError` naming the first bad field."""
    given = clean_text(data.given_name, field="Given name", max_length=NAME_MAX)
    middle = clean_text(data.middle_name, field="Middle name", max_length=NAME_MAX)
    family = clean_text(data.family_name, field="Family name", max_length=NAME_MAX)
    organization = clean_text(data.organization, field="Organization", max_length=NAME_MAX)
    for items, field in (
        (data.emails, "E-mail"),
        (data.phones, "Phone"),
        (data.addresses, "Address"),
        (data.dates, "Important dates"),
        (data.tags, "Tags"),
    ):
        _limit(items, field)
    emails = tuple(
        CleanEmail(email.address, email.normalized, _short(item.label, "E-mail label"))
        for item in data.emails
        if item.value.strip()
        for email in (validate_email(item.value),)
    )
    phones = tuple(
        CleanPhone(phone.raw, phone.e164, _short(item.label, "Phone label"))
        for item in data.phones
        if item.value.strip()
        for phone in (parse_phone(item.value, default_region=phone_region),)
    )
    display = clean_text(data.display_name, field="Display name", max_length=NAME_MAX)
    display = display or " ".join(p for p in (given, middle, family) if p) or organization
    display = display or (emails[0].address if emails else None)
    if not display:
        raise ValidationError("Name", "is required (a name, an organization or an e-mail)")
    cadence = data.stay_in_touch_days
    if cadence is not None and not 1 <= cadence <= MAX_CADENCE_DAYS:
        raise ValidationError("Stay in touch", f"must be between 1 and {MAX_CADENCE_DAYS} days")
    tags = tuple(
        dict.fromkeys(
            tag
            for raw in data.tags
            if (tag := clean_text(raw, field="Tag", max_length=NAME_MAX)) is not None
        )
    )
    birthday = data.birthday
    leads = clean_birthday_reminder_days(data.birthday_reminder_days)
    return CleanContact(
        given_name=given,
        middle_name=middle,
        family_name=family,
        display_name=display,
        organization=organization,
        job_title=_short(data.job_title, "Job title"),
        emails=emails,
        phones=phones,
        addresses=tuple(_clean_address(a) for a in data.addresses if any(_address_parts(a))),
        dates=tuple(
            ImportantDate(
                clean_text(d.label, field="Date label", max_length=NAME_MAX, required=True) or "",
                d.date,
            )
            for d in data.dates
        ),
        tags=tags,
        lead_source=clean_text(data.lead_source, field="Lead source", max_length=NAME_MAX),
        status=clean_text(data.status, field="Status", max_length=NAME_MAX),
        preferred_channel=_short(data.preferred_channel, "Preferred channel"),
        interests=_long(data.interests, "Interests"),
        preferences=_long(data.preferences, "Preferences"),
        notes=_long(data.notes, "Notes"),
        stay_in_touch_days=cadence,
        birthday_month=birthday.month if birthday else None,
        birthday_day=birthday.day if birthday else None,
        birthday_year=birthday.year if birthday else None,
        birthday_reminder_days=birthday_reminder_text(leads),
    )


def _address_parts(a: Address) -> tuple[str | None, ...]:
    return (a.street, a.extended, a.city, a.region, a.postal_code, a.country)


def _clean_address(a: Address) -> Address:
    return Address(
        label=_short(a.label, "Address label"),
        street=_short(a.street, "Street"),
        extended=_short(a.extended, "Address line 2"),
        city=_short(a.city, "City"),
        region=_short(a.region, "Region"),
        postal_code=_short(a.postal_code, "Postal code"),
        country=_short(a.country, "Country"),
    )
