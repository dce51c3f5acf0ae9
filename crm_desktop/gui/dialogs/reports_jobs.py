"""The Reports window's work on the database thread: preview and the exports.

No widgets here: these functions run inside ``ctx.runner.run`` jobs. A long
export reports progress through ``progress(done)`` after every batch and
stops when ``cancel`` is set (checked between batches): the CSV writer and
:mod:`crm_desktop.interchange.export_files` write ``PATH.partial`` and
rename it only at the end, so a cancelled or failed export leaves no file
behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from crm_desktop.interchange.export_files import (
    ExportCancelled,
    check_cancel,
    export_ics,
    export_vcard,
)
from crm_desktop.reports.period import ReportParams
from crm_desktop.reports.registry import open_report
from crm_desktop.reports.writer import CsvOptions, write_csv
from crm_desktop.storage.database import Database

__all__ = [
    "PREVIEW_LIMIT",
    "ExportCancelled",
    "Preview",
    "export_csv",
    "export_ics",
    "export_vcard",
    "preset_range",
    "preview_report",
]

#: Rows the window shows; the export always has all of them.
PREVIEW_LIMIT = 10_000

Progress = Callable[[int], None]  # rows written so far


@dataclass(frozen=True, slots=True)
class Preview:
    header: tuple[str, ...]
    rows: list[Sequence[object]]
    total: int  # every row of the report; ``rows`` holds at most the limit


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def preset_range(preset: str, today: date) -> tuple[date, date]:
    """First and last day (both inclusive) of a preset period around ``today``."""
    monday = today - timedelta(days=today.weekday())
    if preset == "this_week":
        return monday, monday + timedelta(days=6)
    if preset == "last_week":
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if preset == "this_month":
        first = _month_start(today)
        return first, _next_month(first) - timedelta(days=1)
    if preset == "last_month":
        first = _month_start(_month_start(today) - timedelta(days=1))
        return first, _month_start(today) - timedelta(days=1)
    if preset == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    raise ValueError(f"unknown preset {preset!r}")


def preview_report(
    db: Database,
    name: str,
    params: ReportParams,
    *,
    limit: int = PREVIEW_LIMIT,
    cancel: threading.Event | None = None,
) -> Preview:
    """The first ``limit`` rows of the report and how many it has in all."""
    rows: list[Sequence[object]] = []
    total = 0
    with open_report(db, name, params) as table:
        for batch in table.batches:
            check_cancel(cancel)
            total += len(batch)
            room = limit - len(rows)
            if room > 0:
                rows.extend(batch[:room])
        return Preview(table.header, rows, total)


def export_csv(
    db: Database,
    name: str,
    params: ReportParams,
    path: Path,
    options: CsvOptions,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Write the whole report to ``path``; the row count. ExportCancelled: no file."""

    def report(rows: int) -> None:
        if progress is not None:
            progress(rows)
        check_cancel(cancel)  # raised inside the writer: it removes the .partial file

    check_cancel(cancel)
    with open_report(db, name, params) as table:
        return write_csv(table, path, options, progress=report)
