"""Erasure ledgers of set-aside files: replayed into a backup of the same history only.

A damaged file set aside after a backup was made may hold the only record
that someone was erased since; another history's ledger (ids start at 1 in
every database) must never erase the backup's own people.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support.factories import as_schema_6, sha256, sidecars

from crm_desktop.paths import AppPaths
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import ContactInput
from crm_desktop.storage.backups import BackupInfo, BackupStore
from crm_desktop.storage.database import Database, open_database
from crm_desktop.storage.erasures import pending_erasures
from crm_desktop.storage.set_aside import set_aside

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def people(db: Database, *names: str, at: datetime = NOW) -> list[int]:
    contacts = ContactService(db, clock=lambda: at)
    return [contacts.create(ContactInput(given_name=n)).id for n in names]


def restore_and_replay(paths: AppPaths, backup: BackupInfo) -> list[int]:
    """As the CLI and the GUI do: read the ledgers, restore, replay; the ids replayed."""
    pending = pending_erasures(paths.database, paths.quarantine_dir, backup.created)
    BackupStore(paths).restore(backup.id, paths.database)
    db = open_database(paths.database)
    try:
        with db.read_raw() as conn:
            entries = pending.entries_for(conn)
        ContactService(db, clock=lambda: NOW).replay_erasures(entries)
    finally:
        db.close()
    return [cid for cid, _ in entries]


def names(paths: AppPaths) -> list[str]:
    db = open_database(paths.database)
    try:
        with db.read_raw() as conn:
            return [r[0] for r in conn.execute("SELECT display_name FROM contact ORDER BY 1")]
    finally:
        db.close()


@pytest.mark.parametrize("schema_6", [False, True], ids=["ledger", "ledger-without-times"])
def test_same_history_ledger_of_a_set_aside_file_is_replayed(
    tmp_path: Path, schema_6: bool
) -> None:
    paths = AppPaths.under(tmp_path / "data").ensure()
    db = open_database(paths.database)
    _, bob, _ = people(db, "Ada", "Bob", "Cy")
    backup = BackupStore(paths).create(paths.database, "manual")
    ContactService(db, clock=lambda: NOW).erase([bob])
    db.close()
    if schema_6:  # a file set aside before migration 0007: read by id
        as_schema_6(paths.database)
    moved = set_aside(paths.database, paths.quarantine_dir, datetime.now(UTC))
    before = sha256(moved)

    assert restore_and_replay(paths, backup) == [bob]
    assert names(paths) == ["Ada", "Cy"]
    assert sha256(moved) == before and sidecars(moved) == []


def test_another_historys_ledger_never_erases_the_backups_people(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "data").ensure()
    db = open_database(paths.database)
    people(db, "Ada", "Bob", "Cy")
    db.close()
    backup = BackupStore(paths).create(paths.database, "manual")
    # Another database (started empty after an older set-aside), whose own "contact 2" was erased.
    other = open_database(tmp_path / "other.sqlite3")
    _, yuri = people(other, "Xena", "Yuri", at=NOW + timedelta(days=3))
    ContactService(other, clock=lambda: NOW).erase([yuri])
    other.close()
    set_aside(tmp_path / "other.sqlite3", paths.quarantine_dir, datetime.now(UTC))

    assert restore_and_replay(paths, backup) == []
    assert names(paths) == ["Ada", "Bob", "Cy"]


def test_files_set_aside_before_the_backup_was_made_are_not_read(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "data").ensure()
    db = open_database(paths.database)
    _, bob = people(db, "Ada", "Bob")
    ContactService(db, clock=lambda: NOW).erase([bob])
    db.close()
    moved_at = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    set_aside(paths.database, paths.quarantine_dir, moved_at)
    later = pending_erasures(paths.database, paths.quarantine_dir, moved_at + timedelta(seconds=1))
    assert later.set_aside == ()
    ledgers = pending_erasures(paths.database, paths.quarantine_dir, moved_at).set_aside
    assert [[cid for cid, _ in x.entries] for x in ledgers] == [[bob]]
