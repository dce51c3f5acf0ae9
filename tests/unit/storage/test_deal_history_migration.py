"""Migration 0004: the deal_change table, and the history backfilled for existing deals."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command

from crm_desktop.services.deals import DealService
from crm_desktop.storage.database import (
    SCHEMA_VERSION,
    create_private_file,
    make_engine,
    open_database,
)
from crm_desktop.storage.migrate import alembic_config, upgrade

CREATED = "2026-01-10 08:30:00.000000"
UPDATED = "2026-01-20 16:00:00.000000"
CLOSED = "2026-01-15 10:00:00.000000"

# At 0001 the stages are qualification (1, 10 %), needs analysis (2, 25 %),
# proposal (3, 50 %) and negotiation (4, 75 %).
DEALS_AT_0003 = [
    "INSERT INTO contact(id, display_name, sort_key, created_at, updated_at) VALUES"
    f" (1, 'Ada', 'ada', '{CREATED}', '{CREATED}'), (2, 'Bob', 'bob', '{CREATED}', '{CREATED}')",
    "INSERT INTO deal(id, title, contact_id, stage_id, value_minor, currency, probability,"
    " status, closed_at, close_reason, created_at, updated_at) VALUES"
    f" (1, 'Open', 1, 4, 1200000, 'EUR', 60, 'open', NULL, NULL, '{CREATED}', '{UPDATED}'),"
    f" (2, 'Won', 1, 3, 500, 'HUF', 100, 'won', '{CLOSED}', 'best offer', '{CREATED}',"
    f" '{UPDATED}'),"
    f" (3, 'Lost', 2, NULL, 0, 'EUR', 0, 'lost', '{CLOSED}', NULL, '{CREATED}', '{UPDATED}'),"
    f" (4, 'Loose', NULL, 1, 7, 'USD', 10, 'open', NULL, NULL, '{CREATED}', '{UPDATED}'),"
    # closed by hand without a closing time: the last update stands in for it
    f" (5, 'Hand-made', 2, 2, 9, 'EUR', 0, 'lost', NULL, 'gone', '{CREATED}', '{UPDATED}')",
]


def build_at_0003(path: Path) -> None:
    create_private_file(path)
    upgrade(path, backup_dir=None, target="0003")
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        assert "deal_change" not in {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        conn.execute("PRAGMA foreign_keys = ON")
        with conn:
            for statement in DEALS_AT_0003:
                conn.execute(statement)
    finally:
        conn.close()


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_upgrade_backfills_created_and_closing_steps(tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite3"
    build_at_0003(path)

    open_database(path, backup_dir=tmp_path / "backups").close()

    assert query(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]  # upgraded to the head
    assert query(path, "PRAGMA foreign_key_check") == []
    rows = query(
        path,
        "SELECT deal_id, contact_id, changed_at, kind, stage, value_minor, currency,"
        " probability, reason FROM deal_change ORDER BY deal_id, changed_at, id",
    )
    assert rows == [
        (1, 1, CREATED, "created", "negotiation", 1200000, "EUR", 60, None),
        (2, 1, CREATED, "created", "proposal", 500, "HUF", 50, None),  # the stage's default
        (2, 1, CLOSED, "won", "proposal", 500, "HUF", 100, "best offer"),
        (3, 2, CREATED, "created", None, 0, "EUR", 0, None),
        (3, 2, CLOSED, "lost", None, 0, "EUR", 0, None),
        (4, None, CREATED, "created", "qualification", 7, "USD", 10, None),
        (5, 2, CREATED, "created", "needs analysis", 9, "EUR", 25, None),
        (5, 2, UPDATED, "lost", "needs analysis", 9, "EUR", 0, "gone"),
    ]
    # The service reads the backfilled rows like its own (the stored instant form matches).
    database = open_database(path)
    try:
        history = DealService(database).history(1)
    finally:
        database.close()
    assert [(h.title, h.kind) for h in history] == [
        ("Won", "won"),
        ("Won", "created"),
        ("Open", "created"),
    ]
    assert history[0].changed_at == datetime(2026, 1, 15, 10, tzinfo=UTC)


def test_downgrade_drops_the_table_and_keeps_the_deals(tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite3"
    build_at_0003(path)
    upgrade(path, backup_dir=None)
    assert query(path, "SELECT count(*) FROM deal_change") == [(8,)]

    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert driver is not None
            driver.execute("PRAGMA foreign_keys=OFF")
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0003")
    finally:
        engine.dispose()

    assert query(path, "PRAGMA user_version") == [(3,)]
    tables = {r[0] for r in query(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "deal_change" not in tables
    assert query(path, "SELECT count(*) FROM deal") == [(5,)]
