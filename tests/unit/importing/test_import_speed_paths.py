"""The import's speed paths give exactly the results of the plain ones.

The worker pool, the paused garbage collector, the remembered phone numbers
and the fast paths of ``clean_text`` and ``fold`` are each checked against
the path they replace.
"""

from __future__ import annotations

import csv
import gc
import io
import pickle
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import phonenumbers
import pytest
from support import factories

from benchmarks.import_bench import write_google_csv
from crm_desktop.domain import contact_points, text
from crm_desktop.domain.dates import PartialDate
from crm_desktop.domain.errors import ValidationError
from crm_desktop.importing import checking, csv_sources, importer, records
from crm_desktop.importing.importer import run_import
from crm_desktop.importing.records import ImportRecord
from crm_desktop.importing.sniff import read_rows
from crm_desktop.services.contact_clean import clean_contact
from crm_desktop.services.dto import Address, ImportantDate
from crm_desktop.storage import search_index
from crm_desktop.storage.database import Database, open_database
from tests.unit.importing.test_import_importer import counts, fts_dump, records_of

db_path, db, clock = factories.db_path, factories.db, factories.clock
template_db = factories.template_db


def _google_rows_with_problems(tmp_path: Path, rows: int) -> str:
    """A generated Google file (~1% repeats) with bad e-mails, phones and names mixed in."""
    path = tmp_path / "google.csv"
    write_google_csv(path, rows, seed=11, repeats=0.03)
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rng = random.Random(5)
    for row in table[1:]:
        roll = rng.random()
        if roll < 0.02:
            row[10] = "no-at-sign.example.com"
        elif roll < 0.04:
            row[14] = "call me maybe"
        elif roll < 0.05:
            row[0] = "Bad\u202eName"
        elif roll < 0.06:
            row[0] = row[2] = row[4] = row[10] = row[12] = ""  # nothing to name it by
        elif roll < 0.07:
            row[7] = "line one\r\nline two\u2028three"  # notes may be multiline
    out = io.StringIO()
    csv.writer(out).writerows(table)
    return out.getvalue()


def _dump(db: Database) -> tuple[object, ...]:
    with db.read_raw() as conn:
        tables = {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("contact", "contact_email", "contact_phone", "contact_tag", "tag")
        }
    return counts(db), tables, fts_dump(db)


def _counting_submits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Rows per task handed to the worker pool, as the pool receives them."""
    used: list[int] = []
    real_submit = checking.ProcessPoolExecutor.submit

    def counting_submit(self, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        kind, payload = args[0]
        used.append(len(payload[1]) if kind == "csv" else len(payload))
        return real_submit(self, fn, *args, **kwargs)

    monkeypatch.setattr(checking.ProcessPoolExecutor, "submit", counting_submit)
    return used


def test_pool_and_serial_checks_give_identical_outcomes_and_rows(
    tmp_path: Path, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _google_rows_with_problems(tmp_path, 2000)
    records = records_of(content)
    serial = run_import(
        db, records, phone_region="DE", now=factories.NOW, chunk_size=300, pool=False
    )
    serial_rows = _dump(db)
    assert serial.count("error") > 50 and serial.count("duplicate") > 20  # the file tests both

    rows = read_rows(content, ",")
    source = importer.CsvRows(csv_sources.layout_for(next(rows), "auto"), list(rows))
    used = _counting_submits(monkeypatch)
    for n, pooled_source in enumerate((records, source)):
        other = open_database(tmp_path / f"pooled-{n}.sqlite3")
        try:
            # several batches in flight: results must still come back in file order
            pooled = run_import(
                other,
                pooled_source,
                phone_region="DE",
                now=factories.NOW,
                chunk_size=300,
                pool=True,
            )
            # the pool really ran (the first batch is checked here while it starts)
            assert sum(used) == 2000 - 300 and len(used) > 5
            used.clear()
            assert pooled.outcomes == serial.outcomes
            assert _dump(other) == serial_rows
            for on_duplicate in ("merge", "create"):
                assert (
                    run_import(
                        other,
                        pooled_source,
                        on_duplicate=on_duplicate,
                        dry_run=True,
                        pool=True,
                        chunk_size=300,
                    ).outcomes
                    == run_import(
                        other, records, on_duplicate=on_duplicate, dry_run=True, pool=False
                    ).outcomes
                )
                used.clear()
        finally:
            other.close()


def test_a_flat_checked_row_gives_back_the_clean_contact(tmp_path: Path) -> None:
    """Checked rows travel flat; a merge rebuilds the contact from them, field for field."""
    records = records_of(_google_rows_with_problems(tmp_path, 600))
    seen = 0
    for record in records:
        if record.contact is None:
            continue
        try:
            clean = clean_contact(record.contact, phone_region="DE")
        except ValidationError:
            continue
        extra = replace(
            clean,
            addresses=(Address("Home", "Main St 1", None, "Berlin", None, "10115", "Germany"),),
            dates=(ImportantDate("Anniversary", PartialDate(2, 29)),),
            birthday_reminder_days="7,0",
            stay_in_touch_days=30,
        )
        for contact in (clean, extra):
            item = checking.checked(record.row, contact)
            assert checking.contact_of(item) == contact
            assert pickle.loads(pickle.dumps(item)) == item
        seen += 1
    assert seen > 500


def test_only_large_files_start_a_pool_by_default(
    tmp_path: Path, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started for a small file")

    monkeypatch.setattr(checking, "_workers", lambda: 2)
    with monkeypatch.context() as patch:
        patch.setattr(checking, "ProcessPoolExecutor", no_pool)
        records = records_of(_google_rows_with_problems(tmp_path, checking.POOL_MIN_ROWS - 1))
        assert run_import(db, records, phone_region="DE").count("created") > 0
        assert run_import(db, records[:50], phone_region="DE").count("duplicate") > 0
    monkeypatch.setattr(checking, "POOL_MIN_ROWS", 1000)
    used = _counting_submits(monkeypatch)
    result = run_import(db, records[:1500], phone_region="DE", dry_run=True, chunk_size=500)
    assert result.count("error") > 0
    assert used  # 1,500 rows >= the (lowered) threshold: the pool ran


def records_of_lazily(content: str) -> Iterator[ImportRecord]:
    rows = read_rows(content, ",")
    return csv_sources.records(csv_sources.layout_for(next(rows), "auto"), rows)


def test_batched_reading_gives_every_row_once_in_order() -> None:
    content = "First Name,Last Name\n" + "".join(
        f"P{i},F{i}\n" if i % 7 else "\n" for i in range(1, 3500)
    )
    got = list(records_of_lazily(content))
    assert [r.row for r in got] == [i + 1 for i in range(1, 3500) if i % 7]
    assert all(r.contact and r.contact.given_name == f"P{r.row - 1}" for r in got)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_left_as_it_was(db: Database, enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        run_import(db, records_of("First Name,Last Name\nAnna,Berg\n"))
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), records.paused_gc():
            assert not gc.isenabled()
            raise RuntimeError
        assert gc.isenabled() is enabled
        header = "First Name,Last Name\n"
        reading = records_of_lazily(header + "Anna,Berg\n" * 2500)
        next(reading)
        assert gc.isenabled() is enabled  # never paused across a yield
        assert sum(1 for _ in reading) == 2499
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


# -- the remembered phone numbers --------------------------------------------------


def test_search_keys_from_the_remembered_number_equal_a_fresh_parse(tmp_path: Path) -> None:
    path = tmp_path / "google.csv"
    write_google_csv(path, 3000, seed=3)
    typed = [
        value
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
        for value in row[14].split(" ::: ")
        if value and value[0] in "+0123456789"
    ]
    typed += ["06 6982 1234", "0039 06 1234 5678", "+39 333 123 4567", "(201) 555-0123 x12"]
    typed += ["030 1234567", "0171 2345678", "+1 212 555 0199", "+44 20 7946 0958", "112"]
    checked = 0
    for region in ("DE", "IT", "US", None):
        with contact_points.remembering_numbers():
            for raw in typed:
                try:
                    phone = contact_points.parse_phone(raw, default_region=region)
                except ValidationError:
                    continue
                if phone.e164 is None:
                    continue
                number = contact_points.remembered_number(phone.e164)
                assert number is not None
                assert search_index.phone_keys(
                    phone.raw, phone.e164, number
                ) == search_index.phone_keys(phone.raw, phone.e164)
                checked += 1
        assert contact_points.remembered_number(phone.e164 or "") is None  # forgotten after
    assert checked > 3000


def test_numbers_are_remembered_only_inside_the_block() -> None:
    phone = contact_points.parse_phone("+49 30 1234567")
    assert phone.e164 is not None
    assert contact_points.remembered_number(phone.e164) is None
    with contact_points.remembering_numbers():
        contact_points.parse_phone("+49 30 1234567")
        found = contact_points.remembered_number(phone.e164)
        assert isinstance(found, phonenumbers.PhoneNumber)
        with contact_points.remembering_numbers():  # nested: the same memory
            assert contact_points.remembered_number(phone.e164) is found
        assert contact_points.remembered_number(phone.e164) is found
    assert contact_points.remembered_number(phone.e164) is None


# -- clean_text and fold fast paths --------------------------------------------------


def _reference_fold(value: str) -> str:
    def strip(s: str) -> str:
        return "".join(
            ch for ch in unicodedata.normalize("NFD", s) if not unicodedata.combining(ch)
        )

    folded = strip(strip(value).casefold()).translate(text._UNDECOMPOSABLE)
    return unicodedata.normalize("NFC", folded)


def _reference_clean(value: str, *, multiline: bool, max_length: int) -> str | ValidationError:
    """clean_text as it was before the isprintable fast path."""
    if not value.strip():
        return ValidationError("F", "is required")
    out = unicodedata.normalize("NFC", value).strip()
    if multiline:
        out = out.replace("\r\n", "\n").replace("\r", "\n")
        for brk in text._LINE_BREAKS:
            out = out.replace(brk, "\n")
    for ch in out:
        if multiline and ch in "\n\t":
            continue
        if ch in "\n\r\t" or ch in text._LINE_BREAKS:
            return ValidationError("F", "must be a single line")
        category = unicodedata.category(ch)
        if category == "Cc" or ch in text._BIDI_CONTROLS:
            return ValidationError("F", "contains a control character that cannot be saved")
        if category == "Cs":
            return ValidationError("F", "contains a broken character that cannot be saved")
    if len(out) > max_length:
        return ValidationError("F", f"is too long ({len(out)} characters; at most {max_length})")
    return out


def _corpus() -> list[str]:
    from crm_desktop.services import demo_vocab as vocab

    words = [
        w
        for loc, _ in vocab.LOCALES
        for w in (*loc.given_f, *loc.given_m, *loc.family, *loc.org_roots, *loc.cities)
    ]
    special = [
        *(chr(c) for c in range(0x00, 0x250)),
        *"\u0660\u0969\uff11\u00b2\u2460",
        *"\u0301\u0308\u0345\u01f0\u1e96\u0130\u03a3\u03c2\u00df\ufb01\u212a\u2126",
        *"\u202a\u202e\u2066\u2069\u200b\u200e\u00ad\ufeff\u2028\u2029\u0085\u3000",
        "\ud800",
        "\udfff",
        "\U0001f600",
        "\U000e0001",
        "\uac00",
        "\u1100\u1161",
        " ",
        "\t",
        "\r\n",
    ]
    rng = random.Random(9)
    pool = words + special
    corpus = words + special
    for _ in range(20_000):
        corpus.append("".join(rng.choice(pool) for _ in range(rng.randint(1, 5))))
        corpus.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))))
    return corpus


def test_fold_and_digits_fast_paths_equal_the_full_versions() -> None:
    for value in _corpus():
        assert text.digits(value) == "".join(
            str(unicodedata.decimal(ch)) for ch in value if ch.isdecimal()
        ), repr(value)
        assert text.fold(value) == _reference_fold(value), repr(value)
        assert text.fold(value) == _reference_fold(value), repr(value)  # cached, same
    assert text.sort_key("  Ǆemal  ÖZ ") == "ǆemal oz"


@pytest.mark.parametrize("multiline", [False, True])
def test_clean_text_fast_path_equals_the_full_check(multiline: bool) -> None:
    for value in _corpus():
        want = _reference_clean(value, multiline=multiline, max_length=8)
        try:
            got: str | ValidationError = text.clean_text(
                value, field="F", max_length=8, multiline=multiline, required=True
            )
        except ValidationError as exc:
            got = exc
        if isinstance(want, ValidationError):
            assert isinstance(got, ValidationError), repr(value)
            assert (got.field, got.message) == (want.field, want.message), repr(value)
        else:
            assert got == want, repr(value)


def test_checking_workers_load_no_database_layer() -> None:
    """A worker imports only ``checking``: SQLAlchemy would add ~0.6 s to each start."""
    import subprocess
    import sys

    code = (
        "import sys, crm_desktop.importing.checking;"
        " print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
