"""Migrations: an upgrade of a database holding data in every table loses no row."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.schema import CreateIndex
from sqlmodel import SQLModel
from support.factories import sha256, table_counts

import crm_desktop.storage.models  # noqa: F401  (registers the tables)
from crm_desktop.storage.database import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    create_private_file,
    inspect_file,
    make_engine,
    open_database,
)
from crm_desktop.storage.errors import MigrationError, StorageError
from crm_desktop.storage.migrate import alembic_config, head_revision, upgrade

T = "2026-01-15 10:00:00.000000"  # the stored form of a UTC instant

# Valid for the 0001 schema; ids fixed so child rows can point at their parents.
ROWS_AT_0001 = [
    "INSERT INTO organization(id, name, sort_key, website, industry, city, notes, created_at,"
    f" updated_at) VALUES (1, 'Ακρόπολη ΑΕ', 'ακροπολη αε', 'https://a.example', 'retail',"
    f" 'Αθήνα', 'n', '{T}', '{T}')",
    "INSERT INTO lead_source(id, name, channel, cost_minor, currency, starts_on, ends_on, notes,"
    f" created_at) VALUES (1, 'Fair 2026', 'event', 50000, 'EUR', '2026-01-01', '2026-01-31',"
    f" 'x', '{T}')",
    "INSERT INTO tag(id, name, folded) VALUES (1, 'VIP', 'vip'), (2, 'Kunde', 'kunde')",
    "INSERT INTO contact(id, given_name, family_name, display_name, sort_key, organization_id,"
    " job_title, birthday_month, birthday_day, birthday_year, lead_source_id, status_id,"
    " preferred_channel, interests, preferences, notes, stay_in_touch_days, last_contacted_at,"
    " created_at, updated_at, trashed_at) VALUES"
    " (1, 'Ελένη', 'Παπαδοπούλου', 'Ελένη Παπαδοπούλου', 'ελενη παπαδοπουλου', 1, 'CEO', 2, 29,"
    f" 1988, 1, 3, 'email', 'sailing', 'mornings', 'notes', 30, '{T}', '{T}', '{T}', NULL),"
    " (2, 'João', 'Silva', 'João Silva', 'joao silva', NULL, NULL, 12, 31, NULL, NULL, 1,"
    f" NULL, NULL, NULL, NULL, NULL, NULL, '{T}', '{T}', '{T}'),"
    " (3, 'Ақжол', NULL, 'Ақжол', 'ақжол', 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    f" NULL, NULL, NULL, NULL, '{T}', '{T}', NULL)",
    "INSERT INTO contact_email(contact_id, label, address, normalized, position) VALUES"
    " (1, 'work', 'eleni@example.gr', 'eleni@example.gr', 0),"
    " (1, 'home', 'e@example.com', 'e@example.com', 1),"
    " (2, NULL, 'j@example.pt', 'j@example.pt', 0)",
    "INSERT INTO contact_phone(contact_id, label, raw, e164, position) VALUES"
    " (1, 'mobile', '+30 210 1234567', '+302101234567', 0), (2, NULL, '12 34', NULL, 0)",
    "INSERT INTO contact_address(contact_id, label, street, extended, city, region, postal_code,"
    " country, position) VALUES (1, 'work', 'Οδός 1', NULL, 'Αθήνα', NULL, '10552', 'GR', 0)",
    "INSERT INTO contact_date(contact_id, label, month, day, year) VALUES"
    " (1, 'anniversary', 6, 1, 2010), (2, 'first purchase', 3, 3, NULL)",
    "INSERT INTO contact_tag(tag_id, contact_id) VALUES (1, 1), (2, 1), (1, 2)",
    "INSERT INTO consent(contact_id, purpose, granted, recorded_at, method, wording) VALUES"
    f" (1, 'newsletter', 1, '{T}', 'web form', 'I agree'), (1, 'newsletter', 0, '{T}', NULL, NULL)",
    "INSERT INTO event(id, kind, title, location, notes, all_day, timezone, local_start,"
    " local_end, starts_at, ends_at, status, recur_freq, recur_interval, recur_until,"
    " recur_count, series_ends_at, created_at, updated_at) VALUES"
    " (1, 'meeting', 'Review', 'Office', NULL, 0, 'Europe/Budapest', '2026-01-20T09:00:00',"
    " '2026-01-20T10:00:00', '2026-01-20 08:00:00.000000', '2026-01-20 09:00:00.000000',"
    f" 'planned', 'weekly', 1, NULL, 4, '2026-02-10 09:00:00.000000', '{T}', '{T}')",
    "INSERT INTO event_contact(event_id, contact_id) VALUES (1, 1), (1, 2)",
    "INSERT INTO event_reminder(event_id, minutes_before) VALUES (1, 15), (1, 1440)",
    "INSERT INTO interaction(id, kind, direction, occurred_at, duration_minutes, subject, notes,"
    " outcome, event_id, created_at, updated_at) VALUES"
    f" (1, 'call', 'outbound', '{T}', 10, 'Offer', 'long notes', 'successful', NULL, '{T}', '{T}'),"
    f" (2, 'meeting', NULL, '{T}', 60, 'Review', NULL, 'follow_up_needed', 1, '{T}', '{T}')",
    "INSERT INTO interaction_contact(interaction_id, contact_id, occurred_at) VALUES"
    f" (1, 1, '{T}'), (2, 1, '{T}'), (2, 2, '{T}')",
    "INSERT INTO attachment(interaction_id, path, label) VALUES (1, '/home/u/offer.pdf', 'offer')",
    "INSERT INTO deal(title, contact_id, organization_id, stage_id, value_minor, currency,"
    " probability, expected_close, status, closed_at, close_reason, notes, created_at,"
    f" updated_at) VALUES ('Fit-out', 1, 1, 2, 1250000, 'EUR', 25, '2026-03-01', 'open', NULL,"
    f" NULL, NULL, '{T}', '{T}')",
    "INSERT INTO purchase(contact_id, purchased_on, amount_minor, currency, description,"
    f" created_at) VALUES (1, '2026-01-10', 9900, 'EUR', 'chairs', '{T}')",
    "INSERT INTO task(title, notes, due_date, due_at, done, done_at, priority, contact_id,"
    f" created_at, updated_at) VALUES ('Call back', NULL, '2026-01-22', NULL, 0, NULL, 2, 1,"
    f" '{T}', '{T}')",
    "INSERT INTO reminder_ledger(source_kind, source_id, occurrence_key, due_at, state,"
    f" fired_at, snoozed_until, dismissed_at, missed) VALUES ('birthday', 1, '2026-02-28',"
    f" '{T}', 'fired', '{T}', NULL, NULL, 0)",
    "INSERT INTO setting(key, value) VALUES ('theme', '\"dark\"')",
    "INSERT INTO contact_fts(rowid, name, organization, email, phone, tags, notes) VALUES"
    " (1, 'eleni papadopoulou', 'akropoli', 'eleni@example.gr', '302101234567', 'vip', ''),"
    " (2, 'joao silva', '', '', '1234', 'vip', ''), (3, 'ақжол', '', '', '', '', '')",
    "INSERT INTO interaction_fts(rowid, subject, notes) VALUES"
    " (1, 'offer', 'long notes'), (2, 'review', '')",
]

CHILDREN_OF_CONTACT = (
    "contact_email",
    "contact_phone",
    "contact_address",
    "contact_date",
    "contact_tag",
    "consent",
    "event_contact",
    "interaction_contact",
    "purchase",
    "task",
)


def build_at_0001(path: Path, extra: tuple[str, ...] = ()) -> dict[str, int]:
    """A database at revision 0001 with rows in every table; returns the counts."""
    create_private_file(path)
    upgrade(path, backup_dir=None, target="0001")
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        conn.execute("PRAGMA foreign_keys = ON")  # the fixture itself must be consistent
        with conn:
            for statement in (*ROWS_AT_0001, *extra):
                conn.execute(statement)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    counts = table_counts(path)
    empty = [name for name, n in counts.items() if n == 0]
    assert empty == [], f"the fixture must fill every table; empty: {empty}"
    return counts


def fk_violations(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_upgrade_keeps_every_row_and_takes_a_verified_copy(tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite3"
    before = build_at_0001(path)
    backups = tmp_path / "backups"

    database = open_database(path, backup_dir=backups)
    database.close()

    after = table_counts(path)
    assert {k: after[k] for k in before} == before
    assert fk_violations(path) == []
    assert user_version(path) == SCHEMA_VERSION
    state = inspect_file(path)
    assert state.schema_version == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 0  # per connection, default
        row = conn.execute(
            "SELECT display_name, birthday_month, birthday_day, birthday_year, organization_id,"
            " birthday_reminder_days FROM contact WHERE id = 1"
        ).fetchone()
        assert row == ("Ελένη Παπαδοπούλου", 2, 29, 1988, 1, None)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)
        ]
    finally:
        conn.close()

    copies = list(backups.glob("pre-migration-*.sqlite3"))
    assert len(copies) == 1
    assert not list(backups.glob("*.partial"))
    assert table_counts(copies[0]) == before
    assert user_version(copies[0]) == 1
    copy = sqlite3.connect(f"{copies[0].as_uri()}?mode=ro", uri=True)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # self-contained
    finally:
        copy.close()


def _upgrade_with_foreign_keys_on(path: Path) -> None:
    """Alembic run the naive way: our engine (foreign_keys=ON) and nothing switched off."""
    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            # Asked on the driver: a SQLAlchemy statement here would begin a transaction
            # that Alembic then treats as the caller's, and the upgrade would roll back.
            driver = conn.connection.driver_connection
            assert driver is not None
            assert driver.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    finally:
        engine.dispose()


def test_the_trap_is_real_foreign_keys_on_loses_child_rows(tmp_path: Path) -> None:
    """Without the safe path the same upgrade empties the contact's children.

    This proves the test above can fail: it is ``storage.migrate`` turning foreign
    keys off that saves these rows, not luck.
    """
    path = tmp_path / "crm.sqlite3"
    before = build_at_0001(path)
    _upgrade_with_foreign_keys_on(path)
    assert user_version(path) == SCHEMA_VERSION  # it ran, and nothing complained
    assert fk_violations(path) == []  # the cascade leaves no orphan to find: the loss is silent
    after = table_counts(path)
    lost = {t: (before[t], after[t]) for t in CHILDREN_OF_CONTACT if after[t] < before[t]}
    assert lost, "expected the cascade to delete child rows"
    assert after["contact"] == before["contact"]  # the parents survive; their children do not


#: Expression indexes: SQLAlchemy cannot reflect them on SQLite, so autogenerate cannot
#: compare them (it warns and skips). They are left out of compare_metadata and their
#: DDL is checked against the model's instead (test below).
EXPRESSION_INDEXES = {"ix_contact_stay_due"}


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite3"
    open_database(path).close()
    engine = make_engine(path)

    def compared(obj: object, name: str | None, type_: str, *_: object) -> bool:
        if type_ == "index" and name in EXPRESSION_INDEXES:
            return False
        return not (type_ == "table" and name is not None and "_fts" in name)

    try:
        with engine.connect() as conn, warnings.catch_warnings():
            for name in EXPRESSION_INDEXES:  # exactly these: any other skip still warns
                warnings.filterwarnings(
                    "ignore", f"Skipped unsupported reflection of expression-based index {name}$"
                )
                warnings.filterwarnings(
                    "ignore",
                    f"autogenerate skipping metadata-specified expression-based index '{name}'",
                )
            context = MigrationContext.configure(
                conn, opts={"include_object": compared, "compare_type": True}
            )
            diffs = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    assert diffs == []


def test_expression_indexes_match_the_models(tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite3"
    open_database(path).close()
    engine = make_engine(path)
    indexes = {i.name: i for t in SQLModel.metadata.tables.values() for i in t.indexes}
    try:
        with engine.connect() as conn:
            for name in sorted(EXPRESSION_INDEXES):
                stored = conn.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
                ).scalar_one()
                expected = str(CreateIndex(indexes[name]).compile(dialect=engine.dialect))
                assert " ".join(stored.split()) == " ".join(expected.split())
    finally:
        engine.dispose()


def test_schema_version_is_the_head_revision_number() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    heads = script.get_heads()
    assert heads == [head_revision()]
    assert int(head_revision()) == SCHEMA_VERSION
    revisions = list(script.walk_revisions())
    assert sorted(int(r.revision) for r in revisions) == list(range(1, SCHEMA_VERSION + 1))


def test_failed_upgrade_rolls_back_completely(tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite3"
    bad = (
        "INSERT INTO contact(id, display_name, sort_key, birthday_month, birthday_day,"
        f" created_at, updated_at) VALUES (99, 'Bad Month', 'bad month', 13, 1, '{T}', '{T}')",
    )
    before = build_at_0001(path, extra=bad)
    digest = sha256(path)
    backups = tmp_path / "backups"

    with pytest.raises(MigrationError) as caught:
        open_database(path, backup_dir=backups)

    copies = list(backups.glob("pre-migration-*.sqlite3"))
    assert len(copies) == 1
    assert copies[0].name in caught.value.message  # the message names the copy to go back to
    assert user_version(path) == 1
    assert table_counts(path) == before
    assert fk_violations(path) == []
    conn = sqlite3.connect(path)
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(contact)")]
        assert "birthday_reminder_days" not in columns
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert not conn.execute(
            "SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp%'"
        ).fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    del digest  # the file content may be rewritten by a checkpoint; the data is what counts


def _orphan_at_0001(path: Path) -> None:
    """Add a row whose parent does not exist (raw sqlite3 has foreign keys off)."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO contact_email(contact_id, address, normalized, position)"
            " VALUES (4242, 'ghost@example.com', 'ghost@example.com', 0)"
        )
    conn.close()


def test_foreign_key_check_failure_rolls_the_upgrade_back(tmp_path: Path) -> None:
    """The check runs before the commit: an upgrade that leaves orphans is undone whole."""
    path = tmp_path / "crm.sqlite3"
    build_at_0001(path)
    _orphan_at_0001(path)
    before = table_counts(path)

    with pytest.raises(MigrationError):
        upgrade(path, backup_dir=None)  # no copy: straight to the migration and its check

    assert user_version(path) == 1
    assert table_counts(path) == before
    conn = sqlite3.connect(path)
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(contact)")]
        assert "birthday_reminder_days" not in columns
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    finally:
        conn.close()


def test_unverifiable_copy_is_reported_as_a_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite3"
    build_at_0001(path)
    _orphan_at_0001(path)
    before = table_counts(path)
    try:
        with pytest.raises(StorageError):
            open_database(path, backup_dir=tmp_path / "backups")
    finally:
        assert user_version(path) == 1 and table_counts(path) == before
