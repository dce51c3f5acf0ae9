"""``export contacts|interactions|vcard|ics -o PATH``: everything, for other programs.

- ``contacts`` and ``interactions``: the CSV reports of the same names with
  every row (no period), written by the report writer (spreadsheet-safe,
  UTF-8 with BOM unless told otherwise).
- ``vcard``: every live contact as vCard 4.0, or 3.0 with ``--vcard-version 3.0``,
  read in bulk (:mod:`crm_desktop.interchange.contact_cards`): 100,000 in seconds.
- ``ics``: meetings (series as RRULE, reminders as VALARM), tasks (VTODO)
  and birthdays (yearly all-day events), with the alarms the app fires for
  them (the reminder settings: default birthday lead days, 29 February), in
  one iCalendar file.

The file appears only when complete (``PATH.partial`` renamed at the end)
and is private (0600: ``main`` sets umask 077, and we open it 0600 too). On
a terminal a progress line counts what is written (:mod:`.progress`).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from crm_desktop.cli.common import CliError, Context, add_format, emit_json
from crm_desktop.cli.progress import ProgressLine, counted

KINDS = ("contacts", "interactions", "vcard", "ics")


def register(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="export all contacts or interactions (CSV), contacts (vCard) or the calendar (ics)",
        description="Export everything of one kind to a file other programs read.",
    )
    export.add_argument("kind", choices=KINDS, metavar="KIND", help=" | ".join(KINDS))
    export.add_argument("-o", "--output", required=True, metavar="PATH", help="the file to write")
    export.add_argument(
        "--vcard-version",
        choices=("4.0", "3.0"),
        default="4.0",
        help="vcard: 4.0 (RFC 6350, the default) or 3.0 for older programs",
    )
    export.add_argument(
        "--feb29",
        choices=("feb28", "mar1"),
        default=None,
        help="ics: where a 29 February birthday falls in common years"
        " (default: the app's reminder setting)",
    )
    export.add_argument(
        "--delimiter", choices=(",", ";", "tab"), default=",", help="CSV field separator"
    )
    export.add_argument(
        "--encoding",
        choices=("utf-8-sig", "utf-8"),
        default="utf-8-sig",
        help="CSV: utf-8-sig (with a BOM, for Excel; the default) or plain utf-8",
    )
    export.add_argument("--raw", action="store_true", help="CSV values untouched (for programs)")
    add_format(export)
    export.set_defaults(handler=run_export)


def _csv(ctx: Context, args: argparse.Namespace, path: Path, line: ProgressLine) -> tuple[int, str]:
    from datetime import UTC, datetime

    from crm_desktop.reports.period import ReportParams
    from crm_desktop.reports.registry import open_report
    from crm_desktop.reports.writer import DELIMITERS, CsvOptions, write_csv

    options = CsvOptions(DELIMITERS[args.delimiter], args.encoding, args.raw)
    params = ReportParams(ctx.zone, datetime.now(UTC), safe=not args.raw)

    def progress(rows: int) -> None:
        line.show(counted(args.kind, rows, None, "rows"))

    with open_report(ctx.db, args.kind, params) as table:
        rows = write_csv(table, path, options, progress=progress if line.enabled else None)
    return rows, f"{rows:,} rows"


def _vcard(
    ctx: Context, args: argparse.Namespace, path: Path, line: ProgressLine
) -> tuple[int, str]:
    from crm_desktop.interchange.export_files import export_vcard

    def progress(done: int, total: int) -> None:
        line.show(counted("vcard", done, total, "contacts"))

    done = export_vcard(ctx.db, path, args.vcard_version, progress=progress)
    return done, f"{done:,} contacts as vCard {args.vcard_version}"


def _ics(ctx: Context, args: argparse.Namespace, path: Path, line: ProgressLine) -> tuple[int, str]:
    from datetime import UTC, datetime

    from crm_desktop.domain.dates import Feb29Policy
    from crm_desktop.interchange.export_files import export_ics

    def progress(done: int, total: int) -> None:
        if done < total:
            line.show(counted("ics", done, total, "items"))
        else:  # built; serializing takes about as long again
            line.show(f"ics: writing {total:,} items", force=True)

    events, tasks, birthdays = export_ics(
        ctx.db,
        path,
        now=datetime.now(UTC),
        salt=str(ctx.paths.database.resolve()),
        feb29=Feb29Policy(args.feb29) if args.feb29 else None,
        progress=progress if line.enabled else None,
    )
    total = events + tasks + birthdays
    return total, f"{events:,} events, {tasks:,} tasks, {birthdays:,} birthdays"


_WRITERS = {"contacts": _csv, "interactions": _csv, "vcard": _vcard, "ics": _ics}


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    path = Path(args.output)
    if not path.parent.is_dir():
        raise CliError(f"no such folder: {path.parent}")
    if path.is_dir():
        raise CliError(f"{path} is a folder; name a file")
    started = time.perf_counter()
    try:
        with ProgressLine() as line:
            count, summary = _WRITERS[args.kind](ctx, args, path, line)
    except OSError as exc:
        raise CliError(f"could not write {path}: {exc.strerror or exc}") from exc
    except KeyboardInterrupt:  # the writers removed PATH.partial on the way out
        raise CliError(f"export interrupted; {path} was not written") from None
    seconds = time.perf_counter() - started
    if args.format == "json":
        emit_json({"kind": args.kind, "items": count, "path": str(path), "seconds": seconds})
    else:
        print(f"{args.kind}: {summary} written to {path} in {seconds:.1f} s", file=sys.stdout)
    return 0
