"""Frozen data passed between the services and their callers.

Inputs (``*Input``) are what an editor or the CLI submits; the services
validate them. Outputs are plain frozen copies: the GUI never holds a
session or a live ORM row, so nothing expires under it after a commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Generic, TypeVar

from crm_desktop.domain.dates import PartialDate
from crm_desktop.domain.recurrence import Recurrence

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class LabeledValue:
    """One e-mail or phone as entered: a label ("work", "mobile") and the text."""

    value: str
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    label: str | None = None
    street: str | None = None
    extended: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class ImportantDate:
    label: str
    date: PartialDate


@dataclass(frozen=True, slots=True)
class ContactInput:
    given_name: str | None = None
    middle_name: str | None = None
    family_name: str | None = None
    display_name: str | None = None  # derived from the name parts when blank
    organization: str | None = None  # by name; created when new
    job_title: str | None = None
    emails: tuple[LabeledValue, ...] = ()
    phones: tuple[LabeledValue, ...] = ()
    addresses: tuple[Address, ...] = ()
    birthday: PartialDate | None = None
    #: Days before the birthday to remind, e.g. (7, 1, 0); None: the global default; (): muted.
    birthday_reminder_days: tuple[int, ...] | None = None
    dates: tuple[ImportantDate, ...] = ()
    tags: tuple[str, ...] = ()
    lead_source: str | None = None  # by name; created when new
    status: str | None = None  # one of the configured statuses, by name
    preferred_channel: str | None = None
    interests: str | None = None
    preferences: str | None = None
    notes: str | None = None
    stay_in_touch_days: int | None = None


@dataclass(frozen=True, slots=True)
class Email:
    address: str
    label: str | None


@dataclass(frozen=True, slots=True)
class Phone:
    raw: str
    e164: str | None
    label: str | None


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    purpose: str
    granted: bool
    recorded_at: datetime
    method: str | None
    wording: str | None


@dataclass(frozen=True, slots=True)
class ContactRow:
    """One line of the customer list."""

    id: int
    display_name: str
    organization: str | None
    status: str | None
    tags: tuple[str, ...]
    last_contacted_at: datetime | None
    email: str | None
    phone: str | None
    birthday: PartialDate | None


@dataclass(frozen=True, slots=True)
class ContactDetail:
    id: int
    given_name: str | None
    middle_name: str | None
    family_name: str | None
    display_name: str
    organization_id: int | None
    organization: str | None
    job_title: str | None
    emails: tuple[Email, ...]
    phones: tuple[Phone, ...]
    addresses: tuple[Address, ...]
    birthday: PartialDate | None
    birthday_reminder_days: tuple[int, ...] | None  # None: the global default; (): muted
    dates: tuple[ImportantDate, ...]
    tags: tuple[str, ...]
    lead_source: str | None
    status: str | None
    preferred_channel: str | None
    interests: str | None
    preferences: str | None
    notes: str | None
    stay_in_touch_days: int | None
    consents: tuple[ConsentRecord, ...]
    last_contacted_at: datetime | None
    created_at: datetime
    updated_at: datetime
    trashed_at: datetime | None

    def to_input(self) -> ContactInput:
        """The editable part, to start an edit from."""
        return ContactInput(
            given_name=self.given_name,
            middle_name=self.middle_name,
            family_name=self.family_name,
            display_name=self.display_name,
            organization=self.organization,
            job_title=self.job_title,
            emails=tuple(LabeledValue(e.address, e.label) for e in self.emails),
            phones=tuple(LabeledValue(p.raw, p.label) for p in self.phones),
            addresses=self.addresses,
            birthday=self.birthday,
            birthday_reminder_days=self.birthday_reminder_days,
            dates=self.dates,
            tags=self.tags,
            lead_source=self.lead_source,
            status=self.status,
            preferred_channel=self.preferred_channel,
            interests=self.interests,
            preferences=self.preferences,
            notes=self.notes,
            stay_in_touch_days=self.stay_in_touch_days,
        )


@dataclass(frozen=True, slots=True)
class InteractionInput:
    contact_ids: tuple[int, ...]
    kind: str
    occurred_at: datetime
    direction: str | None = None
    duration_minutes: int | None = None
    subject: str | None = None
    notes: str | None = None
    outcome: str | None = None
    event_id: int | None = None
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InteractionRow:
    id: int
    kind: str
    direction: str | None
    occurred_at: datetime
    duration_minutes: int | None
    subject: str | None
    notes: str | None
    outcome: str | None
    contact_ids: tuple[int, ...]
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EventInput:
    title: str
    start: datetime  # aware; its wall time in ``timezone`` is what is kept
    end: datetime
    timezone: str
    kind: str = "meeting"
    all_day: bool = False
    location: str | None = None
    notes: str | None = None
    contact_ids: tuple[int, ...] = ()
    reminder_minutes: tuple[int, ...] = (15,)
    status: str = "planned"
    recurrence: Recurrence | None = None


@dataclass(frozen=True, slots=True)
class EventOccurrence:
    """One occurrence of an event in a calendar range (a recurring event yields many)."""

    event_id: int
    title: str
    kind: str
    start: datetime
    end: datetime
    all_day: bool
    status: str
    location: str | None
    contact_ids: tuple[int, ...]
    recurring: bool
    reminder_minutes: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class TaskInput:
    title: str
    due_date: date | None = None
    due_at: datetime | None = None
    priority: int = 0
    contact_id: int | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class TaskRow:
    id: int
    title: str
    due_date: date | None
    due_at: datetime | None
    done: bool
    priority: int
    contact_id: int | None
    notes: str | None


@dataclass(frozen=True, slots=True)
class DealInput:
    title: str
    contact_id: int | None = None
    organization_id: int | None = None
    stage: str | None = None
    value_minor: int = 0
    currency: str = "EUR"
    probability: int | None = None  # None: the stage's default
    expected_close: date | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class DealRow:
    id: int
    title: str
    contact_id: int | None
    organization_id: int | None
    stage: str | None
    value_minor: int
    currency: str
    probability: int
    expected_close: date | None
    status: str
    closed_at: datetime | None
    close_reason: str | None


class DealChangeKind(StrEnum):
    """What a ``deal_change`` row records (stored as these stable English keys)."""

    CREATED = "created"
    STAGE = "stage"  # moved to another stage (or to none)
    WON = "won"
    LOST = "lost"
    REOPENED = "reopened"
    VALUE = "value"  # value or currency changed, the stage did not


@dataclass(frozen=True, slots=True)
class DealChangeRow:
    """One step of a deal's history as it looked right after the change.

    ``title`` is the deal's current title; everything else is the snapshot.
    ``id`` is the change's own id (unique, and orders changes of one instant).
    """

    id: int
    deal_id: int
    title: str
    kind: str
    stage: str | None
    value_minor: int
    currency: str
    probability: int
    reason: str | None
    changed_at: datetime


@dataclass(frozen=True, slots=True)
class PurchaseInput:
    contact_id: int
    purchased_on: date
    amount_minor: int
    currency: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class PurchaseRow:
    id: int
    contact_id: int
    purchased_on: date
    amount_minor: int
    currency: str
    description: str | None


@dataclass(frozen=True, slots=True)
class LeadSourceRow:
    id: int
    name: str
    channel: str | None
    cost_minor: int | None
    currency: str | None
    starts_on: date | None
    ends_on: date | None


@dataclass(frozen=True, slots=True)
class NamedCount:
    """A tag, status or stage with how many live contacts (or deals) use it."""

    id: int
    name: str
    count: int = 0


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list; ``next_offset`` is None on the last page."""

    rows: tuple[T, ...]
    next_offset: int | None = None
