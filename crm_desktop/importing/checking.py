"""Checking import rows: validation and search text, in batches, in this process or in workers.

This is the CPU-heavy half of an import (phone numbers alone cost tens of
microseconds each), and it needs nothing from the database but the list of
relationship statuses. So for large files it runs in worker processes
while the importer, in this process, matches duplicates and writes the
batches already checked: on two cores the checking and the writing
overlap, and the workers' results are exactly those of the serial path
(a test compares both, row by row and byte by byte).

Batches go out in file order and come back in file order. A CSV batch is
sent as raw rows with the column layout and mapped in the worker: rows
pickle in ~2 µs, records in ~20 µs.

Why processes and not threads: the work is pure Python, which holds the
GIL. Why ``spawn``: the window runs imports beside Qt's threads, and a
forked copy of a threaded process can deadlock.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Generator, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Any, NamedTuple

from crm_desktop.domain import contact_points
from crm_desktop.domain.dates import PartialDate
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.phone_keys import phone_keys
from crm_desktop.domain.text import fold, sort_key
from crm_desktop.importing import csv_sources, transfer
from crm_desktop.importing.outcome import Outcome
from crm_desktop.importing.records import ImportRecord, paused_gc
from crm_desktop.services.contact_clean import CleanContact, CleanEmail, CleanPhone, clean_contact
from crm_desktop.services.dto import Address, ImportantDate

__all__ = [
    "BATCH",
    "CONTACT_COLUMNS",
    "POOL_MIN_ROWS",
    "Checked",
    "CsvRows",
    "Source",
    "checked",
    "checked_batches",
    "contact_of",
    "source_rows",
]

assert transfer.TRANSFERRED  # registered on import: results pickle cheaply

BATCH = 2000  # rows per batch: progress and cancel granularity, and one worker task
# Below this many rows a pool costs more than it saves: starting a worker
# (a fresh interpreter importing the validators) takes ~0.5 s, in which one
# core checks ~5,000 rows.
POOL_MIN_ROWS = 5000


@dataclass(frozen=True, slots=True)
class CsvRows:
    """The data rows of a CSV file (header excluded) and their layout.

    ``first_row`` is the spreadsheet row of ``rows[0]`` (the header is row 1).
    """

    layout: csv_sources.Layout
    rows: Sequence[list[str]]
    first_row: int = 2


Source = CsvRows | Sequence[ImportRecord]


class Checked(NamedTuple):
    """A valid row, flat: what the writer inserts and the duplicate index keys on.

    Plain tuples of plain values, in the column order of the tables, so a
    batch pickles and unpickles in a third of the time a tree of dataclasses
    takes, and the writer only prefixes the ids. :func:`contact_of` gives
    the :class:`CleanContact` back (for the rare merge).

    ``fields`` are the contact's own columns (:data:`CONTACT_COLUMNS`);
    e-mails, phones and addresses end with their position; ``display_key``
    is the sort key of the display name; the ``*_text`` fields are the
    contact's own index columns, folded (organization and tags are left to
    the writer, which knows their names as stored).
    """

    row: int
    fields: tuple[Any, ...]
    organization: str | None
    lead_source: str | None
    status: str | None
    emails: tuple[tuple[str | None, str, str, int], ...]  # label, address, normalized, position
    phones: tuple[tuple[str | None, str, str | None, int], ...]  # label, raw, e164, position
    addresses: tuple[tuple[Any, ...], ...]  # label, street ... country, position
    dates: tuple[tuple[str, int, int, int | None], ...]  # label, month, day, year
    tags: tuple[str, ...]
    display_key: str
    name_text: str
    email_text: str
    phone_text: str
    notes_text: str


#: The contact's own columns, in the order of :attr:`Checked.fields`.
CONTACT_COLUMNS = (
    "given_name",
    "middle_name",
    "family_name",
    "display_name",
    "job_title",
    "birthday_month",
    "birthday_day",
    "birthday_year",
    "birthday_reminder_days",
    "preferred_channel",
    "interests",
    "preferences",
    "notes",
    "stay_in_touch_days",
)
_ADDRESS_PARTS = ("label", "street", "extended", "city", "region", "postal_code", "country")


def checked_batches(
    source: Source,
    phone_region: str | None,
    statuses: frozenset[str],
    *,
    batch: int = BATCH,
    pool: bool | None = None,
) -> Generator[tuple[int, list[Checked | Outcome]], None, None]:
    """(rows done so far, the batch's results) per batch, in file order.

    ``pool``: check in worker processes; None decides by size and cores.
    Closing the generator early (a cancel) stops the workers.
    """
    tasks = _tasks(source, batch)
    if pool is None:
        pool = source_rows(source) >= POOL_MIN_ROWS and _workers() >= 2
    done = 0
    if not pool or len(tasks) < 2:
        for size, task in tasks:
            done += size
            yield done, check_task(task, phone_region, statuses)
        return
    workers = _workers()
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_exit_with_parent,
    )

    def submit(size: int, task: tuple[str, Any]) -> tuple[int, Future[list[Checked | Outcome]]]:
        return size, executor.submit(check_task, task, phone_region, statuses)

    finished = False
    try:
        pending = iter(tasks)
        first_size, first = next(pending)
        # a few batches ahead of the writer, not the whole file: memory stays bounded
        window = deque(submit(*t) for t in islice(pending, 2 * workers + 1))
        # The workers take ~0.5 s to start (a fresh interpreter importing the
        # validators): this process checks the first batch meanwhile. (Checking
        # here whenever a worker is late was tried too: no faster on two cores.)
        done += first_size
        yield done, check_task(first, phone_region, statuses)
        while window:
            size, future = window.popleft()
            result = future.result()
            window.extend(submit(*t) for t in islice(pending, 1))
            done += size
            yield done, result
        finished = True
    finally:
        executor.shutdown(wait=finished, cancel_futures=not finished)


def _exit_with_parent() -> None:
    """In each worker: end when the app ends, however it ends.

    If the app is killed (or crashes) during an import, the workers would
    otherwise wait forever on their task queue: they hold its write end
    themselves, so no end-of-file ever comes. A daemon thread waits on the
    parent's sentinel and ends the worker when it fires.
    """
    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - always set in a spawned worker
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def check_task(
    task: tuple[str, Any], phone_region: str | None, statuses: frozenset[str]
) -> list[Checked | Outcome]:
    """One batch: ("csv", (layout, rows, first_row)) or ("records", records)."""
    kind, payload = task
    with paused_gc(), contact_points.remembering_numbers():
        if kind == "csv":
            layout, rows, first_row = payload
            records: Sequence[ImportRecord] = list(
                csv_sources.records(layout, rows, first_row=first_row)
            )
        else:
            records = payload
        return [_check(record, phone_region, statuses) for record in records]


def _tasks(source: Source, batch: int) -> list[tuple[int, tuple[str, Any]]]:
    if isinstance(source, CsvRows):
        rows = source.rows
        return [
            (
                len(rows[i : i + batch]),
                ("csv", (source.layout, rows[i : i + batch], source.first_row + i)),
            )
            for i in range(0, len(rows), batch)
        ]
    return [
        (len(source[i : i + batch]), ("records", list(source[i : i + batch])))
        for i in range(0, len(source), batch)
    ]


def source_rows(source: Source) -> int:
    """Rows (or records) in ``source``: the total its progress counts to."""
    return len(source.rows) if isinstance(source, CsvRows) else len(source)


def _workers() -> int:
    """The cores this process may use (a container or taskset may allow fewer than exist)."""
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    return min(len(usable) if usable else (os.cpu_count() or 1), 4)


def _check(
    record: ImportRecord, phone_region: str | None, statuses: frozenset[str]
) -> Checked | Outcome:
    if record.contact is None:
        problem = record.problem
        return Outcome(
            record.row,
            "error",
            field=problem.field if problem else "Row",
            message=problem.message if problem else "could not be read",
        )
    try:
        clean = clean_contact(record.contact, phone_region=phone_region)
        if clean.status is not None and fold(clean.status) not in statuses:
            raise ValidationError("Status", "is not one of the configured relationship statuses")
    except ValidationError as exc:
        return Outcome(record.row, "error", field=exc.field, message=exc.message)
    return checked(record.row, clean)


def checked(row: int, c: CleanContact) -> Checked:
    """``c`` flat, with its own search text (also for a contact merged after checking)."""
    phones: list[str] = []
    for p in c.phones:
        number = contact_points.remembered_number(p.e164) if p.e164 else None
        phones.extend(phone_keys(p.raw, p.e164, number))
    display = c.display_name
    return Checked(
        row,
        (
            c.given_name,
            c.middle_name,
            c.family_name,
            display,
            c.job_title,
            c.birthday_month,
            c.birthday_day,
            c.birthday_year,
            c.birthday_reminder_days,
            c.preferred_channel,
            c.interests,
            c.preferences,
            c.notes,
            c.stay_in_touch_days,
        ),
        c.organization,
        c.lead_source,
        c.status,
        tuple((e.label, e.address, e.normalized, i) for i, e in enumerate(c.emails)),
        tuple((p.label, p.raw, p.e164, i) for i, p in enumerate(c.phones)),
        tuple(
            (a.label, a.street, a.extended, a.city, a.region, a.postal_code, a.country, i)
            for i, a in enumerate(c.addresses)
        ),
        tuple((d.label, d.date.month, d.date.day, d.date.year) for d in c.dates),
        c.tags,
        sort_key(display),
        fold_join((display, c.given_name, c.middle_name, c.family_name, c.job_title)),
        fold_join(e.address for e in c.emails),
        " ".join(dict.fromkeys(phones)),
        fold_join((c.notes, c.interests, c.preferences)),
    )


def contact_of(item: Checked) -> CleanContact:
    """The :class:`CleanContact` that :func:`checked` flattened into ``item``."""
    return CleanContact(
        **dict(zip(CONTACT_COLUMNS, item.fields, strict=True)),
        organization=item.organization,
        lead_source=item.lead_source,
        status=item.status,
        emails=tuple(CleanEmail(a, n, label) for label, a, n, _ in item.emails),
        phones=tuple(CleanPhone(raw, e164, label) for label, raw, e164, _ in item.phones),
        addresses=tuple(
            Address(**dict(zip(_ADDRESS_PARTS, a[:-1], strict=True))) for a in item.addresses
        ),
        dates=tuple(ImportantDate(label, PartialDate(m, d, y)) for label, m, d, y in item.dates),
        tags=item.tags,
    )


# On ASCII, fold is lower(): checked here rather than assumed.
_ASCII_FOLD_SAFE = all(fold(chr(i)) == chr(i).lower() for i in range(128))
_folded: dict[str, str] = {}


def _fold_part(text: str) -> str:
    """``fold`` of one value, cached: names, organizations and tags repeat."""
    found = _folded.get(text)
    if found is None:
        found = text.lower() if _ASCII_FOLD_SAFE and text.isascii() else fold(text)
        if len(_folded) < 200_000:
            _folded[text] = found
    return found


def fold_join(parts: Iterable[str | None]) -> str:
    """The parts folded and joined by spaces, empty ones skipped.

    fold is per character apart from NFC, and nothing composes across a
    space, so folding the parts and joining them equals folding the joined text.
    """
    return " ".join(_fold_part(p) for p in parts if p)
