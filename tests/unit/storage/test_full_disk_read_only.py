"""A full disk or a read-only folder: classified, nothing half-saved, reads keep working."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError
from support import factories
from support.factories import count_rows
from support.read_only import read_only_folder

from crm_desktop.storage.database import Database, open_database
from crm_desktop.storage.errors import (
    DISK_FULL_MESSAGE,
    READ_ONLY_MESSAGE,
    is_corruption,
    is_disk_full,
    is_read_only,
    write_refusal,
)

template_db = factories.template_db
db_path = factories.db_path
db = factories.db
clock = factories.clock
make_contact = factories.make_contact


def fill_up(db: Database) -> None:
    """Cap every new connection at the file's current size: the next new page is SQLITE_FULL."""
    db.engine.dispose()

    def cap(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(db.engine, "connect", cap)


# -- classification -----------------------------------------------------------


def sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


def wrapped(inner: BaseException) -> OperationalError:
    """What SQLAlchemy raises: the driver's error as ``.orig``."""
    return OperationalError("INSERT ...", {}, inner)


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("database or disk is full"),
        sqlite_error("anything", 13),
        OSError(errno.ENOSPC, "No space left on device"),
        wrapped(sqlite3.OperationalError("database or disk is full")),
    ],
)
def test_disk_full_is_recognised(error: BaseException) -> None:
    assert is_disk_full(error)
    assert not is_read_only(error)
    assert write_refusal(error) == DISK_FULL_MESSAGE


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("attempt to write a readonly database"),
        sqlite_error("anything", 8),
        sqlite_error("attempt to write a readonly database", 1544),  # READONLY_DIRECTORY
        OSError(errno.EROFS, "Read-only file system"),
        OSError(errno.EACCES, "Permission denied"),
        wrapped(sqlite3.OperationalError("attempt to write a readonly database")),
    ],
)
def test_read_only_is_recognised(error: BaseException) -> None:
    assert is_read_only(error)
    assert not is_disk_full(error)
    assert write_refusal(error) == READ_ONLY_MESSAGE


def test_a_cause_chain_is_followed() -> None:
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as exc:
            raise RuntimeError("backup failed") from exc
    except RuntimeError as outer:
        assert is_disk_full(outer)


def test_unable_to_open_counts_only_for_an_unwritable_folder(tmp_path: Path) -> None:
    error = sqlite_error("unable to open database file", 14)
    assert not is_read_only(error)  # a missing folder says the same
    assert not is_read_only(error, tmp_path)  # writable
    with read_only_folder(tmp_path):
        assert is_read_only(error, tmp_path)


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("no such table: contact"),
        sqlite3.DatabaseError("database disk image is malformed"),
        OSError(errno.ENOENT, "No such file"),
        ValueError("database or disk is full"),  # not from SQLite or the OS
    ],
)
def test_other_errors_are_not_refusals(error: BaseException) -> None:
    assert write_refusal(error) is None


def test_corruption_is_still_corruption() -> None:
    assert is_corruption(wrapped(sqlite3.DatabaseError("database disk image is malformed")))


# -- a real full disk (max_page_count) ---------------------------------------------------


def test_a_full_disk_rolls_back_and_reads_go_on(
    db: Database, make_contact: Callable[..., int]
) -> None:
    make_contact(given_name="Kept", notes="x" * 2000)
    fill_up(db)
    before = count_rows(db, "contact")
    with pytest.raises(Exception) as caught:
        for i in range(2000):  # each contact needs room; the cap is hit within a few pages
            make_contact(given_name=f"New {i}", notes="y" * 4000)
            before += 1
    assert is_disk_full(caught.value)
    assert write_refusal(caught.value) == DISK_FULL_MESSAGE
    assert count_rows(db, "contact") == before  # the failed save left nothing behind
    with db.read_raw() as conn:
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM contact WHERE given_name = 'Kept'").fetchone()


# -- a real read-only folder ----------------------------------------------------------


def test_a_read_only_folder_refuses_writes_as_read_only(
    db_path: Path, make_contact: Callable[..., int], db: Database
) -> None:
    make_contact(given_name="Kept")
    db.close()
    with read_only_folder(db_path.parent):
        ro = open_database(db_path)
        try:
            with pytest.raises(Exception) as caught, ro.write() as session:
                session.execute(text("DELETE FROM contact"))
            assert is_read_only(caught.value, db_path.parent)
            assert not is_disk_full(caught.value)
        finally:
            ro.close()
    check = open_database(db_path)
    try:
        assert count_rows(check, "contact") == 1
    finally:
        check.close()
