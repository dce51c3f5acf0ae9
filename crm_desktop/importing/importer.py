"""Match and write checked contacts: a dry run, or one all-or-nothing import.

Any source feeds :func:`run_import` the same frozen
:class:`~crm_desktop.importing.records.ImportRecord` values (a vCard
parser), or the raw rows of a CSV file with their layout
(:class:`~crm_desktop.importing.checking.CsvRows`). Every contact goes
through :func:`~crm_desktop.services.contact_clean.clean_contact`, the
validation an edit in the window gets; a bad row is reported with its row
number and field, never its value, and the other rows still import.

The work is a pipeline of batches in file order: checking (in worker
processes for large files, :mod:`crm_desktop.importing.checking`), then
here, per batch as it arrives, duplicate matching and the inserts, so on
two cores the checking of one batch overlaps the writing of the one before.

Why raw ``executemany``: ORM objects per row reach ~2,000 contacts/s
(FIELD_NOTES); tuples in one IMMEDIATE transaction reach the tens of
thousands, and one transaction means a failure or Ctrl+C anywhere leaves the
database exactly as it was, search index included.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal, cast

from crm_desktop.domain.text import digits, fold, sort_key
from crm_desktop.importing.bulk_mode import BulkMode
from crm_desktop.importing.checking import (
    BATCH,
    CONTACT_COLUMNS,
    Checked,
    CsvRows,
    Source,
    checked,
    checked_batches,
    contact_of,
    source_rows,
)
from crm_desktop.importing.checking import fold_join as _fold_join
from crm_desktop.importing.duplicates import DuplicateIndex, Match
from crm_desktop.importing.outcome import (
    Action,
    ImportCancelled,
    Outcome,
    Progress,
    check_cancel,
)
from crm_desktop.importing.records import paused_gc
from crm_desktop.services.contact_clean import CleanContact
from crm_desktop.services.sqltime import to_sql
from crm_desktop.storage import search_index
from crm_desktop.storage.database import Database

__all__ = [
    "CsvRows",
    "ImportCancelled",
    "ImportResult",
    "OnDuplicate",
    "Outcome",
    "Progress",
    "run_import",
]

OnDuplicate = Literal["skip", "merge", "create"]
CHUNK = BATCH


@dataclass(frozen=True, slots=True)
class ImportResult:
    outcomes: tuple[Outcome, ...]
    dry_run: bool
    seconds: float

    def count(self, action: Action) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def summary(self) -> dict[str, int]:
        return {
            "rows": len(self.outcomes),
            "created": self.count("created"),
            "merged": self.count("merged"),
            "duplicates": self.count("duplicate"),
            "errors": self.count("error"),
        }


# -- merging ------------------------------------------------------------------------


def merge_clean(base: CleanContact, extra: CleanContact) -> CleanContact:
    """``base`` with its empty fields filled from ``extra`` and new e-mails, phones, tags."""
    fills: dict[str, Any] = {}
    for name in (
        "given_name",
        "middle_name",
        "family_name",
        "organization",
        "job_title",
        "lead_source",
        "status",
        "preferred_channel",
        "interests",
        "preferences",
        "notes",
        "stay_in_touch_days",
    ):
        if getattr(base, name) is None and getattr(extra, name) is not None:
            fills[name] = getattr(extra, name)
    if base.birthday_month is None and extra.birthday_month is not None:
        fills.update(
            birthday_month=extra.birthday_month,
            birthday_day=extra.birthday_day,
            birthday_year=extra.birthday_year,
        )
    seen = {e.normalized for e in base.emails}
    fills["emails"] = base.emails + tuple(e for e in extra.emails if e.normalized not in seen)
    phones = {p.e164 or digits(p.raw) for p in base.phones}
    fills["phones"] = base.phones + tuple(
        p for p in extra.phones if (p.e164 or digits(p.raw)) not in phones
    )
    tags = {fold(t) for t in base.tags}
    fills["tags"] = base.tags + tuple(t for t in extra.tags if fold(t) not in tags)
    if not base.addresses:
        fills["addresses"] = extra.addresses
    return replace(base, **fills)


# -- writing ------------------------------------------------------------------------

_INSERT = {
    # the columns the writer adds, then the checked row's own (Checked.fields)
    "contact": "INSERT INTO contact (id, organization_id, lead_source_id, status_id, created_at,"
    f" updated_at, sort_key, {', '.join(CONTACT_COLUMNS)})"
    f" VALUES ({','.join('?' * (7 + len(CONTACT_COLUMNS)))})",
    "email": "INSERT INTO contact_email (contact_id, label, address, normalized, position)"
    " VALUES (?,?,?,?,?)",
    "phone": "INSERT INTO contact_phone (contact_id, label, raw, e164, position)"
    " VALUES (?,?,?,?,?)",
    "address": "INSERT INTO contact_address (contact_id, label, street, extended, city, region,"
    " postal_code, country, position) VALUES (?,?,?,?,?,?,?,?,?)",
    "date": "INSERT INTO contact_date (contact_id, label, month, day, year) VALUES (?,?,?,?,?)",
    "tag": "INSERT OR IGNORE INTO contact_tag (tag_id, contact_id) VALUES (?,?)",
}


class _Writer:
    """Inserts validated contacts with raw tuples, resolving names to ids with caches."""

    def __init__(self, cur: sqlite3.Cursor, now: str) -> None:
        self.cur = cur
        self.now = now
        self.orgs: dict[str, int] = {}
        self.org_names: dict[int, str] = {}  # as stored: what the index shows
        self.org_by_name: dict[str, int] = {}  # as typed in the file: names repeat
        for i, k, n in cur.execute("SELECT id, sort_key, name FROM organization"):
            self.orgs[str(k)] = int(i)
            self.org_names[int(i)] = str(n)
        self.tags: dict[str, int] = {}
        self.tag_names: dict[int, str] = {}
        for i, k, n in cur.execute("SELECT id, folded, name FROM tag"):
            self.tags[str(k)] = int(i)
            self.tag_names[int(i)] = str(n)
        self.org_texts: dict[int, str] = {}
        self.tag_sets: dict[tuple[str, ...], tuple[list[int], str]] = {}
        self.sources = {
            fold(str(n)): int(i) for i, n in cur.execute("SELECT id, name FROM lead_source")
        }
        self.statuses = {  # folded name -> id
            fold(str(n)): int(i) for i, n in cur.execute("SELECT id, name FROM relationship_status")
        }
        self.next_id = (
            int(cur.execute("SELECT coalesce(max(id), 0) FROM contact").fetchone()[0]) + 1
        )

    def org(self, name: str | None) -> int | None:
        if not name:
            return None
        known = self.org_by_name.get(name)
        if known is not None:
            return known
        key = sort_key(name)
        found = self.orgs.get(key)
        if found is None:
            self.cur.execute(
                "INSERT INTO organization (name, sort_key, created_at, updated_at)"
                " VALUES (?,?,?,?)",
                (name, key, self.now, self.now),
            )
            found = self.orgs[key] = int(cast(int, self.cur.lastrowid))
            self.org_names[found] = name
        self.org_by_name[name] = found
        return found

    def tag(self, name: str) -> int:
        key = fold(name).strip()
        found = self.tags.get(key)
        if found is None:
            self.cur.execute("INSERT INTO tag (name, folded) VALUES (?, ?)", (name, key))
            found = self.tags[key] = int(cast(int, self.cur.lastrowid))
            self.tag_names[found] = name
        return found

    def source(self, name: str | None) -> int | None:
        if not name:
            return None
        key = fold(name)
        found = self.sources.get(key)
        if found is None:
            self.cur.execute(
                "INSERT INTO lead_source (name, created_at) VALUES (?, ?)", (name, self.now)
            )
            found = self.sources[key] = int(cast(int, self.cur.lastrowid))
        return found

    def status(self, name: str | None) -> int | None:
        return self.statuses[fold(name)] if name else None

    def insert(self, contacts: Sequence[tuple[int, Checked]]) -> None:
        """New contacts, their children and their search index entries.

        The checked rows are already in the tables' column order: each row
        here is only its id (and the ids of names) put in front.
        """
        contact: list[tuple[Any, ...]] = []
        emails: list[tuple[Any, ...]] = []
        phones: list[tuple[Any, ...]] = []
        addresses: list[tuple[Any, ...]] = []
        dates: list[tuple[Any, ...]] = []
        tags: list[tuple[int, int]] = []
        fts: list[tuple[Any, ...]] = []
        now = self.now
        for cid, item in contacts:
            org_id = self.org(item.organization)
            owner = (cid,)
            contact.append(
                (
                    cid,
                    org_id,
                    self.source(item.lead_source),
                    self.status(item.status),
                    now,
                    now,
                    item.display_key,
                    *item.fields,
                )
            )
            if item.emails:
                emails.extend(owner + e for e in item.emails)
            if item.phones:
                phones.extend(owner + p for p in item.phones)
            if item.addresses:
                addresses.extend(owner + a for a in item.addresses)
            if item.dates:
                dates.extend(owner + d for d in item.dates)
            tag_ids, tag_text = self.tag_set(item.tags)
            if tag_ids:
                tags.extend((t, cid) for t in tag_ids)
            fts.append(
                (
                    cid,
                    item.name_text,
                    self.org_text(org_id),
                    item.email_text,
                    item.phone_text,
                    tag_text,
                    item.notes_text,
                )
            )
        for table, rows in (
            ("contact", contact),
            ("email", emails),
            ("phone", phones),
            ("address", addresses),
            ("date", dates),
            ("tag", tags),
        ):
            if rows:
                self.cur.executemany(_INSERT[table], rows)
        self.cur.executemany(_INSERT_FTS, fts)

    def org_text(self, org_id: int | None) -> str:
        """The organization's index text: its name as stored, folded."""
        if org_id is None:
            return ""
        found = self.org_texts.get(org_id)
        if found is None:
            found = self.org_texts[org_id] = _fold_join((self.org_names[org_id],))
        return found

    def tag_ids(self, names: Sequence[str]) -> list[int]:
        """The ids of the tags ``names``, created when new; each once."""
        return list(dict.fromkeys(self.tag(t) for t in names)) if names else []

    def tag_set(self, names: tuple[str, ...]) -> tuple[list[int], str]:
        """:meth:`tag_ids` and their index text (the names as stored, folded), by set of names:
        a file's contacts share a few label combinations."""
        found = self.tag_sets.get(names)
        if found is None:
            ids = self.tag_ids(names)
            found = self.tag_sets[names] = (ids, _fold_join(self.tag_names[t] for t in ids))
        return found

    def merge(self, cid: int, extra: CleanContact) -> None:
        """Fill ``cid``'s empty fields from ``extra``; add its new e-mails, phones and tags."""
        cur = self.cur
        cur.execute(
            "UPDATE contact SET given_name = coalesce(given_name, ?),"
            " middle_name = coalesce(middle_name, ?), family_name = coalesce(family_name, ?),"
            " organization_id = coalesce(organization_id, ?), job_title = coalesce(job_title, ?),"
            " lead_source_id = coalesce(lead_source_id, ?), status_id = coalesce(status_id, ?),"
            " preferred_channel = coalesce(preferred_channel, ?),"
            " interests = coalesce(interests, ?), preferences = coalesce(preferences, ?),"
            " notes = coalesce(notes, ?), stay_in_touch_days = coalesce(stay_in_touch_days, ?),"
            " updated_at = ? WHERE id = ?",
            (
                extra.given_name,
                extra.middle_name,
                extra.family_name,
                self.org(extra.organization),
                extra.job_title,
                self.source(extra.lead_source),
                self.status(extra.status),
                extra.preferred_channel,
                extra.interests,
                extra.preferences,
                extra.notes,
                extra.stay_in_touch_days,
                self.now,
                cid,
            ),
        )
        if extra.birthday_month is not None:
            cur.execute(
                "UPDATE contact SET birthday_month = ?, birthday_day = ?, birthday_year = ?"
                " WHERE id = ? AND birthday_month IS NULL",
                (extra.birthday_month, extra.birthday_day, extra.birthday_year, cid),
            )
        emails = {
            str(n)
            for (n,) in cur.execute(
                "SELECT normalized FROM contact_email WHERE contact_id = ?", (cid,)
            )
        }
        phones = {
            str(e or digits(r))
            for r, e in cur.execute(
                "SELECT raw, e164 FROM contact_phone WHERE contact_id = ?", (cid,)
            )
        }
        has_address = cur.execute(
            "SELECT 1 FROM contact_address WHERE contact_id = ?", (cid,)
        ).fetchone()
        new_emails = [e for e in extra.emails if e.normalized not in emails]
        new_phones = [p for p in extra.phones if (p.e164 or digits(p.raw)) not in phones]
        rows: dict[str, list[tuple[Any, ...]]] = {
            "email": [
                (cid, e.label, e.address, e.normalized, len(emails) + i)
                for i, e in enumerate(new_emails)
            ],
            "phone": [
                (cid, p.label, p.raw, p.e164, len(phones) + i) for i, p in enumerate(new_phones)
            ],
            "address": []
            if has_address
            else [
                (cid, a.label, a.street, a.extended, a.city, a.region, a.postal_code, a.country, i)
                for i, a in enumerate(extra.addresses)
            ],
            "tag": [(t, cid) for t in self.tag_ids(extra.tags)],
        }
        for table, table_rows in rows.items():
            if table_rows:
                cur.executemany(_INSERT[table], table_rows)


_INSERT_FTS = (
    "INSERT INTO contact_fts(rowid, name, organization, email, phone, tags, notes)"
    " VALUES (?,?,?,?,?,?,?)"
)


def _raw_cursor(session: Any) -> sqlite3.Cursor:
    dbapi = session.connection().connection.dbapi_connection
    return cast(sqlite3.Connection, dbapi).cursor()


def run_import(
    db: Database,
    records: Source,
    *,
    on_duplicate: OnDuplicate = "skip",
    dry_run: bool = False,
    phone_region: str | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
    before_write: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK,
    now: datetime | None = None,
    pool: bool | None = None,
) -> ImportResult:
    """Check ``records``, match duplicates and (unless ``dry_run``) write them.

    All or nothing: the writes happen in one IMMEDIATE transaction; an
    exception (including :class:`ImportCancelled` and KeyboardInterrupt)
    rolls it back. Progress is reported and cancel polled after every
    ``chunk_size`` rows; the stage is "saving" for an import (after a first
    "checking" at 0), "checking" for a dry run. ``before_write(row)`` runs
    before each new contact's batch is written (a test hook for injected
    failures). ``pool``: check in worker processes (None: for large files on a
    multi-core machine; the outcomes are identical either way). Rows that
    fail validation are reported and skipped; they do not stop the others.
    """
    started = time.perf_counter()
    source: Source = records if isinstance(records, CsvRows) else list(records)
    total = source_rows(source)
    stage = "checking" if dry_run else "saving"
    with paused_gc(), db.read() if dry_run else db.write() as session:
        cur = _raw_cursor(session)
        stamp = to_sql(now or datetime.now(UTC))
        run = _Run(cur, stamp, total, on_duplicate, dry_run, before_write)
        if progress is not None:  # the first batch is checked before anything is saved
            progress("checking", 0, total)
        known = frozenset(run.writer.statuses)
        batches = checked_batches(source, phone_region, known, batch=chunk_size, pool=pool)
        try:
            for done, batch in batches:
                run.take(batch)
                check_cancel(should_cancel)
                if progress is not None:
                    progress(stage, done, total)
        finally:
            batches.close()  # a cancel or failure stops the workers now
        run.finish(session)
        check_cancel(should_cancel)
    return ImportResult(tuple(run.outcomes), dry_run, time.perf_counter() - started)


class _Run:
    """Duplicate matching and writing, one checked batch at a time, in file order.

    New contacts get ids in file order and are written with their batch. A
    later row that merges into one of them (or into a contact already in
    the database) is merged at the end, once per contact, and that
    contact's index entry rebuilt.
    """

    def __init__(
        self,
        cur: sqlite3.Cursor,
        stamp: str,
        rows: int,
        on_duplicate: OnDuplicate,
        dry_run: bool,
        before_write: Callable[[int], None] | None,
    ) -> None:
        self.index = DuplicateIndex.from_database(cur)
        self.writer = _Writer(cur, stamp)
        self.bulk = BulkMode(cur)
        if not dry_run and BulkMode.worth_it(rows):
            self.bulk.enter()
        self.next_id = self.writer.next_id
        self.on_duplicate = on_duplicate
        self.dry_run = dry_run
        self.before_write = before_write
        self.outcomes: list[Outcome] = []
        self.pending: dict[int, Checked] = {}  # new contacts of this batch, not yet written
        self.merges: dict[int, CleanContact] = {}  # contact id -> what to merge in at the end

    def take(self, batch: list[Checked | Outcome]) -> None:
        for item in batch:
            if isinstance(item, Outcome):
                self.outcomes.append(item)
            else:
                self.outcomes.append(self._match(item))
        if not self.dry_run and self.pending:
            if self.before_write is not None:
                for item in self.pending.values():
                    self.before_write(item.row)
            self.writer.insert(list(self.pending.items()))
        self.pending.clear()

    def _match(self, item: Checked) -> Outcome:
        row = item.row
        match = self.index.find(item) if self.on_duplicate != "create" else None
        if match is None:
            cid = self.next_id
            self.next_id += 1
            self.pending[cid] = item
            self.index.add(item, Match(cid, row))
            return Outcome(row, "created", None if self.dry_run else cid)
        assert match.contact_id is not None
        cid = match.contact_id
        shown = None if self.dry_run and match.row is not None else cid  # no id in a dry run
        if self.on_duplicate != "merge":
            if match.row is not None:
                return Outcome(row, "duplicate", duplicate_of_row=match.row)
            return Outcome(row, "duplicate", cid)
        clean = contact_of(item)
        if cid in self.pending:  # earlier in this batch: merged before it is written
            base = self.pending[cid]
            self.pending[cid] = checked(base.row, merge_clean(contact_of(base), clean))
        else:
            earlier = self.merges.get(cid)
            self.merges[cid] = clean if earlier is None else merge_clean(earlier, clean)
        return Outcome(row, "merged", shown, duplicate_of_row=match.row)

    def finish(self, session: Any) -> None:
        if self.dry_run:
            return
        self.bulk.leave()
        for cid, extra in self.merges.items():
            self.writer.merge(cid, extra)
        search_index.reindex_contacts(session.connection(), list(self.merges))
