"""Opening the one SQLite file: pragmas, permissions, refusals that leave the file alone."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError
from support import factories
from support.factories import count_rows, sha256, sidecars

from crm_desktop.paths import AppPaths
from crm_desktop.storage.database import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    Database,
    FileKind,
    inspect_file,
    open_database,
)
from crm_desktop.storage.errors import (
    DamagedDatabaseError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    StorageError,
)

# Shared fixtures, bound here so that pytest finds them in this module.
template_db = factories.template_db
db_path = factories.db_path
db = factories.db


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask that would leave files world-readable: the code must not rely on ours."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def pragma(database: Database, name: str) -> object:
    with database.read() as session:
        return session.execute(text(f"PRAGMA {name}")).scalar_one()


# -- a new database -------------------------------------------------------------------------


def test_new_database_is_ours_with_safe_pragmas(tmp_path: Path, loose_umask: None) -> None:
    path = tmp_path / "nested" / "data" / "crm.sqlite3"
    database = open_database(path)
    try:
        assert pragma(database, "application_id") == APPLICATION_ID == 0x43524D44
        assert pragma(database, "user_version") == SCHEMA_VERSION
        assert pragma(database, "journal_mode") == "wal"
        assert pragma(database, "foreign_keys") == 1
        assert pragma(database, "synchronous") == 2  # FULL
        assert pragma(database, "busy_timeout") == BUSY_TIMEOUT_MS > 0
        assert pragma(database, "secure_delete") == 1
        with database.write() as session:  # a write, so the -wal and -shm files exist
            session.execute(text("INSERT INTO setting(key, value) VALUES ('k', '1')"))
        assert mode(path.parent) == 0o700
        assert mode(path) == 0o600
        present = sidecars(path)
        assert "-wal" in present and "-shm" in present
        for suffix in present:
            assert mode(path.with_name(path.name + suffix)) == 0o600, suffix
    finally:
        database.close()
    assert inspect_file(path).kind is FileKind.OURS


def test_app_paths_ensure_makes_private_directories(tmp_path: Path, loose_umask: None) -> None:
    paths = AppPaths.under(tmp_path / "dd").ensure()
    for directory in (paths.data_dir, paths.config_dir, paths.log_dir):
        assert mode(directory) == 0o700
    assert paths.database == tmp_path / "dd" / "crm.sqlite3"


def test_every_pooled_connection_gets_the_pragmas(db: Database) -> None:
    # Two connections checked out at once: the second is a new DBAPI connection.
    with db.engine.connect() as first, db.engine.connect() as second:
        for conn in (first, second):
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2


def test_empty_file_is_initialized(tmp_path: Path, loose_umask: None) -> None:
    path = tmp_path / "crm.sqlite3"
    path.touch()
    assert inspect_file(path).kind is FileKind.EMPTY
    database = open_database(path)
    try:
        assert pragma(database, "application_id") == APPLICATION_ID
        assert pragma(database, "user_version") == SCHEMA_VERSION
        assert count_rows(database, "relationship_status") == 5
    finally:
        database.close()
    assert mode(path) == 0o600


def test_reopening_our_database_keeps_the_data(db_path: Path) -> None:
    first = open_database(db_path)
    with first.write() as session:
        session.execute(text("INSERT INTO setting(key, value) VALUES ('kept', '1')"))
    first.close()
    before = sha256(db_path)
    second = open_database(db_path)
    try:
        assert count_rows(second, "setting") == 1
    finally:
        second.close()
    assert sha256(db_path) == before  # opening and closing without writes changes nothing


# -- files we must not touch ----------------------------------------------------------------


def _text_file(path: Path) -> None:
    path.write_text("name,email\nAda,ada@example.com\n", encoding="utf-8")


def _foreign_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")  # like most applications' files
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes(body) VALUES ('not yours')")
    conn.commit()
    conn.close()


def _foreign_database_without_app_id(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()


def _newer_database(path: Path, template: Path) -> None:
    path.write_bytes(template.read_bytes())  # ours, in WAL mode, as a newer version leaves it
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _damaged_database(path: Path, template: Path) -> None:
    data = bytearray(template.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Page 1 keeps its 100-byte file header; the schema b-tree after it is destroyed.
    data[100:page_size] = bytes([0xA5]) * (page_size - 100)
    path.write_bytes(bytes(data))


CASES = {
    "text file": (_text_file, NotADatabaseError),
    "foreign database": (_foreign_database, ForeignDatabaseError),
    "foreign database, no application id": (_foreign_database_without_app_id, ForeignDatabaseError),
    "newer schema": (_newer_database, NewerSchemaError),
    "damaged pages": (_damaged_database, DamagedDatabaseError),
}


@pytest.mark.parametrize("case", list(CASES))
def test_refused_files_are_left_byte_identical(
    case: str, tmp_path: Path, template_db: Path
) -> None:
    make, expected = CASES[case]
    path = tmp_path / "crm.sqlite3"
    if make in (_newer_database, _damaged_database):
        make(path, template_db)
    else:
        make(path)
    assert sidecars(path) == []
    before = sha256(path)
    mode_before = mode(path)

    with pytest.raises(expected) as caught:
        open_database(path, backup_dir=tmp_path / "backups")

    assert isinstance(caught.value, StorageError)
    assert caught.value.path == path
    assert "left unchanged" in caught.value.message
    assert sha256(path) == before
    assert mode(path) == mode_before
    assert sidecars(path) == [], "opening a refused file must not create -wal/-shm files"
    assert not (tmp_path / "backups").exists()
    with pytest.raises(expected):  # the read-only check alone says the same
        inspect_file(path)
    assert sidecars(path) == []


def test_newer_schema_message_names_both_versions(tmp_path: Path, template_db: Path) -> None:
    path = tmp_path / "crm.sqlite3"
    _newer_database(path, template_db)
    with pytest.raises(NewerSchemaError) as caught:
        open_database(path)
    assert str(SCHEMA_VERSION + 1) in caught.value.message
    assert str(SCHEMA_VERSION) in caught.value.message


# -- errors and transactions ----------------------------------------------------------------

SENTINEL = "sentinel-7f3a-personal@example.org"


def _duplicate_tag(engine_conn: object) -> None:
    insert = text("INSERT INTO tag(name, folded) VALUES (:name, :folded)")
    engine_conn.execute(insert, {"name": SENTINEL, "folded": SENTINEL})  # type: ignore[attr-defined]
    engine_conn.execute(insert, {"name": SENTINEL, "folded": SENTINEL})  # type: ignore[attr-defined]


def test_integrity_error_text_hides_bound_values(db: Database) -> None:
    with pytest.raises(IntegrityError) as caught, db.write() as session:
        _duplicate_tag(session)
    message = f"{caught.value!s} {caught.value!r}"
    assert "UNIQUE constraint failed" in message
    assert SENTINEL not in message
    assert count_rows(db, "tag") == 0  # and the first insert was rolled back with it


def test_the_sentinel_check_would_catch_an_engine_without_hidden_parameters(
    db_path: Path,
) -> None:
    engine = create_engine(f"sqlite:///{db_path}")  # hide_parameters off: the leak we avoid
    try:
        with pytest.raises(IntegrityError) as caught, engine.begin() as conn:
            _duplicate_tag(conn)
        assert SENTINEL in str(caught.value)
    finally:
        engine.dispose()


def test_write_rolls_back_everything_on_exception(db: Database) -> None:
    with pytest.raises(RuntimeError, match="boom"), db.write() as session:
        session.execute(text("INSERT INTO setting(key, value) VALUES ('a', '1')"))
        session.execute(text("INSERT INTO setting(key, value) VALUES ('b', '2')"))
        session.flush()
        raise RuntimeError("boom")
    assert count_rows(db, "setting") == 0
    with db.write() as session:  # and the database is usable afterwards
        session.execute(text("INSERT INTO setting(key, value) VALUES ('a', '1')"))
    assert count_rows(db, "setting") == 1


def test_write_takes_the_write_lock_at_begin(db: Database, db_path: Path) -> None:
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with db.write() as session:
            session.execute(text("SELECT 1"))  # no write yet: IMMEDIATE already holds the lock
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released at commit
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError), db.write() as session:
        session.execute(
            text(
                "INSERT INTO contact_email(contact_id, address, normalized, position)"
                " VALUES (999, 'x@example.com', 'x@example.com', 0)"
            )
        )
