"""Validate, match and write imported contacts: a dry run, or one all-or-nothing import.

Any source feeds :func:`run_import` the same frozen
:class:`~crm_desktop.importing.records.ImportRecord` values (a CSV layout here,
a vCard parser elsewhere). Every contact goes through
:func:`~crm_desktop.services.contact_fields.clean_contact`, the validation an
edit in the window gets; a bad row is reported with its row number and field,
never its value, and the other rows still import.

Why raw ``executemany``: ORM objects per row reach ~2,000 contacts/s
(FIELD_NOTES); tuples in one IMMEDIATE transaction reach the tens of
thousands, and one transaction means a failure or Ctrl+C anywhere leaves the
database exactly as it was, search index included (the index entries of the
new and merged contacts are rebuilt by
:func:`~crm_desktop.storage.search_index.reindex_contacts` in the same
transaction).
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal, cast

from crm_desktop.domain import contact_points
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.text import digits, fold, sort_key
from crm_desktop.importing.duplicates import DuplicateIndex, Match
from crm_desktop.importing.records import ImportRecord, paused_gc
from crm_desktop.services.contact_fields import CleanContact, clean_contact
from crm_desktop.services.sqltime import to_sql
from crm_desktop.storage import search_index
from crm_desktop.storage.database import Database

__all__ = [
    "ImportCancelled",
    "ImportResult",
    "OnDuplicate",
    "Outcome",
    "Progress",
    "run_import",
]

OnDuplicate = Literal["skip", "merge", "create"]
Progress = Callable[[str, int, int], None]  # (stage, done, total)
Action = Literal["created", "duplicate", "merged", "error"]
CHUNK = 2000


class ImportCancelled(Exception):
    """``should_cancel()`` said stop; nothing was saved."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened (or, in a dry run, would happen) to one row."""

    row: int
    action: Action
    contact_id: int | None = None  # created or merged into (None in a dry run for new ones)
    duplicate_of_row: int | None = None  # the earlier row in the same file
    field: str | None = None  # for errors: the field label, never the value
    message: str | None = None


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


# -- validation ---------------------------------------------------------------------


# Below this many rows the pool costs more than it saves: starting a worker
# (a fresh interpreter importing the validators) takes ~0.5 s, and one core
# checks ~5,000 rows in about that time.
POOL_MIN_ROWS = 5000
POOL_CHUNK = 2500  # rows per task: small enough for progress and cancel, big enough to amortize


def _workers() -> int:
    return min(os.cpu_count() or 1, 8)


def _validate(
    records: Sequence[ImportRecord],
    phone_region: str | None,
    statuses: dict[str, int],
    progress: Progress | None,
    should_cancel: Callable[[], bool] | None,
    *,
    pool: bool = False,
) -> list[CleanContact | Outcome]:
    """Each row checked, in order: the clean contact, or the row's error outcome.

    With ``pool`` (and at least ``POOL_MIN_ROWS`` rows and two cores) chunks
    are checked in worker processes; the results are the same values
    in the same order, and progress and cancel are honoured between chunks.
    """
    total = len(records)
    if not pool or total < POOL_MIN_ROWS or _workers() < 2:
        return _validate_serial(records, phone_region, statuses, progress, should_cancel)
    out: list[CleanContact | Outcome] = []
    chunks = [records[i : i + POOL_CHUNK] for i in range(0, total, POOL_CHUNK)]
    _check(should_cancel)
    if progress is not None:
        progress("checking", 0, total)
    # spawn, not fork: the window runs imports beside Qt's threads, and a
    # forked copy of a threaded process can deadlock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=_workers(), mp_context=context) as executor:
        try:
            futures = [
                executor.submit(_validate_chunk, list(chunk), phone_region, statuses)
                for chunk in chunks
            ]
            for future in futures:
                out.extend(future.result())
                _check(should_cancel)
                if progress is not None:
                    progress("checking", len(out), total)
        except BaseException:
            executor.shutdown(wait=False, cancel_futures=True)
            raise
    return out


def _validate_chunk(
    records: list[ImportRecord], phone_region: str | None, statuses: dict[str, int]
) -> list[CleanContact | Outcome]:
    """One pool task (a top-level function, so the workers can unpickle it)."""
    return _validate_serial(records, phone_region, statuses, None, None)


def _validate_serial(
    records: Sequence[ImportRecord],
    phone_region: str | None,
    statuses: dict[str, int],
    progress: Progress | None,
    should_cancel: Callable[[], bool] | None,
) -> list[CleanContact | Outcome]:
    out: list[CleanContact | Outcome] = []
    total = len(records)
    for i, record in enumerate(records):
        if i % CHUNK == 0:
            _check(should_cancel)
            if progress is not None:
                progress("checking", i, total)
        if record.contact is None:
            problem = record.problem
            out.append(
                Outcome(
                    record.row,
                    "error",
                    field=problem.field if problem else "Row",
                    message=problem.message if problem else "could not be read",
                )
            )
            continue
        try:
            clean = clean_contact(record.contact, phone_region=phone_region)
            if clean.status is not None and fold(clean.status) not in statuses:
                raise ValidationError(
                    "Status", "is not one of the configured relationship statuses"
                )
        except ValidationError as exc:
            out.append(Outcome(record.row, "error", field=exc.field, message=exc.message))
            continue
        out.append(clean)
    if progress is not None:
        progress("checking", total, total)
    return out


def _check(should_cancel: Callable[[], bool] | None) -> None:
    if should_cancel is not None and should_cancel():
        raise ImportCancelled("The import was cancelled; nothing was saved.")


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
    "contact": "INSERT INTO contact (id, given_name, middle_name, family_name, display_name,"
    " sort_key, organization_id, job_title, birthday_month, birthday_day, birthday_year,"
    " lead_source_id, status_id, preferred_channel, interests, preferences, notes,"
    " stay_in_touch_days, created_at, updated_at)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
        for i, k, n in cur.execute("SELECT id, sort_key, name FROM organization"):
            self.orgs[str(k)] = int(i)
            self.org_names[int(i)] = str(n)
        self.tags: dict[str, int] = {}
        self.tag_names: dict[int, str] = {}
        for i, k, n in cur.execute("SELECT id, folded, name FROM tag"):
            self.tags[str(k)] = int(i)
            self.tag_names[int(i)] = str(n)
        self.sources = {
            fold(str(n)): int(i) for i, n in cur.execute("SELECT id, name FROM lead_source")
        }
        self.statuses = statuses(cur)
        self.next_id = (
            int(cur.execute("SELECT coalesce(max(id), 0) FROM contact").fetchone()[0]) + 1
        )

    def org(self, name: str | None) -> int | None:
        if not name:
            return None
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

    def insert(self, contacts: Sequence[tuple[int, CleanContact]]) -> None:
        rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _INSERT}
        now = self.now
        for cid, c in contacts:
            rows["contact"].append(
                (
                    cid,
                    c.given_name,
                    c.middle_name,
                    c.family_name,
                    c.display_name,
                    sort_key(c.display_name),
                    self.org(c.organization),
                    c.job_title,
                    c.birthday_month,
                    c.birthday_day,
                    c.birthday_year,
                    self.source(c.lead_source),
                    self.status(c.status),
                    c.preferred_channel,
                    c.interests,
                    c.preferences,
                    c.notes,
                    c.stay_in_touch_days,
                    now,
                    now,
                )
            )
            self._children(rows, cid, c, 0, 0)
            rows["date"].extend(
                (cid, d.label, d.date.month, d.date.day, d.date.year) for d in c.dates
            )
        for table, sql in _INSERT.items():
            if rows[table]:
                self.cur.executemany(sql, rows[table])

    def _children(
        self,
        rows: dict[str, list[tuple[Any, ...]]],
        cid: int,
        c: CleanContact,
        emails_from: int,
        phones_from: int,
    ) -> None:
        rows["email"].extend(
            (cid, e.label, e.address, e.normalized, emails_from + i) for i, e in enumerate(c.emails)
        )
        rows["phone"].extend(
            (cid, p.label, p.raw, p.e164, phones_from + i) for i, p in enumerate(c.phones)
        )
        rows["address"].extend(
            (cid, a.label, a.street, a.extended, a.city, a.region, a.postal_code, a.country, i)
            for i, a in enumerate(c.addresses)
        )
        rows["tag"].extend((tid, cid) for tid in dict.fromkeys(self.tag(t) for t in c.tags))

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
        new = replace(
            extra,
            emails=tuple(e for e in extra.emails if e.normalized not in emails),
            phones=tuple(p for p in extra.phones if (p.e164 or digits(p.raw)) not in phones),
            addresses=() if has_address else extra.addresses,
        )
        rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _INSERT}
        self._children(rows, cid, new, len(emails), len(phones))
        for table in ("email", "phone", "address", "tag"):
            if rows[table]:
                cur.executemany(_INSERT[table], rows[table])


_INSERT_FTS = (
    "INSERT INTO contact_fts(rowid, name, organization, email, phone, tags, notes)"
    " VALUES (?,?,?,?,?,?,?)"
)
# On ASCII, fold is lower(): checked here rather than assumed.
_ASCII_FOLD_SAFE = all(fold(chr(i)) == chr(i).lower() for i in range(128))
_folded: dict[str, str] = {}


def _fold_part(text: str) -> str:
    """``fold`` of one value, cached: names, organizations and tags repeat."""
    found = _folded.get(text)
    if found is None:
        found = text.lower() if _ASCII_FOLD_SAFE and text.isascii() else fold(text)
        if len(_folded) < 200_000:
            _folded[text] = found
    return found


def _fold_join(parts: Iterable[str | None]) -> str:
    # fold is per character apart from NFC, and nothing composes across a space,
    # so folding the parts and joining them equals folding the joined text.
    return " ".join(_fold_part(p) for p in parts if p)


def _fts_row(cid: int, c: CleanContact, writer: _Writer) -> tuple[Any, ...]:
    """The index entry :func:`search_index.reindex_contacts` would build for a new contact."""
    org_id = writer.orgs.get(sort_key(c.organization)) if c.organization else None
    phones: list[str] = []
    for p in c.phones:
        number = contact_points.remembered_number(p.e164) if p.e164 else None
        phones.extend(search_index.phone_keys(p.raw, p.e164, number))
    tag_ids = dict.fromkeys(writer.tags[fold(t).strip()] for t in c.tags)  # as inserted
    return (
        cid,
        _fold_join((c.display_name, c.given_name, c.middle_name, c.family_name, c.job_title)),
        _fold_join((writer.org_names[org_id],)) if org_id is not None else "",
        _fold_join(e.address for e in c.emails),
        " ".join(dict.fromkeys(phones)),
        _fold_join(writer.tag_names[t] for t in tag_ids),
        _fold_join((c.notes, c.interests, c.preferences)),
    )


def statuses(cur: sqlite3.Cursor) -> dict[str, int]:
    return {
        fold(str(n)): int(i) for i, n in cur.execute("SELECT id, name FROM relationship_status")
    }


def _raw_cursor(session: Any) -> sqlite3.Cursor:
    dbapi = session.connection().connection.dbapi_connection
    return cast(sqlite3.Connection, dbapi).cursor()


def run_import(
    db: Database,
    records: Iterable[ImportRecord],
    *,
    on_duplicate: OnDuplicate = "skip",
    dry_run: bool = False,
    phone_region: str | None = None,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
    before_write: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK,
    now: datetime | None = None,
    pool: bool = False,
) -> ImportResult:
    """Validate ``records``, match duplicates and (unless ``dry_run``) write them.

    All or nothing: the writes happen in one IMMEDIATE transaction; an
    exception (including :class:`ImportCancelled` and KeyboardInterrupt)
    rolls it back. ``before_write(row)`` runs before each new contact's chunk
    entry is queued (a test hook for injected failures). ``pool``: check the
    rows in worker processes (None: for large files on a multi-core machine;
    the outcomes are identical either way). Rows that fail
    validation are reported and skipped; they do not stop the others.
    """
    with paused_gc(), contact_points.remembering_numbers():
        return _run_import(
            db,
            records,
            on_duplicate=on_duplicate,
            dry_run=dry_run,
            phone_region=phone_region,
            progress=progress,
            should_cancel=should_cancel,
            before_write=before_write,
            chunk_size=chunk_size,
            now=now,
            pool=pool,
        )


def _run_import(
    db: Database,
    records: Iterable[ImportRecord],
    *,
    on_duplicate: OnDuplicate,
    dry_run: bool,
    phone_region: str | None,
    progress: Progress | None,
    should_cancel: Callable[[], bool] | None,
    before_write: Callable[[int], None] | None,
    chunk_size: int,
    now: datetime | None,
    pool: bool,
) -> ImportResult:
    started = time.perf_counter()
    items = list(records)
    with db.read() as session:
        known_statuses = statuses(_raw_cursor(session))
    checked = _validate(items, phone_region, known_statuses, progress, should_cancel, pool=pool)
    stamp = to_sql(now or datetime.now(UTC))
    with db.read() if dry_run else db.write() as session:
        cur = _raw_cursor(session)
        index = DuplicateIndex.from_database(cur)
        writer = _Writer(cur, stamp)
        next_id = writer.next_id
        outcomes: list[Outcome] = []
        new: dict[int, tuple[int, CleanContact]] = {}  # id -> (row, contact), in file order
        merges: dict[int, CleanContact] = {}  # database id -> what to merge in
        written = 0
        total = len(items)
        for i, (record, item) in enumerate(zip(items, checked, strict=True)):
            if isinstance(item, Outcome):
                outcomes.append(item)
                continue
            match = index.find(item) if on_duplicate != "create" else None
            if match is None:
                cid = next_id
                next_id += 1
                new[cid] = (record.row, item)
                index.add(item, Match(cid, record.row))
                outcomes.append(Outcome(record.row, "created", None if dry_run else cid))
            elif match.row is not None and match.contact_id is not None:  # earlier in the file
                if on_duplicate == "merge":
                    row, base = new[match.contact_id]
                    new[match.contact_id] = (row, merge_clean(base, item))
                    outcomes.append(
                        Outcome(
                            record.row,
                            "merged",
                            None if dry_run else match.contact_id,
                            duplicate_of_row=match.row,
                        )
                    )
                else:
                    outcomes.append(Outcome(record.row, "duplicate", duplicate_of_row=match.row))
            else:
                assert match.contact_id is not None
                if on_duplicate == "merge":
                    merges[match.contact_id] = (
                        merge_clean(merges[match.contact_id], item)
                        if match.contact_id in merges
                        else item
                    )
                    outcomes.append(Outcome(record.row, "merged", match.contact_id))
                else:
                    outcomes.append(Outcome(record.row, "duplicate", match.contact_id))
            if i % chunk_size == 0:
                _check(should_cancel)
        if not dry_run:
            ids = list(new)
            for start in range(0, len(ids), chunk_size):
                chunk = ids[start : start + chunk_size]
                if before_write is not None:
                    for cid in chunk:
                        before_write(new[cid][0])
                writer.insert([(cid, new[cid][1]) for cid in chunk])
                written += len(chunk)
                _check(should_cancel)
                if progress is not None:
                    progress("saving", written, total)
            for cid, extra in merges.items():
                writer.merge(cid, extra)
            cur.executemany(_INSERT_FTS, [_fts_row(cid, new[cid][1], writer) for cid in ids])
            search_index.reindex_contacts(session.connection(), list(merges))
            _check(should_cancel)
    return ImportResult(tuple(outcomes), dry_run, time.perf_counter() - started)
