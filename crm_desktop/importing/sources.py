"""A file's bytes or text as an import source: vCard cards as records, CSV as rows + layout.

Shared by the command line and the import wizard, so both read a file the
same way.
"""

from __future__ import annotations

from collections.abc import Mapping

from crm_desktop.importing import csv_sources
from crm_desktop.importing.checking import CsvRows
from crm_desktop.importing.records import ImportRecord, RowProblem
from crm_desktop.importing.sniff import read_rows
from crm_desktop.services.dto import ContactInput

__all__ = ["csv_rows", "vcard_records"]


def vcard_records(data: bytes) -> list[ImportRecord]:
    """Every card of a .vcf file: a record, or its problem (the message names no value)."""
    from crm_desktop.interchange.vcard_read import read_vcards

    return [
        ImportRecord(number, "vcard", item)
        if isinstance(item, ContactInput)
        else ImportRecord(number, "vcard", problem=RowProblem("Card", item.message))
        for number, item in read_vcards(data)
    ]


def csv_rows(
    text: str,
    delimiter: str,
    fmt: str,
    overrides: Mapping[int, str] | Mapping[str, str] | None = None,
) -> tuple[list[str], CsvRows] | None:
    """(header, rows with the layout of ``fmt`` plus ``overrides``); None for an empty file.

    Raises :class:`csv_sources.UnknownFormatError` when no column feeds a field.
    """
    rows = read_rows(text, delimiter)
    header = next(rows, None)
    if header is None:
        return None
    return header, CsvRows(csv_sources.layout_for(header, fmt, overrides), list(rows))
