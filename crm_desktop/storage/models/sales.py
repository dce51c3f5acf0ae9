"""Money: the deal pipeline, its history, and purchases.

Amounts are integer minor units beside an ISO 4217 code, so sums in SQL are
exact; ``crm_desktop.domain.money`` converts for display.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from crm_desktop.storage.models._common import created_field, long_text, updated_field


class DealStage(SQLModel, table=True):
    """One step of the configurable pipeline, in ``position`` order."""

    __tablename__ = "deal_stage"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    position: int = 0
    probability: int = 0  # default percentage for deals entering the stage


class Deal(SQLModel, table=True):
    __table_args__ = (Index("ix_deal_status_stage", "status", "stage_id"),)
    id: int | None = Field(default=None, primary_key=True)
    title: str
    contact_id: int | None = Field(
        default=None, foreign_key="contact.id", ondelete="SET NULL", index=True
    )
    organization_id: int | None = Field(
        default=None, foreign_key="organization.id", ondelete="SET NULL", index=True
    )
    stage_id: int | None = Field(default=None, foreign_key="deal_stage.id", ondelete="SET NULL")
    value_minor: int = 0
    currency: str = "EUR"
    probability: int = 0
    expected_close: str | None = None  # ISO date
    status: str = "open"  # open, won, lost
    closed_at: datetime | None = None
    close_reason: str | None = None
    notes: str | None = long_text()
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()


class DealChange(SQLModel, table=True):
    """One step in a deal's history, a snapshot taken as it happened.

    ``deal`` keeps only the present, so the timeline could show no stage move.
    Each row copies what the deal looked like right after the change (stage
    *name*, value, probability), so renaming or deleting a stage later does
    not rewrite the past. ``contact_id`` is the deal's contact at that moment:
    the row belongs to that person's timeline.

    Erasing a contact deletes their rows (CASCADE) while the deal itself stays,
    unlinked (SET NULL): the history is part of what the business recorded
    about that person (a loss reason may well be personal), and rows without
    a person would show in no timeline anyway.
    """

    __tablename__ = "deal_change"
    __table_args__ = (Index("ix_deal_change_contact_time", "contact_id", "changed_at"),)
    id: int | None = Field(default=None, primary_key=True)
    deal_id: int = Field(foreign_key="deal.id", ondelete="CASCADE", index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="CASCADE")
    changed_at: datetime
    kind: str  # created, stage, won, lost, reopened, value (services.dto.DealChangeKind)
    stage: str | None = None
    value_minor: int = 0
    currency: str = "EUR"
    probability: int = 0
    reason: str | None = None


class Purchase(SQLModel, table=True):
    __table_args__ = (
        Index("ix_purchase_contact_date", "contact_id", "purchased_on"),
        Index("ix_purchase_date", "purchased_on"),
    )
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    purchased_on: str  # ISO date
    amount_minor: int
    currency: str
    description: str | None = None
    created_at: datetime = created_field()
