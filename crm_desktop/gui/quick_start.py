"""The first page of the customer list straight from SQLite, before the services load.

Importing SQLModel and SQLAlchemy costs ~0.4 s, longer than a bare window
takes to paint. The first page needs neither: this reads it with the
standard ``sqlite3`` module over a read-only connection, using the same
SQL the services use, while the worker loads the full stack behind it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from crm_desktop.services import contact_queries as q
from crm_desktop.services.dto import ContactRow
from crm_desktop.storage.errors import StorageError
from crm_desktop.storage.file_check import SCHEMA_VERSION, FileKind, inspect_file, read_only_uri

FirstPage = tuple[list[int], list[ContactRow], int]


def first_page(path: Path, page: int = 100) -> FirstPage | None:
    """Ids of every live contact by name, rows of the first ``page``; None if not possible.

    None means "go the long way": the file is missing, needs an upgrade, or
    anything at all is unusual; the full open then reports it properly.
    """
    try:
        state = inspect_file(path)
        if state.kind is not FileKind.OURS or state.schema_version != SCHEMA_VERSION:
            return None
        conn = sqlite3.connect(read_only_uri(path.absolute()), uri=True)
        try:
            now = datetime.now(UTC)
            statements, params = q.id_queries(
                q.ContactQuery(), today=now.astimezone().date(), now=now
            )
            ids = q.fetch_ids(conn, statements, params)
            rows = q.fetch_rows(conn, ids[:page])
        finally:
            conn.close()
    except (StorageError, sqlite3.Error, OSError, ValueError, LookupError):
        return None
    return ids, rows, len(ids)
