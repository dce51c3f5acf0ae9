"""Opening the one SQLite file: checks first, then an engine with safe pragmas.

Order matters. A file is inspected read-only before any connection with our
pragmas touches it, because merely switching a file to WAL rewrites its
header: a foreign or newer file must stay byte-identical. Only a file that
is ours (or new) gets an engine, and only an older schema is migrated,
after a verified copy.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, create_engine

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
SCHEMA_VERSION = 2
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


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


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # Autocommit at the driver level; SQLAlchemy's "begin" event below
    # emits BEGIN itself, so DDL is transactional (migrations roll back whole).
    dbapi_conn.isolation_level = None
    for pragma in (
        "journal_mode=WAL",
        "synchronous=FULL",  # an acknowledged save survives power loss
        "foreign_keys=ON",
        f"busy_timeout={BUSY_TIMEOUT_MS}",
        "temp_store=MEMORY",  # sorts and temp tables never reach a temp file
        "secure_delete=ON",  # deleted personal data is overwritten, not left in free pages
        "cache_size=-32000",
    ):
        dbapi_conn.execute(f"PRAGMA {pragma}")


def _on_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path) -> Engine:
    """An engine for ``path`` with our pragmas; bound values never reach logs or errors."""
    engine = create_engine(
        f"sqlite:///{path}",
        hide_parameters=True,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """The open database: an engine plus the two kinds of session services use.

    ``read()`` begins a deferred transaction (a consistent snapshot);
    ``write()`` begins IMMEDIATE so two writers never deadlock on the upgrade
    from a read lock, and commits on success.
    """

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._write_engine = engine.execution_options(sqlite_begin="IMMEDIATE")

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with Session(self._write_engine, expire_on_commit=False) as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path, *, backup_dir: Path | None = None) -> Database:
    """Open (creating or upgrading as needed) the database at ``path``.

    Raises a :class:`~crm_desktop.storage.errors.StorageError` subclass, with
    the file untouched, when the file is not ours, is newer or is damaged.
    """
    state = inspect_file(path)
    if state.kind is not FileKind.OURS:
        create_private_file(path)  # new, or empty: made private before SQLite writes to it
    if state.schema_version < SCHEMA_VERSION:
        from crm_desktop.storage.migrate import upgrade  # Alembic only when needed

        upgrade(path, backup_dir=backup_dir if state.kind is FileKind.OURS else None)
    return Database(path, make_engine(path))
