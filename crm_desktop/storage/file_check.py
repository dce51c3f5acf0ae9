"""Telling our database from every other file, without writing a byte.

Kept free of SQLAlchemy so the window's first paint can check the file
before the heavy imports (see ``gui.quick_start``).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from crm_desktop.paths import PRIVATE_FILE_MODE, make_private_dir
from crm_desktop.storage.errors import (
    DamagedDatabaseError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
)

#: "CRMD" in the SQLite header: tells our files from every other SQLite file.
APPLICATION_ID = 0x43524D44
#: The schema version the code expects; each migration sets ``PRAGMA user_version``.
SCHEMA_VERSION = 7
SQLITE_MAGIC = b"SQLite format 3\x00"


class FileKind(Enum):
    MISSING = "missing"
    EMPTY = "empty"  # zero bytes or an SQLite file without any table: safe to initialize
    OURS = "ours"


@dataclass(frozen=True, slots=True)
class FileState:
    kind: FileKind
    schema_version: int = 0


def inspect_file(path: Path) -> FileState:
    """Classify ``path`` without writing to it; raise for anything we must not open."""
    if not path.exists():
        return FileState(FileKind.MISSING)
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header:
        return FileState(FileKind.EMPTY)
    if not header.startswith(SQLITE_MAGIC):
        raise NotADatabaseError(
            path,
            "This file is not a CRM Desktop database (it is not an SQLite file). "
            "It was left unchanged.",
        )
    # Even a read-only connection creates -wal and -shm files beside a WAL-mode
    # file. Without a WAL or journal beside it the file alone is the whole
    # truth, so "immutable" reads it without creating anything.
    beside = (path.with_name(path.name + suffix) for suffix in ("-wal", "-journal"))
    options = "mode=ro" if any(p.exists() for p in beside) else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?{options}", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabaseError(
            path, "The database file is damaged and cannot be read. It was left unchanged."
        ) from exc
    if app_id != APPLICATION_ID:
        if app_id == 0 and tables == 0:
            return FileState(FileKind.EMPTY)
        raise ForeignDatabaseError(
            path,
            "This SQLite file belongs to another program, not CRM Desktop. It was left unchanged.",
        )
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            path,
            f"This database was written by a newer CRM Desktop (schema {version}; this "
            f"version understands up to {SCHEMA_VERSION}). Update the application to open "
            "it. It was left unchanged.",
        )
    return FileState(FileKind.OURS, version)


def create_private_file(path: Path) -> None:
    """Create an empty file readable by the user alone, before SQLite opens it.

    SQLite gives the -wal and -shm files the main file's permissions, so this
    one mode protects the whole file set.
    """
    make_private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(fd)
    if os.name == "posix":
        path.chmod(PRIVATE_FILE_MODE)


def read_only_uri(path: Path) -> str:
    """The URI to read ``path`` without writing anything, even in a read-only folder.

    ``mode=ro`` still needs the -shm beside a WAL database and creates it
    when missing; a read-only folder cannot get one after a clean close.
    Only then, with no -wal content and no journal to honour, the file alone
    is the whole truth and ``immutable=1`` reads it. In a writable folder a
    running app may be checkpointing, so locking reads (``mode=ro``) are kept.
    """
    wal, shm, journal = (path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))
    immutable = (
        not os.access(path.parent, os.W_OK)
        and not shm.exists()
        and not journal.exists()
        and (not wal.exists() or wal.stat().st_size == 0)
    )
    return f"{path.absolute().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"
