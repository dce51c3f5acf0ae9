"""Shared fixtures and builders for the storage, service, search and CLI tests.

Bind the fixtures in a test module (``db = factories.db`` after ``from support import
factories``); pytest then finds them in that module's namespace, and ruff does not
mistake the test parameters for redefined imports.

A fresh database costs ~0.2 s (Alembic builds the schema), so the ``db`` fixture copies a
template built once per session instead; ``open_database`` on the copy runs the real
checks (application id, schema version) but no migration. Tests about creating or
migrating a file call ``open_database`` themselves.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from crm_desktop.paths import PRIVATE_FILE_MODE
from crm_desktop.services.dto import ContactInput, LabeledValue
from crm_desktop.storage.database import Database, open_database

#: A Monday at noon UTC: the same calendar day in every zone from UTC-11 to UTC+11.
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
DB_NAME = "crm.sqlite3"


@dataclass
class FixedClock:
    """An injectable clock: returns ``now`` until a test moves it."""

    now: datetime = field(default=NOW)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly created, closed database file (WAL checkpointed away), built once."""
    path = tmp_path_factory.mktemp("template") / DB_NAME
    open_database(path).close()
    return path


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    """A private copy of the template database at ``tmp_path / crm.sqlite3``."""
    path = tmp_path / DB_NAME
    shutil.copyfile(template_db, path)
    os.chmod(path, PRIVATE_FILE_MODE)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


def contact_input(**kw: Any) -> ContactInput:
    """A ContactInput; ``emails``/``phones`` may be given as plain strings."""
    for key in ("emails", "phones"):
        if key in kw:
            kw[key] = tuple(v if isinstance(v, LabeledValue) else LabeledValue(v) for v in kw[key])
    for key in ("tags", "addresses", "dates"):
        if key in kw:
            kw[key] = tuple(kw[key])
    if not any(k in kw for k in ("given_name", "family_name", "display_name", "organization")):
        kw["given_name"] = "Test"
    return ContactInput(**kw)


@pytest.fixture
def make_contact(db: Database, clock: FixedClock) -> Callable[..., int]:
    """``make_contact(given_name=..., tags=[...], ...)`` creates a contact and returns its id."""
    from crm_desktop.services.contacts import ContactService

    service = ContactService(db, clock=clock)

    def make(**kw: Any) -> int:
        return service.create(contact_input(**kw)).id

    return make


def scalar(db: Database, sql: str, **params: Any) -> Any:
    """One value from a raw SQL query on ``db``."""
    with db.read() as session:
        return session.execute(text(sql), params).scalar_one()


def count_rows(db: Database, table: str) -> int:
    return int(scalar(db, f"SELECT count(*) FROM {table}"))  # table names are literals


def table_counts(path: Path) -> dict[str, int]:
    """Row count of every table (FTS shadow tables included) of the file at ``path``."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path: Path) -> list[str]:
    """The -wal, -shm and -journal files that exist beside ``path``."""
    return [s for s in ("-wal", "-shm", "-journal") if path.with_name(path.name + s).exists()]


def fts_rowids(db: Database, table: str, match: str) -> set[int]:
    """Raw FTS lookup: the rowids whose folded index text matches ``match``."""
    with db.read() as session:
        rows = session.execute(
            text(f"SELECT rowid FROM {table} WHERE {table} MATCH :m"), {"m": match}
        )
        return {int(r[0]) for r in rows}


def fts_rows(db: Database, table: str) -> list[tuple[Any, ...]]:
    """Everything in an FTS table, by rowid: a snapshot to compare before and after."""
    with db.read() as session:
        return [
            tuple(r) for r in session.execute(text(f"SELECT rowid, * FROM {table} ORDER BY rowid"))
        ]


Factory = Callable[..., int]


def as_schema_6(path: Path) -> None:
    """Turn a closed database file back into schema 6: an erasure ledger without creation
    times, as files written before migration 0007 have (the next open upgrades it again)."""
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE erasure DROP COLUMN contact_created_at")
        conn.execute("PRAGMA user_version = 6")
        conn.execute("UPDATE alembic_version SET version_num = '0006'")
    conn.close()
