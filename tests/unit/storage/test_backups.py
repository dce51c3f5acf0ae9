"""Verified backups: taken while a writer commits, restored exactly, rotated, once a day."""

from __future__ import annotations

import sqlite3
import stat
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from support import factories
from support.factories import sha256, sidecars, table_counts

from crm_desktop.paths import AppPaths
from crm_desktop.storage.backups import (
    BackupError,
    BackupStore,
    RetentionPolicy,
    read_policy,
)
from crm_desktop.storage.database import SCHEMA_VERSION, Database, open_database

template_db = factories.template_db
db_path = factories.db_path

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def add_pair(db: Database, n: int) -> None:
    """One transaction: a contact and an interaction linked to it."""
    stamp = "2026-01-01 12:00:00.000000"
    with db.write() as session:
        cid = session.execute(
            text(
                "INSERT INTO contact(display_name, sort_key, created_at, updated_at)"
                " VALUES (:n, :n, :t, :t) RETURNING id"
            ),
            {"n": f"Writer {n}", "t": stamp},
        ).scalar_one()
        iid = session.execute(
            text(
                "INSERT INTO interaction(kind, occurred_at, created_at, updated_at)"
                " VALUES ('call', :t, :t, :t) RETURNING id"
            ),
            {"t": stamp},
        ).scalar_one()
        session.execute(
            text(
                "INSERT INTO interaction_contact(interaction_id, contact_id, occurred_at)"
                " VALUES (:i, :c, :t)"
            ),
            {"i": iid, "c": cid, "t": stamp},
        )


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: what "exactly the snapshot" is compared on."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {n: conn.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall() for n in names}
    finally:
        conn.close()


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under(tmp_path)


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_backup_while_a_writer_commits_every_10_ms(db_path: Path, paths: AppPaths) -> None:
    db = open_database(db_path)
    counts = [0]
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        n = 0
        try:
            while not stop.is_set():
                n += 1
                add_pair(db, n)
                counts.append(n)
                stop.wait(0.01)
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        store = BackupStore(paths)
        while counts[-1] < 5:
            stop.wait(0.01)
        made = []
        for _ in range(5):
            before = counts[-1]
            made.append((before, store.create(db_path, "manual", now=datetime.now(UTC))))
            stop.wait(0.03)
    finally:
        stop.set()
        thread.join()
        db.close()
    assert not errors
    assert counts[-1] >= 10, "the writer kept committing during the backups"
    for before, info in made:
        assert store.verify(info.id) == []
        rows = table_counts(info.path)
        # The count at one instant: every pair whole, none torn between the two tables.
        assert rows["contact"] == rows["interaction"] == rows["interaction_contact"]
        assert rows["contact"] in counts and rows["contact"] >= before
        assert sidecars(info.path) == []
        assert mode(info.path) == 0o600
    assert len({info.id for _, info in made}) == 5, "same-second backups get distinct names"
    assert mode(paths.backup_dir) == 0o700


def test_restore_gives_back_exactly_the_snapshot_after_backing_up_the_current(
    db_path: Path, paths: AppPaths
) -> None:
    clock = Clock()
    store = BackupStore(paths, clock=clock)
    db = open_database(db_path)
    for n in range(3):
        add_pair(db, n)
    db.close()
    snapshot = dump(db_path)
    taken = store.create(db_path, "manual")

    db = open_database(db_path)
    for n in range(3, 7):
        add_pair(db, n)
    db.close()
    changed = dump(db_path)
    assert changed != snapshot

    clock.now += timedelta(minutes=5)
    result = store.restore(taken.id, db_path)

    assert dump(db_path) == snapshot
    assert (result.backup_id, result.created) == (taken.id, T0)
    assert (result.contacts, result.interactions) == (3, 3)
    assert result.set_aside is None and result.safety_backup is not None
    safety = store.get(result.safety_backup)
    assert safety.reason == "pre-restore" and safety.created == clock.now
    assert dump(safety.path) == changed, "the replaced database was backed up first"
    assert sidecars(db_path) == []
    assert mode(db_path) == 0o600
    reopened = open_database(db_path)  # the restored file opens as ours
    reopened.close()


def test_restore_sets_a_damaged_database_aside_instead(db_path: Path, paths: AppPaths) -> None:
    store = BackupStore(paths, clock=Clock())
    taken = store.create(db_path, "manual")
    db_path.write_text("not a database any more\n", encoding="utf-8")
    before = sha256(db_path)

    result = store.restore(taken.id, db_path)

    assert result.safety_backup is None and result.set_aside is not None
    assert result.set_aside.parent == paths.quarantine_dir
    assert sha256(result.set_aside) == before
    assert dump(db_path) == dump(taken.path)


def test_restore_refuses_while_the_database_is_open(db_path: Path, paths: AppPaths) -> None:
    store = BackupStore(paths, clock=Clock())
    taken = store.create(db_path, "manual")
    db = open_database(db_path)
    try:
        with db.read() as session:
            session.execute(text("SELECT 1"))
        with pytest.raises(BackupError, match="in use"):
            store.restore(taken.id, db_path)
    finally:
        db.close()


def test_a_damaged_backup_is_reported_and_not_restored(db_path: Path, paths: AppPaths) -> None:
    store = BackupStore(paths, clock=Clock())
    taken = store.create(db_path, "manual")
    assert store.list()[0].verified is True
    data = bytearray(taken.path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 2 : page * 3] = bytes([0x5A]) * page
    taken.path.write_bytes(bytes(data))
    assert store.list()[0].verified is None, "a changed file must be checked again"
    before = sha256(db_path)

    assert store.verify(taken.id)
    assert store.list()[0].verified is False
    with pytest.raises(BackupError, match="failed its check"):
        store.restore(taken.id, db_path)
    assert sha256(db_path) == before
    assert store.newest_verified() is None
    with pytest.raises(BackupError, match="no backup"):
        store.get("manual-20990101T000000Z")


def test_daily_if_due_runs_once_per_calendar_day(db_path: Path, paths: AppPaths) -> None:
    store = BackupStore(paths)
    first = store.daily_if_due(db_path, T0)
    assert first is not None and first.reason == "daily"
    assert store.daily_if_due(db_path, T0 + timedelta(hours=11)) is None
    second = store.daily_if_due(db_path, T0 + timedelta(hours=12))  # the next day
    assert second is not None
    assert [b.id for b in store.list()] == [second.id, first.id]
    assert store.daily_if_due(paths.data_dir / "missing.sqlite3", T0 + timedelta(days=5)) is None


def test_rotation_with_a_fake_clock_across_60_days(db_path: Path, paths: AppPaths) -> None:
    clock = Clock()
    store = BackupStore(paths, clock=clock)
    policy = RetentionPolicy(daily=7, weekly=4, monthly=6, manual=3, pre_restore=2)
    for day in range(60):
        clock.now = T0 + timedelta(days=day)
        store.daily_if_due(db_path, clock.now)
        if day % 5 == 0:
            store.create(db_path, "manual")
        if day % 20 == 0:
            store.create(db_path, "pre-restore")
        store.rotate(policy)

    kept = store.list()
    days = sorted(b.created.date() for b in kept if b.reason == "daily")
    last = (T0 + timedelta(days=59)).date()  # Sunday 1 March
    last_seven = [last - timedelta(days=d) for d in range(6, -1, -1)]
    # Then the newest of each ISO week not yet kept (22, 15, 8, 1 February), then of
    # each month: February and March are already covered, so 31 January.
    weekly_and_monthly = [
        date(2026, 1, 31),
        date(2026, 2, 1),
        date(2026, 2, 8),
        date(2026, 2, 15),
        date(2026, 2, 22),
    ]
    assert days == weekly_and_monthly + last_seven
    manual = [b.created.date() for b in kept if b.reason == "manual"]
    assert manual == [last - timedelta(days=4), last - timedelta(days=9), last - timedelta(days=14)]
    assert len([b for b in kept if b.reason == "pre-restore"]) == 2
    assert len(list(paths.backup_dir.glob("*.sqlite3"))) == len(kept)


def test_rotation_never_deletes_the_only_sound_backup(db_path: Path, paths: AppPaths) -> None:
    clock = Clock()
    store = BackupStore(paths, clock=clock)
    good = store.create(db_path, "manual")
    clock.now += timedelta(hours=1)
    bad = store.create(db_path, "manual")
    bad.path.write_bytes(b"SQLite format 3\x00" + bytes(4096))
    deleted = store.rotate(RetentionPolicy(manual=1))
    assert deleted == []
    assert {b.id for b in store.list()} == {good.id, bad.id}
    deleted = store.rotate(RetentionPolicy(manual=0))
    assert [b.id for b in deleted] == [bad.id]
    assert [b.id for b in store.list()] == [good.id]


def test_policy_comes_from_the_setting(db_path: Path) -> None:
    assert read_policy(db_path) == RetentionPolicy()
    db = open_database(db_path)
    with db.write() as session:
        session.execute(
            text("INSERT INTO setting(key, value) VALUES ('backups.retention', :v)"),
            {"v": '{"daily": 3, "monthly": 12, "weekly": -1, "manual": "x", "other": 1}'},
        )
    db.close()
    assert read_policy(db_path) == RetentionPolicy(daily=3, monthly=12)


def test_list_ignores_foreign_files_and_reads_versions(db_path: Path, paths: AppPaths) -> None:
    store = BackupStore(paths, clock=Clock())
    assert store.list() == []
    taken = store.create(db_path, "pre-migration")
    (paths.backup_dir / "notes.sqlite3").write_text("mine", encoding="utf-8")
    (paths.backup_dir / "checks.json").unlink()  # the cache is optional
    [only] = store.list()
    assert (only.id, only.reason, only.verified) == (taken.id, "pre-migration", None)
    assert only.schema_version == SCHEMA_VERSION and only.size == taken.path.stat().st_size
    newest = store.newest_verified()  # checked lazily, then remembered
    assert newest is not None and newest.id == taken.id
    assert store.list()[0].verified is True
    store.rotate(RetentionPolicy(pre_migration=0))
    assert (paths.backup_dir / "notes.sqlite3").exists(), "files not named like ours stay"
