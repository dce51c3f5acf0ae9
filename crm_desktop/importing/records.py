"""What every import source produces: one frozen :class:`ImportRecord` per row or card.

A CSV reader (:mod:`crm_desktop.importing.csv_sources`) or a vCard parser
turns its input into these; :func:`crm_desktop.importing.importer.run_import`
validates, matches duplicates and writes them without knowing the source.
"""

from __future__ import annotations

from dataclasses import dataclass

from crm_desktop.services.dto import ContactInput

__all__ = ["ImportRecord", "RowProblem"]


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
