"""Money: the deal pipeline and purchases.

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
