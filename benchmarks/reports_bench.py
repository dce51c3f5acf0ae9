"""The ``interactions`` report of all 1,000,000 rows beside ``sqlite3 -csv``.

Issue 7's goal: within 2x of the sqlite3 command-line shell running the
same SELECT into a file, with the spreadsheet safety on. Both sides run the
identical SQL text (built by ``interactions_sql``: local times, contact
names and formula neutralization all in SQL) with the same pragmas as the
application's connections, on the cached benchmark file opened read-only
(the cache is never modified). Each side runs ``--rounds`` times,
alternating; the best time of each is compared.

Then ``export vcard``'s work on the same file: every contact read in bulk
(:mod:`crm_desktop.interchange.contact_cards`) and written as vCard 4.0,
beside the per-contact ``ContactService.get`` it replaced (timed on a
sample of 1,000 contacts, scaled to all of them: the real thing takes minutes),
and ``export ics`` (meetings, tasks, birthdays with their alarms) once.

    .venv/bin/python -m benchmarks.reports_bench [--zone Europe/Berlin] [--rounds 3]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks.dataset import ensure_dataset
from crm_desktop.interchange.contact_cards import vcard_batches
from crm_desktop.interchange.vcard_write import vcard
from crm_desktop.reports.activity import INTERACTION_HEADER, interactions_sql, interactions_table
from crm_desktop.reports.period import ReportParams
from crm_desktop.reports.writer import CsvOptions, write_csv

#: What ``storage.database`` sets on every connection that matters for a read.
PRAGMAS = ("PRAGMA cache_size=-32000;", "PRAGMA temp_store=MEMORY;")


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


def ours(path: Path, params: ReportParams, out: Path) -> tuple[float, int]:
    conn = _connect(path)
    try:
        started = time.perf_counter()
        rows = write_csv(interactions_table(conn, params), out, CsvOptions())
        return time.perf_counter() - started, rows
    finally:
        conn.close()


def shell(path: Path, sql: str, out: Path) -> float:
    script = "\n".join((*PRAGMAS, sql + ";"))
    started = time.perf_counter()
    with open(out, "wb") as f:
        subprocess.run(
            ["sqlite3", "-csv", "-header", f"{path.absolute().as_uri()}?mode=ro"],
            input=script.encode(),
            stdout=f,
            check=True,
        )
    return time.perf_counter() - started


def vcard_export(path: Path, out: Path) -> tuple[float, int]:
    """The CLI's ``export vcard`` minus argument parsing: one snapshot, chunks to a file."""
    conn = _connect(path)
    cards = 0
    try:
        started = time.perf_counter()
        conn.execute("BEGIN")
        with open(out, "wb") as f:
            for data, count in vcard_batches(conn, "4.0"):
                f.write(data)
                cards += count
        conn.execute("COMMIT")
        return time.perf_counter() - started, cards
    finally:
        conn.close()


def vcard_per_contact(path: Path, sample: int = 1000) -> float:
    """Seconds per card through ``ContactService.get`` (the old export), on ``sample`` ids."""
    from crm_desktop.services.contacts import ContactService
    from crm_desktop.storage.database import open_read_only

    db = open_read_only(path)
    try:
        service = ContactService(db)
        ids = service.ids()[:sample]
        started = time.perf_counter()
        for ident in ids:
            vcard(service.get(ident))
        return (time.perf_counter() - started) / len(ids)
    finally:
        db.close()


def ics_export(path: Path) -> tuple[float, tuple[int, ...], int]:
    """``export ics``'s work (default reminder settings): seconds, counts, bytes."""
    from crm_desktop.interchange.ics_write import calendar_ics
    from crm_desktop.storage.database import open_read_only

    db = open_read_only(path)
    try:
        started = time.perf_counter()
        data, counts = calendar_ics(db, now=datetime.now(UTC))
        return time.perf_counter() - started, tuple(counts), len(data)
    finally:
        db.close()


def _lines(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def main() -> None:
    import tzlocal

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zone", default=tzlocal.get_localzone_name() or "UTC")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("sqlite3") is None:
        raise SystemExit("the sqlite3 shell is needed: apt-get install -y sqlite3")
    path = ensure_dataset(100_000, 1_000_000, 1)
    params = ReportParams(ZoneInfo(args.zone), datetime.now(UTC))
    conn = _connect(path)
    sql, values = interactions_sql(conn, params)
    conn.close()
    assert not values, "all rows: no bound values, so the shell runs the identical text"
    best_ours = best_shell = float("inf")
    rows = 0
    with tempfile.TemporaryDirectory(prefix="reports-bench-") as tmp:
        for _ in range(args.rounds):
            seconds, rows = ours(path, params, Path(tmp, "ours.csv"))
            best_ours = min(best_ours, seconds)
            best_shell = min(best_shell, shell(path, sql, Path(tmp, "shell.csv")))
        shell_rows = _lines(Path(tmp, "shell.csv")) - 1
        size = Path(tmp, "ours.csv").stat().st_size / 1e6
    columns = len(INTERACTION_HEADER)
    print(f"interactions report, {rows:,} rows, {columns} columns, zone {args.zone}")
    print(f"  ours (csv.writer, safety on): {best_ours:6.2f} s  ({size:.0f} MB)")
    print(f"  sqlite3 -csv, same SELECT:    {best_shell:6.2f} s  ({shell_rows:,} rows)")
    print(f"  ratio: {best_ours / best_shell:.2f}x (goal: 2x or less)")
    best_vcard = float("inf")
    cards = 0
    with tempfile.TemporaryDirectory(prefix="reports-bench-") as tmp:
        for _ in range(args.rounds):
            seconds, cards = vcard_export(path, Path(tmp, "all.vcf"))
            best_vcard = min(best_vcard, seconds)
        size = Path(tmp, "all.vcf").stat().st_size / 1e6
    per_card = vcard_per_contact(path)
    print(f"export vcard, {cards:,} contacts (vCard 4.0)")
    print(f"  bulk reader:                  {best_vcard:6.2f} s  ({size:.0f} MB)")
    print(
        f"  ContactService.get per card:  {per_card * cards:6.0f} s  "
        f"({per_card * 1000:.1f} ms a card, on 1,000)"
    )
    seconds, (events, tasks, birthdays), size_ics = ics_export(path)
    print(f"export ics, {events:,} events, {tasks:,} tasks, {birthdays:,} birthdays")
    print(f"  with VALARMs:                 {seconds:6.2f} s  ({size_ics / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
