"""A file we cannot open: set aside unchanged, then the newest backup or an empty database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from crm_desktop.gui.dialogs.damaged_file import DamagedFileDialog, Outcome, as_storage_error
from crm_desktop.paths import AppPaths
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import ContactInput
from crm_desktop.storage.backups import BackupStore
from crm_desktop.storage.database import open_database
from crm_desktop.storage.errors import ForeignDatabaseError, NotADatabaseError, StorageError
from crm_desktop.storage.file_check import inspect_file
from crm_desktop.storage.set_aside import quick_check
from tests.unit.storage.test_set_aside import corrupt_middle_page


def _database_with_backup(tmp_path: Path) -> tuple[AppPaths, str]:
    paths = AppPaths.under(tmp_path / "data").ensure()
    db = open_database(paths.database)
    db.close()
    backup = BackupStore(paths).create(paths.database, "manual")
    return paths, backup.id


def _refusal(paths: AppPaths) -> StorageError:
    try:
        inspect_file(paths.database)
    except StorageError as exc:
        return exc
    raise AssertionError("the file was accepted")


def test_text_file_is_set_aside_unchanged_and_the_backup_restored(tmp_path: Path, qtbot) -> None:
    paths, backup_id = _database_with_backup(tmp_path)
    paths.database.unlink()
    text = b"Name,Phone\nAnn,+36 1 234 5678\n"
    paths.database.write_bytes(text)
    error = _refusal(paths)
    assert isinstance(error, NotADatabaseError)

    dialog = DamagedFileDialog(paths, error)
    qtbot.addWidget(dialog)
    assert dialog.moved is not None and dialog.moved.read_bytes() == text  # byte-identical
    assert dialog.moved.parent == paths.quarantine_dir
    assert not paths.database.exists()
    assert dialog.newest is not None and dialog.newest.id == backup_id
    assert dialog.restore_button.isVisibleTo(dialog) and dialog.empty_button.isVisibleTo(dialog)
    assert str(dialog.moved) in dialog.message.text()

    with qtbot.waitSignal(dialog.restored, timeout=10_000) as blocker:
        dialog.start_restore()
    assert blocker.args[0].backup_id == backup_id
    assert dialog.outcome is Outcome.RESTORED
    assert "Restored the backup" in dialog.summary()
    open_database(paths.database).close()  # the restored file opens
    assert dialog.moved.read_bytes() == text


def test_no_backup_offers_an_empty_database(tmp_path: Path, qtbot) -> None:
    paths = AppPaths.under(tmp_path / "data").ensure()
    paths.database.write_bytes(b"not a database")
    dialog = DamagedFileDialog(paths, _refusal(paths))
    qtbot.addWidget(dialog)
    assert dialog.newest is None
    assert not dialog.restore_button.isVisibleTo(dialog)
    dialog.start_empty()
    assert dialog.outcome is Outcome.EMPTY
    assert not paths.database.exists()


def test_foreign_file_is_never_touched(tmp_path: Path, qtbot) -> None:
    import sqlite3

    paths = AppPaths.under(tmp_path / "data").ensure()
    conn = sqlite3.connect(paths.database)
    conn.execute("CREATE TABLE other (x)")
    conn.commit()
    conn.close()
    before = paths.database.read_bytes()
    error = _refusal(paths)
    assert isinstance(error, ForeignDatabaseError)
    dialog = DamagedFileDialog(paths, error)
    qtbot.addWidget(dialog)
    assert dialog.moved is None
    assert not dialog.restore_button.isVisibleTo(dialog)
    assert not dialog.empty_button.isVisibleTo(dialog)
    assert paths.database.read_bytes() == before
    dialog.reject()
    assert dialog.outcome is Outcome.QUIT


def test_corruption_from_a_query_counts_as_damaged(tmp_path: Path) -> None:
    import sqlite3

    error = as_storage_error(sqlite3.DatabaseError("database disk image is malformed"), tmp_path)
    assert error is not None and "damaged" in error.message
    assert as_storage_error(ValueError("x"), tmp_path) is None


def test_people_erased_in_the_damaged_file_stay_erased_in_the_restored_backup(
    tmp_path: Path, qtbot
) -> None:
    paths = AppPaths.under(tmp_path / "data").ensure()
    db = open_database(paths.database)
    contacts = ContactService(db, clock=lambda: datetime(2026, 1, 1, tzinfo=UTC))
    for n in range(300):  # enough rows for the contact table to span many pages
        contacts.create(ContactInput(given_name=f"Person {n}", notes="x" * 200))
    erased = contacts.create(ContactInput(given_name="Zqxwvyu")).id
    db.close()
    backup_id = BackupStore(paths).create(paths.database, "manual").id
    db = open_database(paths.database)
    ContactService(db).erase([erased])
    db.close()
    corrupt_middle_page(paths.database)
    try:
        quick_check(paths.database)
    except StorageError as exc:
        error = exc
    else:
        raise AssertionError("the damage went unnoticed")

    dialog = DamagedFileDialog(paths, error)
    qtbot.addWidget(dialog)
    assert dialog.newest is not None and dialog.newest.id == backup_id
    with qtbot.waitSignal(dialog.restored, timeout=10_000):
        dialog.start_restore()
    assert dialog.erased_again == 1
    assert "Erased again: 1 contact erased after this backup was made." in dialog.summary()
    db = open_database(paths.database)
    try:
        assert ContactService(db).erased_ids() == [erased]
        with db.read_raw() as conn:
            assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 300
    finally:
        db.close()
    assert b"Zqxwvyu" not in paths.database.read_bytes()
