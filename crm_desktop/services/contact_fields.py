"""Writing a clean contact's row and child rows (the validation is in ``contact_clean``).

The names of :mod:`crm_desktop.services.contact_clean` are re-exported here,
where the rest of the services have always found them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session

from crm_desktop.domain.text import sort_key
from crm_desktop.services import vocabulary
from crm_desktop.services.contact_clean import (
    MAX_CADENCE_DAYS,
    MAX_ITEMS,
    CleanContact,
    CleanEmail,
    CleanPhone,
    birthday_reminder_text,
    clean_birthday_reminder_days,
    clean_contact,
    parse_birthday_reminder_text,
)
from crm_desktop.storage.models import (
    Contact,
    ContactAddress,
    ContactDate,
    ContactEmail,
    ContactPhone,
    ContactTag,
)

__all__ = [
    "MAX_CADENCE_DAYS",
    "MAX_ITEMS",
    "CleanContact",
    "CleanEmail",
    "CleanPhone",
    "apply_to_row",
    "birthday_reminder_text",
    "clean_birthday_reminder_days",
    "clean_contact",
    "parse_birthday_reminder_text",
    "replace_children",
]


def apply_to_row(session: Session, row: Contact, clean: CleanContact, now: datetime) -> None:
    """Copy the scalar fields onto ``row`` (resolving names to vocabulary ids)."""
    row.given_name = clean.given_name
    row.middle_name = clean.middle_name
    row.family_name = clean.family_name
    row.display_name = clean.display_name
    row.sort_key = sort_key(clean.display_name)
    row.organization_id = vocabulary.organization_id(session, clean.organization, now)
    row.job_title = clean.job_title
    row.birthday_month = clean.birthday_month
    row.birthday_day = clean.birthday_day
    row.birthday_year = clean.birthday_year
    row.birthday_reminder_days = clean.birthday_reminder_days
    row.lead_source_id = vocabulary.lead_source_id(session, clean.lead_source, now)
    row.status_id = vocabulary.status_id(session, clean.status)
    row.preferred_channel = clean.preferred_channel
    row.interests = clean.interests
    row.preferences = clean.preferences
    row.notes = clean.notes
    row.stay_in_touch_days = clean.stay_in_touch_days
    row.updated_at = now


def replace_children(session: Session, contact_id: int, clean: CleanContact) -> None:
    """Replace the contact's e-mails, phones, addresses, dates and tags."""
    for table in (ContactEmail, ContactPhone, ContactAddress, ContactDate, ContactTag):
        session.execute(delete(table).where(table.contact_id == contact_id))  # type: ignore[arg-type]
    session.add_all(
        ContactEmail(
            contact_id=contact_id,
            label=e.label,
            address=e.address,
            normalized=e.normalized,
            position=i,
        )
        for i, e in enumerate(clean.emails)
    )
    session.add_all(
        ContactPhone(contact_id=contact_id, label=p.label, raw=p.raw, e164=p.e164, position=i)
        for i, p in enumerate(clean.phones)
    )
    session.add_all(
        ContactAddress(
            contact_id=contact_id,
            label=a.label,
            street=a.street,
            extended=a.extended,
            city=a.city,
            region=a.region,
            postal_code=a.postal_code,
            country=a.country,
            position=i,
        )
        for i, a in enumerate(clean.addresses)
    )
    session.add_all(
        ContactDate(
            contact_id=contact_id,
            label=d.label,
            month=d.date.month,
            day=d.date.day,
            year=d.date.year,
        )
        for d in clean.dates
    )
    session.add_all(
        ContactTag(contact_id=contact_id, tag_id=tag_id)
        for tag_id in dict.fromkeys(vocabulary.tag_id(session, tag) for tag in clean.tags)
    )
