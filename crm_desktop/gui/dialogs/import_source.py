"""What the import wizard knows about its file: detection, a preview and the records.

Qt-free, so the worker thread runs it: :func:`analyze` decodes the bytes
(encoding and delimiter detected or overridden), reads the header and the
first rows and detects the format; :func:`build_records` turns the whole file
into :class:`~crm_desktop.importing.records.ImportRecord` values with the
preset layout and the user's per-column overrides on top (as
``crm-desktop import --map`` does): the columns the user did not touch keep
the preset's handling.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.importing import csv_sources
from crm_desktop.importing.checking import Source
from crm_desktop.importing.csv_sources import Layout
from crm_desktop.importing.sniff import read_rows, sniff
from crm_desktop.importing.sources import csv_rows, vcard_records
from crm_desktop.services.dto import ContactInput

__all__ = [
    "PREVIEW_ROWS",
    "ROLES",
    "Analysis",
    "Effective",
    "analyze",
    "build_records",
    "columns_of",
    "effective_fields",
    "is_vcard",
]

PREVIEW_ROWS = 20

#: What a preset can make of a column beyond the fields a user may choose
#: (:data:`csv_sources.FIELDS`): the label of an e-mail, phone or address in
#: another column, an anniversary, our report's whole addresses and dates.
ROLES = ("email_label", "phone_label", "address_label", "anniversary", "address", "dates")


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
    mapping: tuple[str, ...] = ()  # the preset's role of each column ("ignore" if none)


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
    """The role of each column of ``layout``: a field of :data:`csv_sources.FIELDS`, one
    of :data:`ROLES`, or "ignore" where the column feeds nothing."""
    fields = ["ignore"] * len(layout.header)

    def put(column: int | None, name: str) -> None:
        if column is not None and 0 <= column < len(fields) and fields[column] == "ignore":
            fields[column] = name

    for name, cols in layout.scalars.items():
        for column in cols:
            put(column, name)
    for kind, multis in (("email", layout.emails), ("phone", layout.phones)):
        for multi in multis:
            put(multi.column, kind)
            put(multi.label_column, f"{kind}_label")
    put(layout.email_labels, "email_label")
    put(layout.phone_labels, "phone_label")
    for address in layout.addresses:
        for part, column in address.parts.items():
            put(column, part if part in csv_sources.ADDRESS_PARTS else "address")
        put(address.label_column, "address_label")
    put(layout.birthday, "birthday")
    for column, _label in layout.dates:
        put(column, "anniversary")
    put(layout.dates_column, "dates")
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


@dataclass(frozen=True, slots=True)
class Effective:
    """What each column becomes with the user's overrides on the preset."""

    fields: tuple[str, ...]  # a field, a role of ROLES, or "ignore", per column
    usable: bool  # some column feeds a name, e-mail, phone or other contact field


def effective_fields(analysis: Analysis, overrides: Mapping[int, str]) -> Effective:
    """The columns' roles with ``overrides`` ({column: field}) on the preset."""
    if analysis.format == "vcard":
        return Effective((), True)
    header, chosen = analysis.header, analysis.format
    try:
        return Effective(columns_of(csv_sources.layout_for(header, chosen, overrides)), True)
    except csv_sources.UnknownFormatError:  # the import would refuse it, as it says
        layout = csv_sources.layout_for(header, chosen, overrides, strict=False)
        return Effective(columns_of(layout), False)


def build_records(analysis: Analysis, overrides: Mapping[int, str] | None = None) -> Source:
    """Every record of the file: the preset layout with ``overrides`` ({column: field}).

    A CSV file is returned as its rows and layout: the importer maps them
    where it checks them (in worker processes for a large file).

    Raises :class:`csv_sources.UnknownFormatError` when no column feeds a field.
    """
    if analysis.format == "vcard":
        return vcard_records(analysis.data)
    assert analysis.delimiter is not None
    found = csv_rows(analysis.text, analysis.delimiter, analysis.format, overrides)
    return [] if found is None else found[1]
