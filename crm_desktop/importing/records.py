"""What every import source produces: one frozen :class:`ImportRecord` per row or card.

A CSV reader (:mod:`crm_desktop.importing.csv_sources`) or a vCard parser
turns its input into these; :func:`crm_desktop.importing.importer.run_import`
validates, matches duplicates and writes them without knowing the source.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from crm_desktop.services.dto import ContactInput

__all__ = ["ImportRecord", "RowProblem", "paused_gc"]


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a row cannot be imported: a field label and plain words, never the value."""

    field: str
    message: str


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """One contact to import, or the reason the source could not read it.

    ``row`` is where a person finds it: the spreadsheet row (the header is
    row 1) or the card number in a .vcf. ``source`` names the reader
    ("google", "outlook", "contacts", "csv", "vcard").
    """

    row: int
    source: str
    contact: ContactInput | None = None
    problem: RowProblem | None = None


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off for a bulk step, back on (if it was) after.

    Reading and importing allocate millions of small objects that are never in cycles;
    with 100,000 records alive, each full collection walks all of them, and
    CPython runs one every few ten thousand allocations: ~40% of the check
    time at 100k rows. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
