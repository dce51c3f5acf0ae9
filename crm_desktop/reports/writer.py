"""Writing a report table to a CSV file: RFC 4180, atomically, with progress.

Why a ``.partial`` file renamed at the end: an interrupted export (Ctrl+C,
a full disk) must never leave a file that looks complete but is not.

Why "cooked" tables: the large reports (interactions, contacts) format and
neutralize every cell in SQL, so their rows go from the sqlite3 cursor to
``csv.writer.writerows`` without a Python loop per row; the small reports
build Python values and :func:`cook` turns them into cells here.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from crm_desktop.reports.csv_safety import neutralize

__all__ = ["DELIMITERS", "ENCODINGS", "CsvOptions", "Table", "cook", "write_csv"]

DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\t": "\t"}
ENCODINGS = ("utf-8-sig", "utf-8")
Row = Sequence[object]
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class CsvOptions:
    """How the file is written.

    ``utf-8-sig`` (UTF-8 with a BOM) is the default because Excel reads
    BOM-less UTF-8 in the ANSI code page. With ``;`` (the separator Excel
    uses in comma-decimal locales) decimals are written with a decimal
    comma so that such an Excel reads them as numbers. ``raw`` writes
    values untouched (no quote prefix, decimal point) for programs.
    """

    delimiter: str = ","
    encoding: str = "utf-8-sig"
    raw: bool = False

    @property
    def decimal_comma(self) -> bool:
        return self.delimiter == ";" and not self.raw


@dataclass(frozen=True, slots=True)
class Table:
    """A report's header and its rows, in batches (one cursor ``fetchmany`` each)."""

    header: tuple[str, ...]
    batches: Iterable[Sequence[Row]]
    cooked: bool = False  # cells are final: formatted and neutralized in SQL


def cook(value: object, options: CsvOptions) -> object:
    """One Python value as a CSV cell: ISO dates, numbers as numbers, safe text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value if options.raw else neutralize(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal | float):
        text = str(value)
        return text.replace(".", ",") if options.decimal_comma else text
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return cook(str(value), options)


def write_csv(
    table: Table, path: Path, options: CsvOptions, *, progress: Progress | None = None
) -> int:
    """Write ``table`` to ``path`` (replaced only when complete); return the row count."""
    partial = path.with_name(path.name + ".partial")
    written = 0
    try:
        with open(partial, "w", newline="", encoding=options.encoding, buffering=1 << 20) as f:
            out = csv.writer(f, delimiter=options.delimiter, lineterminator="\r\n")
            out.writerow(table.header)
            for batch in table.batches:
                if table.cooked:
                    out.writerows(batch)
                else:
                    out.writerows([[cook(v, options) for v in row] for row in batch])
                written += len(batch)
                if progress is not None:
                    progress(written)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return written
