"""Alembic environment: always given an open connection by ``storage.migrate``.

All revisions run in ONE transaction and the foreign-key check runs before
its commit, so an upgrade that would orphan rows is rolled back whole.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text
from sqlmodel import SQLModel

import crm_desktop.storage.models  # noqa: F401  (registers the tables)


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        # `alembic revision --autogenerate` from a developer's shell.
        from sqlalchemy import create_engine

        url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///dev.sqlite3"
        with create_engine(url).connect() as conn:
            _configure_and_run(conn)
        return
    _configure_and_run(connection)


def _configure_and_run(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
        # Alembic assumes SQLite DDL is not transactional and would then commit after
        # each revision, before the check below; our engine emits BEGIN, so it is.
        transactional_ddl=True,
        transaction_per_migration=False,
        include_object=_not_search_index,
    )
    with context.begin_transaction():
        context.run_migrations()
        bad = connection.execute(text("PRAGMA foreign_key_check")).fetchall()  # type: ignore[attr-defined]
        if bad:
            raise RuntimeError(f"migration left {len(bad)} rows with broken foreign keys")


def _not_search_index(obj: object, name: str | None, type_: str, *_: object) -> bool:
    """FTS5 tables and their shadow tables are managed by hand, not autogenerate."""
    return not (type_ == "table" and name is not None and "_fts" in name)


run()
