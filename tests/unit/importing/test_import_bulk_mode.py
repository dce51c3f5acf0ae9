"""A large import with FTS5's bigger buffer: same rows, same index, same schema and config.

Also when it fails half-way: the setting goes back with the rollback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import factories

from crm_desktop.importing import bulk_mode
from crm_desktop.importing.importer import run_import
from crm_desktop.storage.database import Database, open_database
from tests.unit.importing.test_import_importer import counts, google, records_of
from tests.unit.importing.test_import_speed_paths import _dump, _google_rows_with_problems

db_path, db, clock = factories.db_path, factories.db, factories.clock
template_db = factories.template_db


def _schema(db: Database) -> list[tuple[object, ...]]:
    with db.read_raw() as conn:
        return conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
        ).fetchall()


def _fts_hash(db: Database) -> list[tuple[object, ...]]:
    with db.read_raw() as conn:
        return conn.execute("SELECT v FROM contact_fts_config WHERE k = 'hashsize'").fetchall()


def _index_use(db: Database) -> str:
    with db.read_raw() as conn:
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT contact_id FROM contact_email WHERE normalized = 'x'"
        ).fetchall()
    return " ".join(str(row[-1]) for row in plan)


def test_bulk_import_gives_the_rows_and_schema_of_a_plain_one(
    tmp_path: Path, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = records_of(_google_rows_with_problems(tmp_path, 1500))
    monkeypatch.setattr(bulk_mode, "BULK_MIN_ROWS", 10**9)
    plain = run_import(db, records, phone_region="DE", now=factories.NOW, on_duplicate="merge")
    plain_rows = _dump(db)

    entered: list[bool] = []
    real_enter = bulk_mode.BulkMode.enter

    def spying_enter(self: bulk_mode.BulkMode) -> None:
        entered.append(True)
        real_enter(self)

    monkeypatch.setattr(bulk_mode.BulkMode, "enter", spying_enter)
    monkeypatch.setattr(bulk_mode, "BULK_MIN_ROWS", 100)
    other = open_database(tmp_path / "bulk.sqlite3")
    before = _schema(other)
    try:
        bulk = run_import(
            other, records, phone_region="DE", now=factories.NOW, on_duplicate="merge"
        )
        assert entered  # the bulk path really ran
        assert bulk.outcomes == plain.outcomes and bulk.count("merged") > 0
        assert _dump(other) == plain_rows
        assert _schema(other) == before  # every index is back, as it was
        assert "ix_contact_email_normalized" in _index_use(other)
        assert _fts_hash(other) == [(1024 * 1024,)]  # FTS5's default again
    finally:
        other.close()


def test_bulk_import_that_fails_half_way_leaves_rows_and_indexes_as_they_were(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_mode, "BULK_MIN_ROWS", 100)
    before_schema, before_counts = _schema(db), counts(db)

    def fail(row: int) -> None:
        if row == 400:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        run_import(db, records_of(google(600)), before_write=fail, chunk_size=100)
    assert _schema(db) == before_schema
    assert counts(db) == before_counts
    assert _fts_hash(db) == []


def test_small_imports_keep_the_default_buffer(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_mode, "BULK_MIN_ROWS", 100)

    def refuse(self: bulk_mode.BulkMode) -> None:
        raise AssertionError("bulk mode for a small import")

    monkeypatch.setattr(bulk_mode.BulkMode, "enter", refuse)
    run_import(db, records_of(google(99, start=1000)))  # below the minimum
