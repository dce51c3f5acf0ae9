"""Interactions: the log of calls, meetings, e-mails and purchases, and each contact's timeline.

Logging updates the participants' ``last_contacted_at`` in the same
transaction (recomputed as a MAX, so editing or deleting an old entry is
right too), which is what "losing touch" filters and reminders read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlmodel import Session, col

from crm_desktop.domain.choices import Direction
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.text import NOTES_MAX, SHORT_TEXT_MAX, URL_MAX, clean_text
from crm_desktop.services.base import NotFoundError, Service
from crm_desktop.services.changes import Changes, Saved
from crm_desktop.services.dto import InteractionInput, InteractionRow
from crm_desktop.services.sqltime import parse_utc
from crm_desktop.storage import search_index
from crm_desktop.storage.models import Attachment, Contact, Interaction, InteractionContact

KIND_MAX = 60
MAX_DURATION_MINUTES = 7 * 24 * 60
MAX_PARTICIPANTS = 200


@dataclass(frozen=True, slots=True)
class TimelineCursor:
    """Where the next timeline page starts: just older than this entry."""

    occurred_at: str
    interaction_id: int


_TIMELINE = """
SELECT i.id, i.kind, i.direction, i.occurred_at, i.duration_minutes, i.subject, i.notes,
       i.outcome,
       (SELECT group_concat(o.contact_id) FROM interaction_contact o
         WHERE o.interaction_id = i.id)
  FROM interaction_contact ic JOIN interaction i ON i.id = ic.interaction_id
 WHERE ic.contact_id = :contact {after}
 ORDER BY ic.occurred_at DESC, ic.interaction_id DESC
 LIMIT :limit
"""


def _clean(data: InteractionInput) -> dict[str, Any]:
    kind = clean_text(data.kind, field="Kind", max_length=KIND_MAX, required=True)
    if data.direction is not None and data.direction not in set(Direction):
        raise ValidationError("Direction", "must be inbound or outbound")
    if data.duration_minutes is not None and not 0 <= data.duration_minutes <= MAX_DURATION_MINUTES:
        raise ValidationError("Duration", "must be between 0 minutes and 7 days")
    if data.occurred_at.tzinfo is None:
        raise ValidationError("When", "needs a time zone")
    contact_ids = tuple(dict.fromkeys(data.contact_ids))
    if not contact_ids:
        raise ValidationError("Contacts", "at least one contact is required")
    if len(contact_ids) > MAX_PARTICIPANTS:
        raise ValidationError("Contacts", f"at most {MAX_PARTICIPANTS} per interaction")
    return {
        "kind": kind,
        "direction": data.direction,
        "occurred_at": data.occurred_at,
        "duration_minutes": data.duration_minutes,
        "subject": clean_text(data.subject, field="Subject", max_length=SHORT_TEXT_MAX),
        "notes": clean_text(data.notes, field="Notes", max_length=NOTES_MAX, multiline=True),
        "outcome": clean_text(data.outcome, field="Outcome", max_length=KIND_MAX),
        "event_id": data.event_id,
        "contact_ids": contact_ids,
        "attachments": tuple(
            path
            for raw in data.attachments
            if (path := clean_text(raw, field="Attachment", max_length=URL_MAX)) is not None
        ),
    }


def refresh_last_contacted(conn: Connection, contact_ids: Iterable[int]) -> None:
    """Recompute ``last_contacted_at`` from the interactions (index-only MAX per contact)."""
    ids = ",".join(str(int(i)) for i in set(contact_ids))
    if ids:
        conn.exec_driver_sql(
            "UPDATE contact SET last_contacted_at = (SELECT max(ic.occurred_at)"
            " FROM interaction_contact ic WHERE ic.contact_id = contact.id)"
            f" WHERE id IN ({ids})"
        )


class InteractionService(Service):
    def log(self, data: InteractionInput) -> Saved:
        clean = _clean(data)
        now = self.clock()
        with self.db.write() as session:
            _require_contacts(session, clean["contact_ids"])
            row = Interaction(created_at=now, updated_at=now, **_columns(clean))
            session.add(row)
            session.flush()
            assert row.id is not None
            _write_links(session, row.id, clean)
            return Saved(row.id, _changes(clean["contact_ids"]))

    def update(self, interaction_id: int, data: InteractionInput) -> Saved:
        clean = _clean(data)
        with self.db.write() as session:
            row = session.get(Interaction, interaction_id)
            if row is None:
                raise NotFoundError("Interaction", interaction_id)
            _require_contacts(session, clean["contact_ids"])
            before = _participants(session, interaction_id)
            for name, value in _columns(clean).items():
                setattr(row, name, value)
            row.updated_at = self.clock()
            session.add(row)
            session.execute(
                delete(InteractionContact).where(
                    col(InteractionContact.interaction_id) == interaction_id
                )
            )
            session.execute(
                delete(Attachment).where(col(Attachment.interaction_id) == interaction_id)
            )
            session.flush()
            _write_links(session, interaction_id, clean, also_refresh=before)
            return Saved(interaction_id, _changes((*before, *clean["contact_ids"])))

    def delete(self, interaction_ids: Iterable[int]) -> Changes:
        ids = sorted(set(interaction_ids))
        if not ids:
            return Changes()
        with self.db.write() as session:
            conn = session.connection()
            affected = [
                r[0]
                for r in session.execute(
                    select(col(InteractionContact.contact_id))
                    .where(col(InteractionContact.interaction_id).in_(ids))
                    .distinct()
                )
            ]
            search_index.remove_interactions(conn, ids)
            session.execute(delete(Interaction).where(col(Interaction.id).in_(ids)))
            refresh_last_contacted(conn, affected)
        return _changes(affected)

    def get(self, interaction_id: int) -> InteractionRow:
        with self.db.read() as session:
            row = session.get(Interaction, interaction_id)
            if row is None:
                raise NotFoundError("Interaction", interaction_id)
            contacts = _participants(session, interaction_id)
            files = session.scalars(
                select(col(Attachment.path)).where(col(Attachment.interaction_id) == interaction_id)
            ).all()
            assert row.id is not None
            return InteractionRow(
                id=row.id,
                kind=row.kind,
                direction=row.direction,
                occurred_at=row.occurred_at,
                duration_minutes=row.duration_minutes,
                subject=row.subject,
                notes=row.notes,
                outcome=row.outcome,
                contact_ids=tuple(contacts),
                attachments=tuple(files),
            )

    def timeline(
        self, contact_id: int, *, after: TimelineCursor | None = None, limit: int = 50
    ) -> tuple[list[InteractionRow], TimelineCursor | None]:
        """A page of the contact's interactions, newest first, and the cursor for the next.

        Keyset paging on (occurred_at, id): page 200 costs what page 1 costs.
        """
        params: dict[str, Any] = {"contact": contact_id, "limit": limit + 1}
        where = ""
        if after is not None:
            where = "AND (ic.occurred_at, ic.interaction_id) < (:at, :iid)"
            params.update(at=after.occurred_at, iid=after.interaction_id)
        with self.db.read_raw() as conn:
            raw = conn.execute(_TIMELINE.format(after=where), params).fetchall()
        rows = [_timeline_row(r) for r in raw[:limit]]
        more = len(raw) > limit
        cursor = TimelineCursor(raw[limit - 1][3], raw[limit - 1][0]) if more else None
        return rows, cursor

    def search(self, query: str, *, limit: int = 50) -> list[InteractionRow]:
        """Interactions whose subject or notes match, best first."""
        match = search_index.match_expression(query)
        if match is None:
            return []
        sql = (
            "SELECT i.id, i.kind, i.direction, i.occurred_at, i.duration_minutes, i.subject,"
            " i.notes, i.outcome, (SELECT group_concat(o.contact_id) FROM interaction_contact o"
            " WHERE o.interaction_id = i.id)"
            " FROM interaction_fts f JOIN interaction i ON i.id = f.rowid"
            " WHERE interaction_fts MATCH :match ORDER BY f.rank LIMIT :limit"
        )
        with self.db.read_raw() as conn:
            raw = conn.execute(sql, {"match": match, "limit": limit}).fetchall()
        return [_timeline_row(r) for r in raw]

    def count_for(self, contact_id: int) -> int:
        with self.db.read_raw() as conn:
            sql = "SELECT count(*) FROM interaction_contact WHERE contact_id = ?"
            return int(conn.execute(sql, (contact_id,)).fetchone()[0])


def _columns(clean: dict[str, Any]) -> dict[str, Any]:
    skip = {"contact_ids", "attachments"}
    return {k: v for k, v in clean.items() if k not in skip}


def _require_contacts(session: Session, contact_ids: Sequence[int]) -> None:
    found = set(session.scalars(select(col(Contact.id)).where(col(Contact.id).in_(contact_ids))))
    if len(found) != len(contact_ids):
        raise ValidationError("Contacts", "one of the contacts no longer exists")


def _participants(session: Session, interaction_id: int) -> list[int]:
    return list(
        session.scalars(
            select(col(InteractionContact.contact_id)).where(
                col(InteractionContact.interaction_id) == interaction_id
            )
        )
    )


def _write_links(
    session: Session, interaction_id: int, clean: dict[str, Any], also_refresh: Sequence[int] = ()
) -> None:
    session.add_all(
        InteractionContact(
            interaction_id=interaction_id, contact_id=cid, occurred_at=clean["occurred_at"]
        )
        for cid in clean["contact_ids"]
    )
    session.add_all(
        Attachment(interaction_id=interaction_id, path=path) for path in clean["attachments"]
    )
    session.flush()
    conn = session.connection()
    search_index.index_interactions(conn, [(interaction_id, clean["subject"], clean["notes"])])
    refresh_last_contacted(conn, (*clean["contact_ids"], *also_refresh))


def _changes(contact_ids: Iterable[int]) -> Changes:
    return Changes(contacts=frozenset(contact_ids), interactions=True, reminders=True)


def _timeline_row(r: Sequence[Any]) -> InteractionRow:
    occurred = parse_utc(r[3])
    assert occurred is not None
    return InteractionRow(
        id=r[0],
        kind=r[1],
        direction=r[2],
        occurred_at=occurred,
        duration_minutes=r[4],
        subject=r[5],
        notes=r[6],
        outcome=r[7],
        contact_ids=tuple(int(x) for x in r[8].split(",")) if r[8] else (),
    )
