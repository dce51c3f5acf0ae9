"""Names that rows refer to: organizations, tags, lead sources, statuses, stages.

Editors and imports speak in names ("ACME", "vip"); the tables hold ids.
The helpers resolve a name inside the caller's transaction, creating
organizations, tags and lead sources on first use (as a user expects when
typing a new one) but never statuses or stages, which are a configured list.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.text import NAME_MAX, clean_text, fold, sort_key
from crm_desktop.services.base import Service
from crm_desktop.services.changes import Changes, Saved
from crm_desktop.services.dto import LeadSourceRow, NamedCount
from crm_desktop.storage.models import (
    Contact,
    ContactTag,
    Deal,
    DealStage,
    LeadSource,
    Organization,
    RelationshipStatus,
    Tag,
)


def organization_id(session: Session, name: str | None, now: datetime) -> int | None:
    if not name:
        return None
    key = sort_key(name)
    found = session.scalar(select(col(Organization.id)).where(col(Organization.sort_key) == key))
    if found is not None:
        return int(found)
    row = Organization(name=name, sort_key=key, created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def tag_id(session: Session, name: str) -> int:
    folded = fold(name).strip()
    found = session.scalar(select(col(Tag.id)).where(col(Tag.folded) == folded))
    if found is not None:
        return int(found)
    row = Tag(name=name, folded=folded)
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def lead_source_id(session: Session, name: str | None, now: datetime) -> int | None:
    if not name:
        return None
    for source_id, source_name in session.execute(select(col(LeadSource.id), col(LeadSource.name))):
        if fold(source_name) == fold(name):
            return int(source_id)
    row = LeadSource(name=name, created_at=now)
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def status_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    for sid, status_name in session.execute(
        select(col(RelationshipStatus.id), col(RelationshipStatus.name))
    ):
        if fold(status_name) == fold(name):
            return int(sid)
    raise ValidationError("Status", "is not one of the configured relationship statuses")


def stage_id(session: Session, name: str | None) -> tuple[int | None, int]:
    """The stage's id and default probability."""
    if not name:
        return None, 0
    for sid, stage_name, probability in session.execute(
        select(col(DealStage.id), col(DealStage.name), col(DealStage.probability))
    ):
        if fold(stage_name) == fold(name):
            return int(sid), int(probability)
    raise ValidationError("Stage", "is not one of the pipeline's stages")


class VocabularyService(Service):
    """Lists for pickers and filters, and editing the configurable lists."""

    def tags(self) -> list[NamedCount]:
        """Every tag with its number of live contacts, by name."""
        stmt = (
            select(col(Tag.id), col(Tag.name), func.count(col(Contact.id)))
            .select_from(Tag)
            .outerjoin(ContactTag, col(ContactTag.tag_id) == Tag.id)
            .outerjoin(
                Contact,
                (col(Contact.id) == ContactTag.contact_id) & col(Contact.trashed_at).is_(None),
            )
            .group_by(col(Tag.id))
            .order_by(col(Tag.folded))
        )
        with self.db.read() as session:
            return [NamedCount(int(i), n, int(c)) for i, n, c in session.execute(stmt)]

    def statuses(self) -> list[NamedCount]:
        stmt = (
            select(
                col(RelationshipStatus.id),
                col(RelationshipStatus.name),
                func.count(col(Contact.id)),
            )
            .select_from(RelationshipStatus)
            .outerjoin(
                Contact,
                (col(Contact.status_id) == RelationshipStatus.id)
                & col(Contact.trashed_at).is_(None),
            )
            .group_by(col(RelationshipStatus.id))
            .order_by(col(RelationshipStatus.position))
        )
        with self.db.read() as session:
            return [NamedCount(int(i), n, int(c)) for i, n, c in session.execute(stmt)]

    def stages(self) -> list[NamedCount]:
        stmt = (
            select(col(DealStage.id), col(DealStage.name), func.count(col(Deal.id)))
            .select_from(DealStage)
            .outerjoin(Deal, (col(Deal.stage_id) == DealStage.id) & (col(Deal.status) == "open"))
            .group_by(col(DealStage.id))
            .order_by(col(DealStage.position))
        )
        with self.db.read() as session:
            return [NamedCount(int(i), n, int(c)) for i, n, c in session.execute(stmt)]

    def organizations(self, prefix: str = "", limit: int = 20) -> list[NamedCount]:
        """Organizations whose name starts with ``prefix`` (for completion)."""
        key = sort_key(prefix)
        stmt = select(col(Organization.id), col(Organization.name)).order_by(
            col(Organization.sort_key)
        )
        if key:
            stmt = stmt.where(col(Organization.sort_key) >= key).where(
                col(Organization.sort_key) < key + "\U0010ffff"
            )
        with self.db.read() as session:
            return [NamedCount(int(i), n) for i, n in session.execute(stmt.limit(limit))]

    def lead_sources(self) -> list[LeadSourceRow]:
        with self.db.read() as session:
            rows = session.scalars(select(LeadSource).order_by(col(LeadSource.name))).all()
            return [_lead_source_row(r) for r in rows]

    def add_status(self, name: str) -> Saved:
        clean = clean_text(name, field="Status", max_length=NAME_MAX, required=True) or ""
        with self.db.write() as session:
            if any(
                fold(n) == fold(clean)
                for n in session.scalars(select(col(RelationshipStatus.name)))
            ):
                raise ValidationError("Status", "already exists")
            position = session.scalar(select(func.count(col(RelationshipStatus.id)))) or 0
            row = RelationshipStatus(name=clean, position=int(position))
            session.add(row)
            session.flush()
            assert row.id is not None
            return Saved(row.id, Changes(vocabularies=True))

    def save_lead_source(
        self,
        name: str,
        *,
        channel: str | None = None,
        cost_minor: int | None = None,
        currency: str | None = None,
        starts_on: date | None = None,
        ends_on: date | None = None,
    ) -> Saved:
        """Create the lead source, or update the one with that name."""
        clean = clean_text(name, field="Lead source", max_length=NAME_MAX, required=True) or ""
        if starts_on and ends_on and ends_on < starts_on:
            raise ValidationError("Period", "ends before it starts")
        if cost_minor is not None and cost_minor < 0:
            raise ValidationError("Cost", "cannot be negative")
        with self.db.write() as session:
            sid = lead_source_id(session, clean, self.clock())
            row = session.get(LeadSource, sid)
            assert row is not None
            row.channel = clean_text(channel, field="Channel", max_length=NAME_MAX)
            row.cost_minor = cost_minor
            row.currency = currency
            row.starts_on = starts_on.isoformat() if starts_on else None
            row.ends_on = ends_on.isoformat() if ends_on else None
            session.add(row)
            return Saved(row.id or 0, Changes(vocabularies=True))


def _lead_source_row(row: LeadSource) -> LeadSourceRow:
    assert row.id is not None
    return LeadSourceRow(
        id=row.id,
        name=row.name,
        channel=row.channel,
        cost_minor=row.cost_minor,
        currency=row.currency,
        starts_on=date.fromisoformat(row.starts_on) if row.starts_on else None,
        ends_on=date.fromisoformat(row.ends_on) if row.ends_on else None,
    )
