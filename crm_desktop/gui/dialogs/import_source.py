"""What the import wizard knows about its file: detection, a preview and the records.

Qt-free, so the worker thread runs it: :func:`analyze` decodes the bytes
(encoding and delimiter detected or overridden), reads the header and the
first rows and detects the format; :func:`build_records` turns the whole file
into :class:`~crm_desktop.importing.records.ImportRecord` values with the
preset layout or, once the user has changed the column mapping, as a generic
CSV with that mapping (as ``crm-desktop import --map`` does).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.importing import csv_sources
from crm_desktop.importing.csv_sources import Layout
from crm_desktop.importing.records import ImportRecord, RowProblem
from crm_desktop.importing.sniff import read_rows, sniff
from crm_desktop.services.dto import ContactInput

__all__ = [
    "PREVIEW_ROWS",
    "Analysis",
    "analyze",
    "build_records",
    "columns_of",
    "is_vcard",
    "mapping_key",
]

PREVIEW_ROWS = 20


@dataclass(frozen=True, slots=True)
class Analysis:
    """One reading of the file with the current choices."""

    path: Path
    data: bytes
    format: str  # google, outlook, contacts, csv or vcard
    detected_format: str
    encoding: str | None  # None for vCard
    delimiter: str | None
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the first PREVIEW_ROWS data rows
    text: str = ""
    mapping: tuple[str, ...] = ()  # the preset's field for each column ("ignore" if none)


def is_vcard(path: Path, data: bytes) -> bool:
    if path.suffix.lower() in (".vcf", ".vcard"):
        return True
    head = data[:256].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \r\n\t").upper()
    return head.startswith(b"BEGIN:VCARD") or head.replace(b"\x00", b"").startswith(b"BEGIN:VCARD")


def _vcard_preview(data: bytes) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    from crm_desktop.interchange.vcard_read import read_vcards

    header = ("Card", "Name", "E-mail", "Phone", "Organization")
    rows: list[tuple[str, ...]] = []
    for number, item in read_vcards(data):
        if len(rows) >= PREVIEW_ROWS:
            break
        if isinstance(item, ContactInput):
            name = item.display_name or " ".join(
                p for p in (item.given_name, item.family_name) if p
            )
            rows.append(
                (
                    str(number),
                    name,
                    item.emails[0].value if item.emails else "",
                    item.phones[0].value if item.phones else "",
                    item.organization or "",
                )
            )
        else:
            rows.append((str(number), str(getattr(item, "message", "")), "", "", ""))
    return header, tuple(rows)


def columns_of(layout: Layout) -> tuple[str, ...]:
    """The field each column of ``layout`` feeds ("ignore" where none)."""
    fields = ["ignore"] * len(layout.header)

    def put(column: int | None, name: str) -> None:
        if column is not None and 0 <= column < len(fields) and fields[column] == "ignore":
            fields[column] = name

    for name, cols in layout.scalars.items():
        for column in cols:
            put(column, name)
    for multi in layout.emails:
        put(multi.column, "email")
    for multi in layout.phones:
        put(multi.column, "phone")
    for address in layout.addresses:
        for part, column in address.parts.items():
            put(column, part if part in csv_sources.ADDRESS_PARTS else "street")
    put(layout.birthday, "birthday")
    for column in layout.tags:
        put(column, "tags")
    put(layout.cadence, "stay_in_touch_days")
    return tuple(fields)


def analyze(
    path: Path,
    data: bytes | None = None,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    file_format: str | None = None,
) -> Analysis:
    """Read ``path`` (or use ``data``) with the given overrides; None means detect.

    Raises UnicodeDecodeError or LookupError for an encoding that does not fit,
    OSError when the file cannot be read.
    """
    raw = path.read_bytes() if data is None else data
    if file_format == "vcard" or (file_format is None and is_vcard(path, raw)):
        card_header, cards = _vcard_preview(raw)
        return Analysis(path, raw, "vcard", "vcard", None, None, card_header, cards)
    sniffed = sniff(raw, encoding=encoding, delimiter=delimiter)
    reader = read_rows(sniffed.text, sniffed.delimiter)
    header = tuple(next(reader, []))
    rows: list[tuple[str, ...]] = []
    for row in reader:
        if len(rows) >= PREVIEW_ROWS:
            break
        if any(cell.strip() for cell in row):
            rows.append(tuple(row))
    detected = csv_sources.detect_format(header) if header else "csv"
    chosen = file_format or detected
    try:
        mapping = columns_of(csv_sources.layout_for(header, chosen))
    except csv_sources.UnknownFormatError:
        mapping = ("ignore",) * len(header)
    return Analysis(
        path,
        raw,
        chosen,
        detected,
        sniffed.encoding,
        sniffed.delimiter,
        header,
        tuple(rows),
        sniffed.text,
        mapping,
    )


def mapping_key(column: str) -> str | None:
    """The key ``csv_sources`` matches a column by (None for a nameless column)."""
    try:
        parsed = csv_sources.parse_map([f"{column}=ignore"])
    except ValueError:
        return None
    return next(iter(parsed), None)


def custom_mapping(header: Sequence[str], fields: Sequence[str]) -> dict[str, str]:
    """``{key: field}`` for :func:`csv_sources.layout_for`; the first column of a name wins."""
    mapping: dict[str, str] = {}
    for column, target in zip(header, fields, strict=False):
        key = mapping_key(column)
        if key is not None:
            mapping.setdefault(key, target)
    return mapping


def build_records(analysis: Analysis, fields: Sequence[str] | None = None) -> list[ImportRecord]:
    """Every record of the file; ``fields`` (one per column) reads it as a mapped CSV.

    Raises :class:`csv_sources.UnknownFormatError` when no column feeds a field.
    """
    if analysis.format == "vcard":
        from crm_desktop.interchange.vcard_read import read_vcards

        records: list[ImportRecord] = []
        for number, item in read_vcards(analysis.data):
            if isinstance(item, ContactInput):
                records.append(ImportRecord(number, "vcard", item))
            else:
                message = str(getattr(item, "message", "could not be read"))
                records.append(ImportRecord(number, "vcard", problem=RowProblem("Card", message)))
        return records
    assert analysis.delimiter is not None
    reader = read_rows(analysis.text, analysis.delimiter)
    header = next(reader, None)
    if header is None:
        return []
    if fields is not None and tuple(fields) != analysis.mapping:
        layout = csv_sources.layout_for(header, "csv", custom_mapping(header, fields))
    else:
        layout = csv_sources.layout_for(header, analysis.format)
    return list(csv_sources.records(layout, reader))


def mapped(fields: Sequence[str], analysis: Analysis) -> bool:
    """Whether ``fields`` differs from the preset (the file is then read as a mapped CSV)."""
    return tuple(fields) != analysis.mapping
