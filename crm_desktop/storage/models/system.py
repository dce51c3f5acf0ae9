"""Application bookkeeping: the reminder ledger and non-secret settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class ReminderLedger(SQLModel, table=True):
    """Which occurrence of which reminder fired, was snoozed or dismissed.

    The unique key makes "claim" an insert-or-ignore: an occurrence is shown
    once, across restarts, DST folds and clock changes. ``occurrence_key``
    identifies the occurrence independently of when we noticed it (for
    example the UTC instant it was due, or a birthday's date).
    """

    __tablename__ = "reminder_ledger"
    __table_args__ = (
        UniqueConstraint("source_kind", "source_id", "occurrence_key"),
        Index("ix_reminder_ledger_snoozed", "snoozed_until"),
    )
    id: int | None = Field(default=None, primary_key=True)
    source_kind: str  # event, task, birthday, date, stay_in_touch, digest
    source_id: int
    occurrence_key: str
    due_at: datetime
    state: str  # fired, snoozed, dismissed
    fired_at: datetime
    snoozed_until: datetime | None = None
    dismissed_at: datetime | None = None
    missed: bool = False  # fell due while the application was not running


class Setting(SQLModel, table=True):
    """Non-secret key/value settings; values are JSON text. Secrets go to the keyring."""

    key: str = Field(primary_key=True)
    value: str


class Erasure(SQLModel, table=True):
    """Which contacts were erased, by id and creation time: replayed when an older backup
    is restored.

    Erasing a person removes them here; a backup taken before still holds
    them, so a restore must erase them again. No name, no e-mail: the ledger
    itself must not keep the personal data it exists to remove. The creation
    time tells the person from a later contact that reused the id (migration
    0007); rows from before it have none.
    """

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(index=True)
    erased_at: datetime
    #: ``contact.created_at`` exactly as stored (compared as text); None on older rows
    contact_created_at: str | None = None
