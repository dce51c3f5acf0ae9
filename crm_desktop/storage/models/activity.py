"""What happened (interactions) and what is planned (events, tasks).

``interaction_contact`` repeats the interaction's ``occurred_at`` so that a
contact's timeline is one index range scan: (contact_id, occurred_at, id)
reaches any page of a contact with 10,000 interactions without a sort.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel

from crm_desktop.storage.models._common import created_field, long_text, updated_field


class Interaction(SQLModel, table=True):
    __table_args__ = (Index("ix_interaction_occurred", "occurred_at", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str
    direction: str | None = None
    occurred_at: datetime
    duration_minutes: int | None = None
    subject: str | None = None
    notes: str | None = long_text()
    outcome: str | None = None
    event_id: int | None = Field(
        default=None, foreign_key="event.id", ondelete="SET NULL", index=True
    )
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()


class InteractionContact(SQLModel, table=True):
    __tablename__ = "interaction_contact"
    __table_args__ = (
        Index("ix_interaction_contact_timeline", "contact_id", "occurred_at", "interaction_id"),
    )
    interaction_id: int = Field(foreign_key="interaction.id", ondelete="CASCADE", primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    occurred_at: datetime


class Attachment(SQLModel, table=True):
    """A reference to a file the user keeps elsewhere; we never copy the file."""

    id: int | None = Field(default=None, primary_key=True)
    interaction_id: int = Field(foreign_key="interaction.id", ondelete="CASCADE", index=True)
    path: str
    label: str | None = None


class Event(SQLModel, table=True):
    """A calendar entry.

    The wall time (``local_start``/``local_end`` as naive ISO text) and the
    zone name are the truth: a 09:00 weekly meeting stays at 09:00 across DST
    and tzdata updates. ``starts_at``/``ends_at`` (UTC) are derived at save
    time so range queries use an index; ``series_ends_at`` bounds a
    recurring series (NULL: open-ended) for the same reason.
    """

    __table_args__ = (
        Index("ix_event_starts", "starts_at"),
        Index(
            "ix_event_recurring",
            "starts_at",
            "series_ends_at",
            sqlite_where=text("recur_freq IS NOT NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str
    title: str
    location: str | None = None
    notes: str | None = long_text()
    all_day: bool = False
    timezone: str
    local_start: str
    local_end: str
    starts_at: datetime
    ends_at: datetime
    status: str = "planned"
    recur_freq: str | None = None
    recur_interval: int = 1
    recur_until: str | None = None  # ISO date, inclusive, local
    recur_count: int | None = None
    series_ends_at: datetime | None = None
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()


class EventContact(SQLModel, table=True):
    __tablename__ = "event_contact"
    __table_args__ = (Index("ix_event_contact_contact", "contact_id"),)
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE", primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)


class EventReminder(SQLModel, table=True):
    """One reminder offset of an event: minutes before each occurrence starts."""

    __tablename__ = "event_reminder"
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE", primary_key=True)
    minutes_before: int = Field(primary_key=True)


class Task(SQLModel, table=True):
    """A to-do, due on a date (all day) or at an instant, or not at all."""

    __table_args__ = (
        Index("ix_task_open_due_at", "due_at", sqlite_where=text("done = 0")),
        Index("ix_task_open_due_date", "due_date", sqlite_where=text("done = 0")),
    )
    id: int | None = Field(default=None, primary_key=True)
    title: str
    notes: str | None = long_text()
    due_date: str | None = None  # ISO date
    due_at: datetime | None = None
    done: bool = False
    done_at: datetime | None = None
    priority: int = 0
    contact_id: int | None = Field(
        default=None, foreign_key="contact.id", ondelete="CASCADE", index=True
    )
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
