"""The ``interactions`` report of all 1,000,000 rows beside ``sqlite3 -csv``.

Issue 7's goal: within 2x of the sqlite3 command-line shell running the
same SELECT into a file, with the spreadsheet safety on. Both sides run the
identical SQL text (built by ``interactions_sql``: local times, contact
names and formula neutralization all in SQL) with the same pragmas as the
application's connections, on the cached benchmark file opened read-only
(the cache is never modified). Each side runs ``--rounds`` times,
alternating; the best time of each is compared.

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


if __name__ == "__main__":
    main()
