"""``demo`` (fill a database with realistic data) and ``check`` (integrity)."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from crm_desktop.cli.common import CliError, Context, add_format, emit_json


def register(commands: Any) -> None:
    demo = commands.add_parser("demo", help="fill an empty database with realistic demo data")
    demo.add_argument("--contacts", type=int, default=2000, metavar="N")
    demo.add_argument("--interactions", type=int, default=20000, metavar="M")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    add_format(demo)
    demo.set_defaults(handler=run_demo)

    check = commands.add_parser("check", help="check the database's integrity and foreign keys")
    add_format(check)
    check.set_defaults(handler=run_check)


def run_demo(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.demo_data import generate_demo

    if args.contacts < 0 or args.interactions < 0:
        raise CliError("--contacts and --interactions must not be negative")
    started = time.perf_counter()
    show_progress = sys.stderr.isatty()

    def progress(stage: str, done: int, total: int) -> None:
        if show_progress:
            print(f"\r{stage}: {done:,}/{total:,}\x1b[K", end="", file=sys.stderr, flush=True)

    try:
        summary = generate_demo(
            ctx.db,
            contacts=args.contacts,
            interactions=args.interactions,
            seed=args.seed,
            progress=progress,
        )
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    if show_progress:
        print(file=sys.stderr)
    seconds = time.perf_counter() - started
    if args.format == "json":
        emit_json({"summary": summary, "seconds": round(seconds, 2)})
    else:
        print(f"Demo data written to {ctx.paths.database} in {seconds:.1f} s: {summary}")
    return 0


def run_check(ctx: Context, args: argparse.Namespace) -> int:
    import sqlite3

    from crm_desktop.cli.backup import newest_backup_line
    from crm_desktop.storage.file_check import read_only_uri
    from crm_desktop.storage.snapshot import check_database

    db = ctx.db
    db.close()  # a read-only connection of our own; the engine is not needed
    conn = sqlite3.connect(read_only_uri(db.path), uri=True)
    try:
        problems = check_database(conn)
    except sqlite3.DatabaseError as exc:
        problems = [f"SQLite could not read the file: {exc}"]
    finally:
        conn.close()
    if args.format == "json":
        emit_json({"ok": not problems, "problems": problems})
    elif problems:
        print(f"{len(problems)} problem(s) found:")
        for problem in problems[:50]:
            print(f"  {problem}")
    else:
        print("ok: integrity and foreign keys are clean")
    if args.format != "json":
        print(newest_backup_line(ctx.paths))  # informational: never fails the check
    return 0 if not problems else 1
