"""Rebuilding the reminder schedule at scale: 100k contacts, 1M interactions, 10k future events.

Issue 4's goal: ``next_due_after(now) + due(now)`` (what the engine does on
every change) under 100 ms, and the number of armed APScheduler jobs does
not grow with the data. Runs on a COPY of the cached benchmark file (the
cache is never modified), with 10,000 future events added, a tenth of them
recurring, each with one or two reminder offsets.

    .venv/bin/python -m benchmarks.reminders_bench
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.dataset import ensure_dataset
from benchmarks.timing import measure
from crm_desktop.scheduling.engine import ReminderEngine
from crm_desktop.services.reminders import ReminderService
from crm_desktop.services.sqltime import to_sql
from crm_desktop.storage.database import open_database

EVENTS = 10_000
ZONE = "Europe/Budapest"


def add_future_events(path: Path, now: datetime, count: int, seed: int = 7) -> None:
    """Insert ``count`` events over the next year with raw SQL (fast, like an import)."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    try:
        with conn:
            for i in range(count):
                start = now + timedelta(minutes=rng.randrange(30, 365 * 24 * 60))
                start = start.replace(second=0, microsecond=0)
                end = start + timedelta(minutes=45)
                local = start.astimezone(UTC).replace(tzinfo=None)
                recurring = i % 10 == 0
                cur = conn.execute(
                    "INSERT INTO event (kind, title, all_day, timezone, local_start, local_end,"
                    " starts_at, ends_at, status, recur_freq, recur_interval, created_at,"
                    " updated_at) VALUES ('meeting', ?, 0, 'UTC', ?, ?, ?, ?, 'planned', ?, 1,"
                    " ?, ?)",
                    (
                        f"Bench meeting {i}",
                        local.isoformat(timespec="seconds"),
                        (local + timedelta(minutes=45)).isoformat(timespec="seconds"),
                        to_sql(start),
                        to_sql(end),
                        rng.choice(("daily", "weekly", "monthly")) if recurring else None,
                        to_sql(now),
                        to_sql(now),
                    ),
                )
                for minutes in {15, rng.choice((0, 5, 60, 1440))}:
                    conn.execute(
                        "INSERT INTO event_reminder (event_id, minutes_before) VALUES (?, ?)",
                        (cur.lastrowid, minutes),
                    )
    finally:
        conn.close()


def main() -> None:
    source = ensure_dataset(100_000, 1_000_000, 1)
    with tempfile.TemporaryDirectory(prefix="reminders-bench-") as tmp:
        path = Path(tmp) / "crm.sqlite3"
        shutil.copyfile(source, path)  # the cache file stays untouched
        now = datetime.now(UTC)
        started = time.perf_counter()
        add_future_events(path, now, EVENTS)
        print(f"added {EVENTS:,} future events in {time.perf_counter() - started:.1f} s")
        db = open_database(path)
        try:
            service = ReminderService(db, timezone=ZONE, clock=lambda: now)
            counts = {
                "contacts with a birthday": "SELECT count(*) FROM contact"
                " WHERE birthday_month IS NOT NULL",
                "events": "SELECT count(*) FROM event",
                "recurring events": "SELECT count(*) FROM event WHERE recur_freq IS NOT NULL",
            }
            with db.read_raw() as conn:
                for label, sql in counts.items():
                    print(f"{label}: {conn.execute(sql).fetchone()[0]:,}")

            def rebuild() -> None:
                service.next_due_after(now)
                service.due(now)

            cases = {
                "next_due_after(now)": lambda: service.next_due_after(now),
                "due(now), 30-day look-back, empty ledger": lambda: service.due(now),
                "rebuild = next_due_after + due": rebuild,
            }
            for label, call in cases.items():
                sample = measure([call], rounds=5, warmup=1)
                print(f"{label:45s} p50 {sample.p50_ms:7.1f} ms  p95 {sample.p95_ms:7.1f} ms")
            first = service.due(now)
            print(f"due now (first start would claim): {len(first):,}")
            service.claim(first, now)  # steady state: the look-back is all claimed
            since = now - timedelta(days=1)  # what the engine's runs pass (RUN_MARGIN)

            def steady() -> None:
                service.next_due_after(now)
                service.due(now, since=since)

            for label, call in {
                "rebuild, ledger filled, 30-day look-back": rebuild,
                "engine run: next_due_after + due(since 1 d)": steady,
            }.items():
                sample = measure([call], rounds=5, warmup=1)
                print(f"{label:45s} p50 {sample.p50_ms:7.1f} ms  p95 {sample.p95_ms:7.1f} ms")
            engine = ReminderEngine(service, lambda _r: None, lambda: now, timezone=ZONE)
            engine.start(paused=True)
            engine.run_due()
            print(f"armed jobs: {engine.job_count} (next run {engine.armed_for})")
            engine.stop()
        finally:
            db.close()


if __name__ == "__main__":
    main()
