"""``export contacts|interactions|vcard|ics -o PATH``: everything, for other programs.

- ``contacts`` and ``interactions``: the CSV reports of the same names with
  every row (no period), written by the report writer (spreadsheet-safe,
  UTF-8 with BOM unless told otherwise).
- ``vcard``: every live contact as vCard 4.0, or 3.0 with ``--vcard-version 3.0``.
- ``ics``: meetings (series as RRULE, reminders as VALARM), tasks (VTODO)
  and birthdays (yearly all-day events) in one iCalendar file.

The file appears only when complete (``PATH.partial`` renamed at the end)
and is private (0600: ``main`` sets umask 077, and we open it 0600 too).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from crm_desktop.cli.common import CliError, Context, add_format, emit_json

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
        default="feb28",
        help="ics: where a 29 February birthday falls in common years",
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


def _write_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _csv(ctx: Context, args: argparse.Namespace, path: Path) -> tuple[int, str]:
    from datetime import UTC, datetime

    from crm_desktop.reports.period import ReportParams
    from crm_desktop.reports.registry import open_report
    from crm_desktop.reports.writer import DELIMITERS, CsvOptions, write_csv

    options = CsvOptions(DELIMITERS[args.delimiter], args.encoding, args.raw)
    params = ReportParams(ctx.zone, datetime.now(UTC), safe=not args.raw)
    with open_report(ctx.db, args.kind, params) as table:
        rows = write_csv(table, path, options)
    return rows, f"{rows:,} rows"


def _vcard(ctx: Context, args: argparse.Namespace, path: Path) -> tuple[int, str]:
    from crm_desktop.interchange.vcard_write import vcards
    from crm_desktop.services.contacts import ContactService

    service = ContactService(ctx.db)
    ids = service.ids()
    details = (service.get(i) for i in ids)
    _write_atomic(path, (card.encode("utf-8") for card in vcards(details, args.vcard_version)))
    return len(ids), f"{len(ids):,} contacts as vCard {args.vcard_version}"


def _ics(ctx: Context, args: argparse.Namespace, path: Path) -> tuple[int, str]:
    from datetime import UTC, datetime

    from crm_desktop.domain.dates import Feb29Policy
    from crm_desktop.interchange.ics_write import calendar_ics

    data, (events, tasks, birthdays) = calendar_ics(
        ctx.db,
        now=datetime.now(UTC),
        feb29=Feb29Policy(args.feb29),
        salt=str(ctx.paths.database.resolve()),
    )
    _write_atomic(path, [data])
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
        count, summary = _WRITERS[args.kind](ctx, args, path)
    except OSError as exc:
        raise CliError(f"could not write {path}: {exc.strerror or exc}") from exc
    seconds = time.perf_counter() - started
    if args.format == "json":
        emit_json({"kind": args.kind, "items": count, "path": str(path), "seconds": seconds})
    else:
        print(f"{args.kind}: {summary} written to {path} in {seconds:.1f} s", file=sys.stdout)
    return 0
