"""Formula neutralization, in Python and in SQL, and how cells are written."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from crm_desktop.reports.csv_safety import needs_quote, neutralize, sql_text
from crm_desktop.reports.writer import CsvOptions, Table, cook, write_csv

DANGEROUS = [
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\tplain after a tab",
    "\rcarriage",
    "  =1+1",
    " \t@SUM(1)",
    '\n=HYPERLINK("x")',
    "\u00a0-1",
    "＝1+1",  # full-width equals sign
    "+49 30 123",
    "--03-01",
]
HARMLESS = ["Anna", "", "a=b", "1+1", "'=already quoted", " Anna", "x\t=1", "€100", "#1"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_dangerous_cells_get_a_quote_prefix(text: str) -> None:
    assert needs_quote(text)
    assert neutralize(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_cells_are_untouched(text: str) -> None:
    assert neutralize(text) == text


def test_sql_and_python_agree_on_every_vector() -> None:
    conn = sqlite3.connect(":memory:")
    values = [*DANGEROUS, *HARMLESS, None]
    conn.execute("CREATE TABLE t (n INTEGER, x TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", enumerate(values))
    got = [r[0] for r in conn.execute(f"SELECT {sql_text('x')} FROM t ORDER BY n")]
    assert got == [None if v is None else neutralize(v) for v in values]
    raw = [r[0] for r in conn.execute(f"SELECT {sql_text('x', safe=False)} FROM t ORDER BY n")]
    assert raw == values


def test_numbers_stay_numbers_and_dates_are_iso() -> None:
    safe = CsvOptions()
    assert cook(-12, safe) == -12
    assert cook(Decimal("-12.50"), safe) == "-12.50"
    assert cook(Decimal("-12.50"), CsvOptions(delimiter=";")) == "-12,50"
    assert cook(Decimal("-12.50"), CsvOptions(delimiter=";", raw=True)) == "-12.50"
    assert cook(date(2028, 2, 29), safe) == "2028-02-29"
    assert cook(datetime(2026, 3, 29, 9, 5), safe) == "2026-03-29T09:05:00"
    assert cook(None, safe) == ""
    assert cook("=1+1", CsvOptions(raw=True)) == "=1+1"


def _write(tmp_path: Path, options: CsvOptions, rows: list[tuple[object, ...]]) -> bytes:
    target = tmp_path / "out.csv"
    write_csv(Table(("text", "number"), [rows]), target, options)
    return target.read_bytes()


def test_bom_by_default_and_plain_utf8_on_request(tmp_path: Path) -> None:
    rows: list[tuple[object, ...]] = [("Ελένη", 1)]
    assert _write(tmp_path, CsvOptions(), rows) == "\ufefftext,number\r\nΕλένη,1\r\n".encode()
    plain = _write(tmp_path, CsvOptions(encoding="utf-8"), rows)
    assert plain == "text,number\r\nΕλένη,1\r\n".encode()


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_each_delimiter_round_trips_with_rfc4180_quoting(tmp_path: Path, delimiter: str) -> None:
    tricky = 'He said "hi", then; left\r\nnext line\tend'
    rows: list[tuple[object, ...]] = [(tricky, -3), ("=1+1", Decimal("2.50"))]
    data = _write(tmp_path, CsvOptions(delimiter=delimiter, encoding="utf-8"), rows)
    text = data.decode()
    assert text.startswith(f"text{delimiter}number\r\n")
    back = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    number = "2,50" if delimiter == ";" else "2.50"
    assert back[1:] == [[tricky, "-3"], ["'=1+1", number]]
    assert f"{delimiter}-3\r\n" in text  # a negative number is written bare, not quoted


def test_raw_writes_values_untouched(tmp_path: Path) -> None:
    rows: list[tuple[object, ...]] = [("=1+1", Decimal("1.5")), ("+49 30 123", -2)]
    text = _write(tmp_path, CsvOptions(raw=True, encoding="utf-8", delimiter=";"), rows).decode()
    assert text == "text;number\r\n=1+1;1.5\r\n+49 30 123;-2\r\n"


def test_an_interrupted_export_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("the previous, complete report")

    def batches() -> object:
        yield [("a", 1)]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_csv(Table(("text", "number"), batches()), target, CsvOptions())  # type: ignore[arg-type]
    assert target.read_text() == "the previous, complete report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_progress_reports_rows_written(tmp_path: Path) -> None:
    seen: list[int] = []
    table = Table(("n",), [[(1,), (2,)], [(3,)]], cooked=True)
    assert write_csv(table, tmp_path / "n.csv", CsvOptions(), progress=seen.append) == 3
    assert seen == [2, 3]
