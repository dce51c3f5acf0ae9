"""People, organizations and everything attached to a person.

A contact's e-mails, phones, addresses, dates and tags are child rows so
that each can be searched, de-duplicated and typed. ``last_contacted_at`` is
derived from interactions and kept current by the services in the same
transaction: sorting 100,000 contacts by it must use an index, not a
correlated sub-query per row.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, Index, Text, text
from sqlmodel import Field, SQLModel

from crm_desktop.storage.models._common import created_field, long_text, updated_field

LIVE = text("trashed_at IS NULL")
#: When a contact's stay-in-touch cadence runs out, as a Julian day. The reminder queries
#: (services.reminder_sources) spell this expression and the WHERE below exactly so:
#: SQLite uses an expression index only for the identical expression.
STAY_DUE = "julianday(coalesce(last_contacted_at, created_at)) + stay_in_touch_days"
STAY_LIVE = "stay_in_touch_days IS NOT NULL AND trashed_at IS NULL"
#: Contacts with their own birthday lead times (or muted): few rows, read by a partial index.
OWN_BIRTHDAY = "birthday_reminder_days IS NOT NULL"


class Organization(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    sort_key: str = Field(index=True)
    website: str | None = None
    industry: str | None = None
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    notes: str | None = long_text()
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()


class RelationshipStatus(SQLModel, table=True):
    """The configurable list: lead, prospect, customer, loyal, inactive..."""

    __tablename__ = "relationship_status"
    __table_args__ = (Index("ix_relationship_status_position", "position", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    position: int = 0


class LeadSource(SQLModel, table=True):
    """Where contacts come from: a channel or a campaign with a cost and a period."""

    __tablename__ = "lead_source"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    channel: str | None = None
    cost_minor: int | None = None
    currency: str | None = None
    starts_on: str | None = None  # ISO date
    ends_on: str | None = None  # ISO date
    notes: str | None = long_text()
    created_at: datetime = created_field()


class Contact(SQLModel, table=True):
    __table_args__ = (
        Index("ix_contact_live_sort", "sort_key", "id", sqlite_where=LIVE),
        Index("ix_contact_live_last", "last_contacted_at", "id", sqlite_where=LIVE),
        Index("ix_contact_live_created", "created_at", "id", sqlite_where=LIVE),
        Index("ix_contact_live_status", "status_id", "sort_key", "id", sqlite_where=LIVE),
        Index("ix_contact_live_org", "organization_id", "sort_key", "id", sqlite_where=LIVE),
        Index("ix_contact_birthday", "birthday_month", "birthday_day"),
        Index("ix_contact_stay_due", text(STAY_DUE), sqlite_where=text(STAY_LIVE)),
        Index(
            "ix_contact_birthday_own",
            "birthday_month",
            "birthday_day",
            sqlite_where=text(OWN_BIRTHDAY),
        ),
        Index("ix_contact_trashed", "trashed_at", sqlite_where=text("trashed_at IS NOT NULL")),
        CheckConstraint("birthday_month BETWEEN 1 AND 12", name="ck_contact_birthday_month"),
        CheckConstraint("birthday_day BETWEEN 1 AND 31", name="ck_contact_birthday_day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    given_name: str | None = None
    middle_name: str | None = None
    family_name: str | None = None
    display_name: str
    sort_key: str
    organization_id: int | None = Field(
        default=None, foreign_key="organization.id", ondelete="SET NULL", index=True
    )
    job_title: str | None = None
    birthday_month: int | None = None
    birthday_day: int | None = None
    birthday_year: int | None = None
    #: Days before the birthday to remind, e.g. "7,0"; NULL: the global default; "": muted.
    birthday_reminder_days: str | None = None
    lead_source_id: int | None = Field(
        default=None, foreign_key="lead_source.id", ondelete="SET NULL", index=True
    )
    status_id: int | None = Field(
        default=None, foreign_key="relationship_status.id", ondelete="SET NULL"
    )
    preferred_channel: str | None = None
    interests: str | None = long_text()
    preferences: str | None = long_text()
    notes: str | None = long_text()
    stay_in_touch_days: int | None = None
    last_contacted_at: datetime | None = None
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    trashed_at: datetime | None = None


class ContactEmail(SQLModel, table=True):
    __tablename__ = "contact_email"
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", index=True)
    label: str | None = None
    address: str
    normalized: str = Field(index=True)  # casefolded: duplicate detection on import
    position: int = 0


class ContactPhone(SQLModel, table=True):
    __tablename__ = "contact_phone"
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", index=True)
    label: str | None = None
    raw: str  # exactly as the user typed it
    e164: str | None = Field(default=None, index=True)
    position: int = 0


class ContactAddress(SQLModel, table=True):
    __tablename__ = "contact_address"
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", index=True)
    label: str | None = None
    street: str | None = None
    extended: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    position: int = 0


class ContactDate(SQLModel, table=True):
    """Other important dates: anniversary, first purchase... (year optional)."""

    __tablename__ = "contact_date"
    __table_args__ = (Index("ix_contact_date_month_day", "month", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", index=True)
    label: str
    month: int
    day: int
    year: int | None = None


class Tag(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    folded: str = Field(unique=True)  # one tag per spelling, whatever the case or accents


class ContactTag(SQLModel, table=True):
    __tablename__ = "contact_tag"
    __table_args__ = (Index("ix_contact_tag_contact", "contact_id"),)
    tag_id: int = Field(foreign_key="tag.id", ondelete="CASCADE", primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)


class Consent(SQLModel, table=True):
    """Append-only (a trigger refuses updates): the history is the evidence."""

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", index=True)
    purpose: str
    granted: bool
    recorded_at: datetime
    method: str | None = None  # how: web form, phone, paper...
    wording: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
