"""``report NAME -o FILE.csv``: the CSV reports, and ``report --list``.

The period is local days in the machine's zone, both ends inclusive. The
file appears only when complete (written to ``FILE.partial``, then renamed),
so Ctrl+C leaves nothing half-written (exit 1, one line). A progress line
(rows written) is shown while stdout is a terminal (:mod:`.progress`).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from crm_desktop.cli.common import CliError, Context, add_format, emit_json, user_errors
from crm_desktop.cli.progress import ProgressLine, counted


def register(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="write a CSV report (report --list names them)",
        description="Write a CSV report that spreadsheets open safely.",
    )
    report.add_argument("name", nargs="?", metavar="NAME", help="the report (see --list)")
    report.add_argument("--list", action="store_true", help="list the reports and exit")
    report.add_argument("--from", dest="start", metavar="DATE", help="first day (YYYY-MM-DD)")
    report.add_argument("--to", dest="end", metavar="DATE", help="last day, included")
    report.add_argument("-o", "--output", metavar="FILE.csv", help="the file to write")
    report.add_argument(
        "--delimiter",
        choices=(",", ";", "tab"),
        default=",",
        help="field separator (';' also writes decimal commas, as Excel in such locales does)",
    )
    report.add_argument(
        "--encoding",
        choices=("utf-8-sig", "utf-8"),
        default="utf-8-sig",
        help="utf-8-sig (with a BOM, for Excel; the default) or plain utf-8",
    )
    report.add_argument(
        "--raw", action="store_true", help="values untouched (no formula protection): for programs"
    )
    report.add_argument(
        "--by", choices=("week", "month"), default="week", help="meeting-outcomes per week/month"
    )
    add_format(report)
    report.set_defaults(handler=run_report)


def run_list(fmt: str) -> int:
    from crm_desktop.reports.registry import REPORTS

    if fmt == "json":
        emit_json([{"name": r.name, "description": r.description} for r in REPORTS.values()])
    else:
        width = max(len(name) for name in REPORTS)
        for r in REPORTS.values():
            print(f"{r.name.ljust(width)}  {r.description}")
    return 0


def run_report(ctx: Context, args: argparse.Namespace) -> int:
    if args.list:
        return run_list(args.format)
    from datetime import UTC, datetime

    from crm_desktop.domain.dates import parse_date
    from crm_desktop.reports.period import ReportParams
    from crm_desktop.reports.registry import REPORTS, open_report
    from crm_desktop.reports.writer import DELIMITERS, CsvOptions, write_csv

    if args.name is None:
        raise CliError("name a report (crm-desktop report --list shows them)")
    if args.name not in REPORTS:
        raise CliError(f"no report named {args.name!r}; try: {', '.join(REPORTS)}")
    if not args.output:
        raise CliError("say where to write the report: -o FILE.csv")
    with user_errors():
        start = parse_date(args.start, field="--from") if args.start else None
        end = parse_date(args.end, field="--to") if args.end else None
    if start and end and end < start:
        raise CliError("--to is before --from")
    path = Path(args.output)
    if not path.parent.is_dir():
        raise CliError(f"no such folder: {path.parent}")
    options = CsvOptions(DELIMITERS[args.delimiter], args.encoding, args.raw)
    params = ReportParams(ctx.zone, datetime.now(UTC), start, end, by=args.by, safe=not args.raw)
    started = time.perf_counter()
    try:
        with ProgressLine() as line, open_report(ctx.db, args.name, params) as table:

            def progress(rows: int) -> None:
                line.show(counted(args.name, rows, None, "rows"))

            rows = write_csv(table, path, options, progress=progress if line.enabled else None)
    except OSError as exc:
        raise CliError(f"could not write {path}: {exc.strerror or exc}") from exc
    except KeyboardInterrupt:  # the writer removed FILE.partial on the way out
        raise CliError(f"report interrupted; {path} was not written") from None
    seconds = time.perf_counter() - started
    if args.format == "json":
        emit_json({"report": args.name, "rows": rows, "path": str(path), "seconds": seconds})
    else:
        print(f"{args.name}: {rows:,} rows written to {path} in {seconds:.1f} s")
    return 0
