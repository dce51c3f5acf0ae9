"""Contacts: create, edit, trash and restore, erase, list, search.

Each mutation validates first, writes the row, its children and its search
entry in one IMMEDIATE transaction, and returns what changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import Connection, delete, select, update
from sqlmodel import Session, col

from crm_desktop.domain.dates import PartialDate
from crm_desktop.domain.text import NAME_MAX, NOTES_MAX, SHORT_TEXT_MAX, clean_text
from crm_desktop.services import contact_queries as q
from crm_desktop.services import vocabulary
from crm_desktop.services.base import Clock, NotFoundError, Service, utc_now
from crm_desktop.services.changes import Changes, Saved
from crm_desktop.services.contact_fields import (
    apply_to_row,
    clean_contact,
    parse_birthday_reminder_text,
    replace_children,
)
from crm_desktop.services.dto import (
    Address,
    ConsentRecord,
    ContactDetail,
    ContactInput,
    ContactRow,
    Email,
    ImportantDate,
    Page,
    Phone,
)
from crm_desktop.services.sqltime import parse_utc
from crm_desktop.storage import search_index
from crm_desktop.storage.database import Database
from crm_desktop.storage.erasures import ErasedContact
from crm_desktop.storage.models import (
    Consent,
    Contact,
    ContactAddress,
    ContactDate,
    ContactEmail,
    ContactPhone,
    ContactTag,
    Deal,
    Erasure,
    Event,
    Interaction,
    LeadSource,
    Organization,
    RelationshipStatus,
    ReminderLedger,
    Tag,
)

_Child = TypeVar("_Child", ContactEmail, ContactPhone, ContactAddress, ContactDate, Consent)

#: Reminder kinds whose source_id is a contact id (erasure removes their history).
PERSONAL_REMINDER_KINDS = ("birthday", "date", "stay_in_touch")

ContactQuery = q.ContactQuery
ContactSort = q.ContactSort


class ContactService(Service):
    def __init__(
        self, db: Database, *, clock: Clock = utc_now, phone_region: str | None = None
    ) -> None:
        super().__init__(db, clock=clock)
        self.phone_region = phone_region  # for numbers typed without a country code

    # -- mutations -------------------------------------------------------------

    def create(self, data: ContactInput) -> Saved:
        clean = clean_contact(data, phone_region=self.phone_region)
        now = self.clock()
        with self.db.write() as session:
            row = Contact(created_at=now)  # type: ignore[call-arg]  # not validated; filled below
            apply_to_row(session, row, clean, now)
            session.add(row)
            session.flush()
            assert row.id is not None
            replace_children(session, row.id, clean)
            session.flush()
            search_index.reindex_contacts(session.connection(), [row.id])
            return Saved(row.id, self._changed(clean.organization, clean.tags, row.id))

    def update(self, contact_id: int, data: ContactInput) -> Saved:
        clean = clean_contact(data, phone_region=self.phone_region)
        now = self.clock()
        with self.db.write() as session:
            row = session.get(Contact, contact_id)
            if row is None:
                raise NotFoundError("Contact", contact_id)
            apply_to_row(session, row, clean, now)
            session.add(row)
            replace_children(session, contact_id, clean)
            session.flush()
            search_index.reindex_contacts(session.connection(), [contact_id])
            return Saved(contact_id, self._changed(clean.organization, clean.tags, contact_id))

    @staticmethod
    def _changed(organization: str | None, tags: Sequence[str], contact_id: int) -> Changes:
        return Changes(
            contacts=frozenset({contact_id}),
            organizations=organization is not None,
            tags=bool(tags),
            reminders=True,  # birthday, dates or cadence may have changed
        )

    def trash(self, contact_ids: Iterable[int]) -> Changes:
        """Move to the trash (restorable). Reminders stop; nothing is deleted."""
        return self._set_trashed(contact_ids, self.clock())

    def restore(self, contact_ids: Iterable[int]) -> Changes:
        return self._set_trashed(contact_ids, None)

    def _set_trashed(self, contact_ids: Iterable[int], when: datetime | None) -> Changes:
        ids = sorted(set(contact_ids))
        if not ids:
            return Changes()
        with self.db.write() as session:
            session.execute(
                update(Contact)
                .where(col(Contact.id).in_(ids))
                .values(trashed_at=when, updated_at=self.clock())
            )
        return Changes(contacts=frozenset(ids), reminders=True, tags=True)

    def add_tag(self, contact_ids: Iterable[int], tag: str) -> Changes:
        """Tag many contacts at once (bulk action from the list)."""
        name = clean_text(tag, field="Tag", max_length=NAME_MAX, required=True) or ""
        ids = sorted(set(contact_ids))
        with self.db.write() as session:
            tag_id = vocabulary.tag_id(session, name)
            session.connection().exec_driver_sql(
                "INSERT OR IGNORE INTO contact_tag (tag_id, contact_id) VALUES (?, ?)",
                [(tag_id, cid) for cid in ids],
            )
            search_index.reindex_contacts(session.connection(), ids)
        return Changes(contacts=frozenset(ids), tags=True)

    def set_status(self, contact_ids: Iterable[int], status: str | None) -> Changes:
        """Give many contacts the same relationship status (None clears it)."""
        ids = sorted(set(contact_ids))
        with self.db.write() as session:
            status_id = vocabulary.status_id(session, status)
            session.execute(
                update(Contact)
                .where(col(Contact.id).in_(ids))
                .values(status_id=status_id, updated_at=self.clock())
            )
        return Changes(contacts=frozenset(ids), vocabularies=True)

    def erase(self, contact_ids: Iterable[int]) -> Changes:
        """Delete for good, leaving no trace of the person in the database file.

        Removes the rows (children cascade), interactions, meetings and
        personal deals only they were part of, their search entries and
        reminder history, and records the ids in the erasure ledger (replayed
        when an older backup is restored). The search index is then rewritten
        without them (FTS5 keeps deleted text in old segments until merged;
        ``secure_delete`` zeroes the freed pages) and the WAL is checkpointed
        and truncated, so the bytes are gone from every file, not just hidden.
        """
        ids = sorted(set(contact_ids))
        if not ids:
            return Changes()
        with self.db.write() as session:
            conn = session.connection()
            solo = _only_with(conn, "interaction_contact", "interaction_id", ids)
            search_index.remove_interactions(conn, solo)
            session.execute(delete(Interaction).where(col(Interaction.id).in_(solo)))
            meetings = _only_with(conn, "event_contact", "event_id", ids)
            session.execute(delete(Event).where(col(Event.id).in_(meetings)))
            session.execute(
                delete(Deal)
                .where(col(Deal.contact_id).in_(ids))
                .where(col(Deal.organization_id).is_(None))
            )
            search_index.remove_contacts(conn, ids)
            session.execute(
                delete(ReminderLedger)
                .where(col(ReminderLedger.source_kind).in_(PERSONAL_REMINDER_KINDS))
                .where(col(ReminderLedger.source_id).in_(ids))
            )
            created = _created_at(conn, ids)
            session.execute(delete(Contact).where(col(Contact.id).in_(ids)))
            for cid in ids:  # greeting opt-ins and sent-greeting marks (mail settings)
                conn.exec_driver_sql(
                    "DELETE FROM setting WHERE key = ? OR key LIKE ?",
                    (f"mail.greet.{cid}", f"mail.greeted.{cid}.%"),
                )
            now = self.clock()
            session.add_all(
                Erasure(contact_id=cid, erased_at=now, contact_created_at=created.get(cid))
                for cid in ids
            )
            search_index.compact(conn)
        self.db.checkpoint()
        return Changes(
            contacts=frozenset(ids),
            interactions=True,
            events=True,
            deals=True,
            reminders=True,
            tags=True,
        )

    def replay_erasures(self, entries: Iterable[ErasedContact]) -> Changes:
        """Erase again whoever of ``entries`` is in this (restored) database.

        An entry erases the contact with its id only when that contact was
        created at the entry's time (an entry from before schema 7 has none and
        matches by id): an id reused by a later contact names someone else, who
        is kept. Entries that erase no one here are still written to this
        file's ledger, so a restore of an even older backup later erases them too.
        """
        wanted = set(entries)
        with self.db.read() as session:
            conn = session.connection()
            here = _created_at(conn, sorted({cid for cid, _ in wanted}))
            ledger = conn.exec_driver_sql("SELECT contact_id, contact_created_at FROM erasure")
            known = {(int(i), c) for i, c in ledger}

        def same_person(entry: ErasedContact) -> bool:
            cid, created = entry
            return cid in here and created in (None, here[cid])

        present = sorted({cid for cid, _ in filter(same_person, wanted)})
        kept = [e for e in wanted if not same_person(e) and e not in known]
        if kept:
            now = self.clock()
            with self.db.write() as session:
                session.add_all(
                    Erasure(contact_id=cid, erased_at=now, contact_created_at=created)
                    for cid, created in kept
                )
        return self.erase(present)

    def erased_ids(self) -> list[int]:
        """The erasure ledger (ids only)."""
        with self.db.read_raw() as conn:
            return [r[0] for r in conn.execute("SELECT DISTINCT contact_id FROM erasure")]

    def add_consent(
        self,
        contact_id: int,
        *,
        purpose: str,
        granted: bool,
        method: str | None = None,
        wording: str | None = None,
    ) -> Changes:
        """Append a consent record; records are never edited (withdrawal is a new record)."""
        clean_purpose = clean_text(
            purpose, field="Purpose", max_length=SHORT_TEXT_MAX, required=True
        )
        with self.db.write() as session:
            if session.get(Contact, contact_id) is None:
                raise NotFoundError("Contact", contact_id)
            session.add(
                Consent(
                    contact_id=contact_id,
                    purpose=clean_purpose or "",
                    granted=granted,
                    recorded_at=self.clock(),
                    method=clean_text(method, field="How", max_length=SHORT_TEXT_MAX),
                    wording=clean_text(
                        wording, field="Wording", max_length=NOTES_MAX, multiline=True
                    ),
                )
            )
        return Changes(contacts=frozenset({contact_id}))

    # -- reads -----------------------------------------------------------------

    def get(self, contact_id: int) -> ContactDetail:
        with self.db.read() as session:
            row = session.get(Contact, contact_id)
            if row is None:
                raise NotFoundError("Contact", contact_id)
            return _detail(session, row)

    def page(
        self, query: ContactQuery | None = None, *, offset: int = 0, limit: int = 100
    ) -> Page[ContactRow]:
        statements, params = self._id_queries(query)
        with self.db.read_raw() as conn:
            ids = q.fetch_id_page(conn, statements, params, offset=offset, limit=limit + 1)
            rows = q.fetch_rows(conn, ids[:limit])
        return Page(tuple(rows), offset + limit if len(ids) > limit else None)

    def ids(self, query: ContactQuery | None = None) -> list[int]:
        """Every matching id in list order: a view keeps these and fetches rows by page."""
        statements, params = self._id_queries(query)
        with self.db.read_raw() as conn:
            return q.fetch_ids(conn, statements, params)

    def rows(self, contact_ids: Sequence[int]) -> list[ContactRow]:
        """Rows for these ids, in the order given (missing ids are skipped)."""
        with self.db.read_raw() as conn:
            return q.fetch_rows(conn, contact_ids)

    def count(self, query: ContactQuery | None = None) -> int:
        sql, params = q.count_sql(query or ContactQuery(), today=self._today(), now=self.clock())
        with self.db.read_raw() as conn:
            return int(conn.execute(sql, params).fetchone()[0])

    def search(self, text_query: str, *, limit: int = 50) -> list[ContactRow]:
        """Best matches first (see ``search_tiers``); live contacts only."""
        with self.db.read_raw() as conn:
            return q.fetch_rows(conn, q.search_ids(conn, text_query, limit))

    def _id_queries(self, query: ContactQuery | None) -> tuple[list[str], dict[str, object]]:
        return q.id_queries(query or ContactQuery(), today=self._today(), now=self.clock())

    def _today(self) -> date:
        return self.clock().astimezone().date()


def _only_with(conn: Connection, link: str, key: str, contact_ids: Sequence[int]) -> list[int]:
    """Rows of a link table (interactions, meetings) whose every participant is erased."""
    id_list = ",".join(str(int(i)) for i in contact_ids)
    rows = conn.exec_driver_sql(
        f"SELECT DISTINCT l.{key} FROM {link} l WHERE l.contact_id IN ({id_list})"
        f" AND NOT EXISTS (SELECT 1 FROM {link} o WHERE o.{key} = l.{key}"
        f" AND o.contact_id NOT IN ({id_list}))"
    )
    return [r[0] for r in rows]


def _detail(session: Session, row: Contact) -> ContactDetail:
    assert row.id is not None
    cid = row.id

    def children(model: type[_Child], order: str) -> list[_Child]:
        column = col(getattr(model, order))
        return list(
            session.scalars(select(model).where(col(model.contact_id) == cid).order_by(column))
        )

    org = session.get(Organization, row.organization_id) if row.organization_id else None
    source = session.get(LeadSource, row.lead_source_id) if row.lead_source_id else None
    status = session.get(RelationshipStatus, row.status_id) if row.status_id else None
    tags = session.scalars(
        select(col(Tag.name))
        .join(ContactTag, col(ContactTag.tag_id) == Tag.id)
        .where(col(ContactTag.contact_id) == cid)
    ).all()
    return ContactDetail(
        id=cid,
        given_name=row.given_name,
        middle_name=row.middle_name,
        family_name=row.family_name,
        display_name=row.display_name,
        organization_id=row.organization_id,
        organization=org.name if org else None,
        job_title=row.job_title,
        emails=tuple(Email(e.address, e.label) for e in children(ContactEmail, "position")),
        phones=tuple(Phone(p.raw, p.e164, p.label) for p in children(ContactPhone, "position")),
        addresses=tuple(
            Address(a.label, a.street, a.extended, a.city, a.region, a.postal_code, a.country)
            for a in children(ContactAddress, "position")
        ),
        birthday=(
            PartialDate(row.birthday_month, row.birthday_day, row.birthday_year)
            if row.birthday_month and row.birthday_day
            else None
        ),
        birthday_reminder_days=parse_birthday_reminder_text(row.birthday_reminder_days),
        dates=tuple(
            ImportantDate(d.label, PartialDate(d.month, d.day, d.year))
            for d in children(ContactDate, "id")
        ),
        tags=tuple(sorted(tags, key=str.casefold)),
        lead_source=source.name if source else None,
        status=status.name if status else None,
        preferred_channel=row.preferred_channel,
        interests=row.interests,
        preferences=row.preferences,
        notes=row.notes,
        stay_in_touch_days=row.stay_in_touch_days,
        consents=tuple(
            ConsentRecord(c.purpose, c.granted, c.recorded_at, c.method, c.wording)
            for c in children(Consent, "id")
        ),
        last_contacted_at=parse_utc(row.last_contacted_at),
        created_at=row.created_at,
        updated_at=row.updated_at,
        trashed_at=row.trashed_at,
    )


def _created_at(conn: Connection, contact_ids: Sequence[int]) -> dict[int, str]:
    """``contact.created_at`` of ``contact_ids`` as stored (text), by id; absent ids left out."""
    if not contact_ids:
        return {}
    id_list = ",".join(str(int(i)) for i in contact_ids)
    rows = conn.exec_driver_sql(f"SELECT id, created_at FROM contact WHERE id IN ({id_list})")
    return {int(i): str(c) for i, c in rows}
