"""Whole-file exports (vCard, iCalendar) for the command line and the Reports window.

Both write ``PATH.partial`` (private, 0600) and rename it only when
complete, so a cancelled or failed export leaves no file behind. Progress
is ``progress(done, total)`` after every batch (``total`` 0 while
unknown); ``cancel`` is checked between batches. No Qt: the window runs
these on its database thread.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from crm_desktop.domain.dates import Feb29Policy
from crm_desktop.interchange.vcard_write import VCardVersion
from crm_desktop.storage.database import Database

__all__ = [
    "ExportCancelled",
    "Progress",
    "check_cancel",
    "export_ics",
    "export_vcard",
    "write_atomic",
]

Progress = Callable[[int, int], None]  # (done, total)


class ExportCancelled(Exception):
    """The user pressed Cancel; nothing was written."""


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled


def write_atomic(
    path: Path, chunks: Iterable[bytes], *, cancel: threading.Event | None = None
) -> None:
    """Write ``chunks`` to ``PATH.partial`` (private, 0600), then rename it to ``path``."""
    partial = path.with_name(path.name + ".partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                check_cancel(cancel)
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        check_cancel(cancel)
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
    from crm_desktop.interchange.contact_cards import count_live, vcard_batches

    done = 0
    with db.read_raw() as conn:  # one snapshot: the count and the cards agree
        total = count_live(conn)

        def chunks() -> Iterable[bytes]:
            nonlocal done
            for data, cards in vcard_batches(conn, version):
                yield data
                done += cards
                if progress is not None:
                    progress(done, total)

        write_atomic(path, chunks(), cancel=cancel)
    return done


def export_ics(
    db: Database,
    path: Path,
    *,
    now: datetime,
    salt: str,
    feb29: Feb29Policy | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> tuple[int, int, int]:
    """The calendar as one .ics file; the counts (events, tasks, birthdays).

    With the alarms the app fires: the reminder settings (default birthday
    lead days, where 29 February falls unless ``feb29`` says) are read here,
    as the engine reads them. ``progress`` counts the items built; the file
    is written after the last one.
    """
    from crm_desktop.interchange.ics_write import calendar_ics
    from crm_desktop.services.reminders import ReminderService

    check_cancel(cancel)
    settings = ReminderService(db).settings()

    def built(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total)
        check_cancel(cancel)

    data, counts = calendar_ics(
        db,
        now=now,
        salt=salt,
        feb29=feb29 or Feb29Policy(settings.feb29),
        birthday_days=settings.birthday_days,
        progress=built,
    )
    write_atomic(path, [data], cancel=cancel)
    events, tasks, birthdays = counts
    return events, tasks, birthdays
