"""Erasure leaves no byte of the person in the database file set, and survives a restore."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from support.factories import as_schema_6

from crm_desktop.paths import AppPaths
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import (
    ContactInput,
    EventInput,
    InteractionInput,
    LabeledValue,
    TaskInput,
)
from crm_desktop.services.events import EventService
from crm_desktop.services.interactions import InteractionService
from crm_desktop.services.privacy import PrivacyService
from crm_desktop.services.restore import erase_again, restore_backup
from crm_desktop.services.tasks import TaskService
from crm_desktop.storage.backups import BackupStore
from crm_desktop.storage.database import Database, open_database
from crm_desktop.storage.erasures import erasures_in

SENTINEL = "Zqxwvyu"  # a name no demo or test data contains
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _file_bytes(path: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            data += part.read_bytes()
    return data


def _traces(path: Path) -> bool:
    data = _file_bytes(path)
    return any(form.encode() in data for form in (SENTINEL, SENTINEL.lower()))


def _person(db: Database) -> tuple[int, int]:
    contacts = ContactService(db, clock=lambda: NOW)
    who = contacts.create(
        ContactInput(
            given_name=SENTINEL,
            family_name="Papadopoulou",
            emails=(LabeledValue(f"{SENTINEL.lower()}@example.gr"),),
            notes=f"Met {SENTINEL} at the fair",
        )
    ).id
    other = contacts.create(ContactInput(given_name="Other", family_name="Person")).id
    InteractionService(db, clock=lambda: NOW).log(
        InteractionInput((who,), "call", NOW - timedelta(days=1), notes=f"{SENTINEL} called")
    )
    start = NOW + timedelta(days=2)
    EventService(db, clock=lambda: NOW).create(
        EventInput(
            f"Meeting {SENTINEL}", start, start + timedelta(hours=1), "UTC", contact_ids=(who,)
        )
    )
    TaskService(db, clock=lambda: NOW).create(TaskInput(f"Call {SENTINEL}", contact_id=who))
    db.checkpoint()
    return who, other


def test_erase_leaves_no_trace_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite3"
    db = open_database(path)
    who, other = _person(db)
    assert _traces(path)  # the check can see the sentinel before erasing
    ContactService(db, clock=lambda: NOW).erase([who])
    assert not _traces(path)
    assert ContactService(db).erased_ids() == [who]
    assert [r.id for r in ContactService(db).search("other")] == [other]
    db.close()
    assert not _traces(path)


def test_restoring_an_older_backup_erases_them_again(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path).ensure()
    db = open_database(paths.database)
    who, _ = _person(db)
    store = BackupStore(paths)
    backup = store.create(paths.database, "manual")
    ContactService(db, clock=lambda: NOW).erase([who])
    erased = erasures_in(paths.database)
    db.close()

    store.restore(backup.id, paths.database)
    restored = open_database(paths.database)
    assert _traces(paths.database)  # the backup still held them...
    ContactService(restored, clock=lambda: NOW).replay_erasures(erased)
    assert not _traces(paths.database)  # ...and they are gone again
    assert ContactService(restored).erased_ids() == [who]
    restored.close()


def test_export_person_lists_every_table(tmp_path: Path) -> None:
    db = open_database(tmp_path / "crm.sqlite3")
    who, _ = _person(db)
    files = PrivacyService(db).export_person(who, tmp_path / "export")
    names = sorted(p.name for p in files)
    assert f"contact-{who}.json" in names
    for table in ("contact", "emails", "interactions", "meetings", "tasks"):
        assert f"contact-{who}-{table}.csv" in names
    data = PrivacyService(db).person_data(who)
    assert data["interactions"][0]["notes"] == f"{SENTINEL} called"
    assert all((p.stat().st_mode & 0o777) == 0o600 for p in files)
    db.close()


def test_an_id_reused_after_an_erasure_names_someone_else_who_survives_a_restore(
    tmp_path: Path,
) -> None:
    paths = AppPaths.under(tmp_path).ensure()
    db = open_database(paths.database)
    _, alice = (
        ContactService(db, clock=lambda: NOW).create(ContactInput(given_name=n)).id
        for n in ("Ada", "Alice")
    )
    store = BackupStore(paths)
    with_alice = store.create(paths.database, "manual")
    ContactService(db, clock=lambda: NOW).erase([alice])
    later = NOW + timedelta(hours=1)
    bob = ContactService(db, clock=lambda: later).create(ContactInput(given_name="Bob")).id
    assert bob == alice  # SQLite gave the newest contact's freed id to the next one
    with_bob = store.create(paths.database, "manual")
    db.close()

    assert _restore(paths, with_bob.id) == ["Ada", "Bob"]  # Bob is not the one erased
    assert _restore(paths, with_alice.id) == ["Ada"]  # ...and Alice still is, in older backups


def test_ledger_rows_from_before_the_creation_times_still_erase_by_id(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path).ensure()
    db = open_database(paths.database)
    who, _ = _person(db)
    backup = BackupStore(paths).create(paths.database, "manual")
    ContactService(db, clock=lambda: NOW).erase([who])
    db.close()
    as_schema_6(paths.database)

    db = open_database(paths.database)  # migration 0007 adds the column, empty on old rows
    with db.read_raw() as conn:
        assert conn.execute("SELECT contact_id, contact_created_at FROM erasure").fetchall() == [
            (who, None)
        ]
    db.close()
    assert _restore(paths, backup.id) == ["Other Person"]
    assert not _traces(paths.database)


def _restore(paths: AppPaths, backup_id: str) -> list[str]:
    """As the CLI and both windows do: restore, replay the erasures; the names left."""
    _, pending = restore_backup(paths, backup_id)
    db = open_database(paths.database)
    try:
        erase_again(db, pending)
        service = ContactService(db)
        return sorted(row.display_name for row in service.rows(service.ids()))
    finally:
        db.close()
