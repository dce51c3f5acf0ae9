"""Opening the one SQLite file: checks first, then an engine with safe pragmas.

Order matters. A file is inspected read-only before any connection with our
pragmas touches it, because merely switching a file to WAL rewrites its
header: a foreign or newer file must stay byte-identical. Only a file that
is ours (or new) gets an engine, and only an older schema is migrated,
after a verified copy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, create_engine

from crm_desktop.storage.file_check import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    FileKind,
    FileState,
    create_private_file,
    inspect_file,
)

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "Database",
    "FileKind",
    "FileState",
    "create_private_file",
    "inspect_file",
    "make_engine",
    "open_database",
    "open_read_only",
]

BUSY_TIMEOUT_MS = 5000


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

    @contextmanager
    def read_raw(self) -> Iterator[sqlite3.Connection]:
        """A bare pooled ``sqlite3`` connection inside one read transaction.

        The hot read paths (lists, search, timeline) use it: they run plain
        SQL and decode tuples, and SQLAlchemy's session and result layers
        would triple their cost (measured: 0.15 ms raw, 0.50 ms via a Session).
        """
        fairy = self.engine.raw_connection()
        try:
            conn = fairy.driver_connection
            assert isinstance(conn, sqlite3.Connection)
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("COMMIT")
        finally:
            fairy.close()

    def checkpoint(self) -> None:
        """Copy the WAL into the main file and truncate it (after an erasure:
        the deleted bytes must not linger in the -wal file)."""
        fairy = self.engine.raw_connection()
        try:
            conn = fairy.driver_connection
            assert isinstance(conn, sqlite3.Connection)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            fairy.close()

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


def open_read_only(path: Path) -> Database:
    """``path`` through a read-only engine: for a data folder SQLite cannot write.

    A WAL database needs its -shm beside it even to read; see
    :func:`~crm_desktop.storage.file_check.read_only_uri` for when the file
    is read ``immutable``. ``query_only`` makes any write fail at once with
    SQLite's read-only error, which callers turn into a plain message.
    The caller must have checked the file is ours and current (nothing here
    migrates).
    """
    from crm_desktop.storage.file_check import read_only_uri

    uri = read_only_uri(path)

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.isolation_level = None
        for pragma in (
            "query_only=ON",
            "foreign_keys=ON",
            f"busy_timeout={BUSY_TIMEOUT_MS}",
            "temp_store=MEMORY",
        ):
            conn.execute(f"PRAGMA {pragma}")
        return conn

    engine = create_engine(
        "sqlite://", creator=connect, hide_parameters=True, poolclass=QueuePool, pool_size=2
    )
    event.listen(engine, "begin", _on_begin)
    return Database(path, engine)
