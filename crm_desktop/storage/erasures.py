"""Reading erasure ledgers of database files without opening them for writing.

A restore replaces the live file with an older backup; the ids erased
since must be read from the live file first, then erased again in the
restored one. A person erased for privacy must not come back.

Why set-aside files are read too: when the live file was damaged, it was
moved to ``set-aside`` (at start, or by the restore itself) and its ledger
went with it; restoring a backup then found no ledger to replay, and the
erased people came back. A set-aside file is read only with
``immutable=1`` (no lock, no -shm or -wal created: not a byte changes), and
only when it was set aside after the backup was made (older erasures are
already in a later backup's ledger, or belong to another history). The
ledger rows are in the main file: erasure checkpoints the WAL at once.

Why the "same history" check: contact ids are small integers that every
database starts again at 1. A set-aside file of another history (an empty
database started after an earlier set-aside) may have erased its own
"contact 2", who is someone else in the backup. A set-aside ledger is
replayed only when, among its lowest contact ids that the restored file
also holds, more have the same creation time than a different one (two
histories agree on none; one history disagrees only where an id was
reused after its newest contact was deleted). A file none of whose
contacts can be read, or that shares none with the backup, is not trusted.
The live file's ledger is replayed as before, unchecked.

Why each entry carries the contact's creation time (schema 7): ids are
reused within one history too (SQLite gives a new contact max(id) + 1, so
erasing the newest frees its id). A replay erases an id only where the
restored file's contact was created at the same time (ledger rows from
before schema 7 have no time and match by id alone).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

#: How many of a file's lowest contact ids stand for its history.
SAMPLE = 200
_NOT_ERASED = "id NOT IN (SELECT contact_id FROM erasure)"
_SAMPLES = (
    # The table in id order, as far as its pages can be read...
    f"SELECT id, created_at FROM contact WHERE {_NOT_ERASED} ORDER BY id LIMIT ?",
    # ...or, when its upper pages are damaged, the (created_at, id) index, which holds both.
    "SELECT id, created_at FROM contact INDEXED BY ix_contact_live_created"
    f" WHERE trashed_at IS NULL AND {_NOT_ERASED} ORDER BY created_at, id LIMIT ?",
)
_STAMP = re.compile(r"-(\d{8}T\d{6}Z)(?:-\d+)?$")
_LEDGER = (
    "SELECT DISTINCT contact_id, contact_created_at FROM erasure",
    "SELECT DISTINCT contact_id, NULL FROM erasure",  # a file of schema 6, before the times
)

#: One erased contact: (id, ``contact.created_at`` as stored, or None on a pre-0007 row).
ErasedContact = tuple[int, str | None]


def erasures_in(path: Path) -> list[ErasedContact]:
    """The entries of ``path``'s erasure ledger; [] when there is no readable ledger."""
    ledger = _read(path, "mode=ro")
    return list(ledger.entries) if ledger is not None else []


@dataclass(frozen=True, slots=True)
class SetAsideLedger:
    """The erasure ledger of one set-aside file, and a fingerprint of its history."""

    path: Path
    entries: tuple[ErasedContact, ...]
    #: (id, created_at) of its lowest contact ids that are not in its own ledger
    sample: tuple[tuple[int, str], ...]


def set_aside_ledgers(quarantine_dir: Path, since: datetime) -> list[SetAsideLedger]:
    """Readable ledgers with erasures of files set aside at or after ``since`` (UTC)."""
    found: list[SetAsideLedger] = []
    if not quarantine_dir.is_dir():
        return found
    for path in sorted(quarantine_dir.glob("*.sqlite3")):
        stamp = _STAMP.search(path.stem)
        if stamp is None:
            continue
        moved = datetime.strptime(stamp[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        if moved < since.replace(microsecond=0):
            continue
        ledger = _read(path, "mode=ro&immutable=1")
        if ledger is not None and ledger.entries and ledger.sample:
            found.append(SetAsideLedger(path, ledger.entries, ledger.sample))
    return found


def entries_to_replay(
    ledgers: list[SetAsideLedger], restored: sqlite3.Connection
) -> list[ErasedContact]:
    """The entries of the ledgers whose history agrees with the restored database."""
    entries: set[ErasedContact] = set()
    for ledger in ledgers:
        same = different = 0
        for contact_id, created in ledger.sample:
            theirs = _created(restored, contact_id)
            if theirs is not None:
                same += theirs == created
                different += theirs != created
        if same > different:
            entries.update(ledger.entries)
    return _sorted(entries)


@dataclass(frozen=True, slots=True)
class PendingErasures:
    """What a restore must erase again, read before the live file is replaced."""

    live: tuple[ErasedContact, ...]
    set_aside: tuple[SetAsideLedger, ...]

    def entries_for(self, restored: sqlite3.Connection) -> list[ErasedContact]:
        """Every entry to erase again in the restored database (read through ``restored``)."""
        return _sorted({*self.live, *entries_to_replay(list(self.set_aside), restored)})


def pending_erasures(db_path: Path, quarantine_dir: Path, backup_made: datetime) -> PendingErasures:
    """The live file's ledger, and those of files set aside since the backup was made."""
    return PendingErasures(
        tuple(erasures_in(db_path)), tuple(set_aside_ledgers(quarantine_dir, backup_made))
    )


def _sorted(entries: set[ErasedContact]) -> list[ErasedContact]:
    return sorted(entries, key=lambda e: (e[0], e[1] or ""))


def _created(conn: sqlite3.Connection, contact_id: int) -> str | None:
    row = conn.execute("SELECT created_at FROM contact WHERE id = ?", (contact_id,)).fetchone()
    return None if row is None else str(row[0])


@dataclass(frozen=True, slots=True)
class _Ledger:
    entries: tuple[ErasedContact, ...]
    sample: tuple[tuple[int, str], ...]  # as far as the contact pages could be read


def _read(path: Path, options: str) -> _Ledger | None:
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?{options}", uri=True)
    except sqlite3.Error:
        return None
    try:
        rows = None
        for sql in _LEDGER:
            try:
                rows = conn.execute(sql).fetchall()
                break
            except sqlite3.Error:
                continue  # an older schema, or a damaged file set aside anyway
        if rows is None:
            return None
        entries = tuple(_sorted({(int(i), None if c is None else str(c)) for i, c in rows}))
        sample: list[tuple[int, str]] = []
        for sql in _SAMPLES:
            try:
                for contact_id, created in conn.execute(sql, (SAMPLE,)):
                    sample.append((int(contact_id), str(created)))
            except sqlite3.Error:
                pass  # a damaged page further on: the rows read before it still count
            if sample:
                break
        return _Ledger(entries, tuple(sample))
    finally:
        conn.close()
