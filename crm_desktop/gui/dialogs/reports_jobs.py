"""The Reports window's work on the database thread: preview and the exports.

No widgets here: these functions run inside ``ctx.runner.run`` jobs. A long
export reports progress through ``progress(done)`` after every batch and
stops when ``cancel`` is set (checked between batches): the CSV writer and
:func:`write_atomic` write ``PATH.partial`` and rename it only at the end,
so a cancelled or failed export leaves no file behind.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from crm_desktop.interchange.vcard_write import VCardVersion
from crm_desktop.reports.period import ReportParams
from crm_desktop.reports.registry import open_report
from crm_desktop.reports.writer import CsvOptions, write_csv
from crm_desktop.storage.database import Database

__all__ = [
    "PRESETS",
    "PREVIEW_LIMIT",
    "ExportCancelled",
    "Preview",
    "export_csv",
    "export_ics",
    "export_vcard",
    "preset_range",
    "preview_report",
    "write_atomic",
]

#: Rows the window shows; the export always has all of them.
PREVIEW_LIMIT = 10_000
PRESETS = ("this_week", "last_week", "this_month", "last_month", "this_year")

Progress = Callable[[int], None]


class ExportCancelled(Exception):
    """The user pressed Cancel; nothing was written."""


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


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled


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
            _check(cancel)
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
        _check(cancel)  # raised inside the writer: it removes the .partial file

    _check(cancel)
    with open_report(db, name, params) as table:
        return write_csv(table, path, options, progress=report)


def write_atomic(
    path: Path, chunks: Iterable[bytes], *, cancel: threading.Event | None = None
) -> None:
    """Write ``chunks`` to ``PATH.partial`` (private, 0600), then rename it to ``path``."""
    partial = path.with_name(path.name + ".partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                _check(cancel)
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        _check(cancel)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def export_vcard(
    db: Database,
    path: Path,
    version: VCardVersion,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Every live contact as vCard ``version`` (4.0 or 3.0); the number of cards.

    Read in bulk, 2,000 contacts per round (:mod:`~crm_desktop.interchange.contact_cards`),
    in one read transaction: progress and cancel come between two rounds.
    """
    from crm_desktop.interchange.contact_cards import vcard_batches

    done = 0
    with db.read_raw() as conn:

        def chunks() -> Iterable[bytes]:
            nonlocal done
            for data, cards in vcard_batches(conn, version):
                yield data
                done += cards
                if progress is not None:
                    progress(done)

        write_atomic(path, chunks(), cancel=cancel)
    return done


def export_ics(
    db: Database,
    path: Path,
    *,
    now: datetime,
    salt: str,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> tuple[int, int, int]:
    """The calendar as one .ics file; the counts (events, tasks, birthdays).

    With the alarms the app fires: the reminder settings (default birthday
    lead days, where 29 February falls) are read here, as the engine reads them.
    """
    from crm_desktop.domain.dates import Feb29Policy
    from crm_desktop.interchange.ics_write import calendar_ics
    from crm_desktop.services.reminders import ReminderService

    _check(cancel)
    settings = ReminderService(db).settings()

    def built(done: int, total: int) -> None:
        if progress is not None:
            progress(done)
        _check(cancel)

    data, counts = calendar_ics(
        db,
        now=now,
        salt=salt,
        feb29=Feb29Policy(settings.feb29),
        birthday_days=settings.birthday_days,
        progress=built,
    )
    write_atomic(path, [data], cancel=cancel)
    events, tasks, birthdays = counts
    return events, tasks, birthdays
