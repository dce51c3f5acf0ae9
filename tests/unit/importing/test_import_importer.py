"""run_import: per-row errors, duplicates, idempotence, merge, atomicity, our own round trip."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support import factories
from support.factories import NOW, FixedClock

from crm_desktop.domain.dates import PartialDate
from crm_desktop.importing import csv_sources
from crm_desktop.importing.importer import ImportResult, run_import
from crm_desktop.importing.records import ImportRecord
from crm_desktop.importing.sniff import read_rows, sniff
from crm_desktop.reports.period import ReportParams
from crm_desktop.reports.registry import open_report
from crm_desktop.reports.writer import CsvOptions, write_csv
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import Address, ImportantDate, LabeledValue
from crm_desktop.storage.database import Database, open_database

db_path, db, clock, make_contact = (
    factories.db_path,
    factories.db,
    factories.clock,
    factories.make_contact,
)
template_db = factories.template_db

HEADER = "First Name,Last Name,Organization Name,E-mail 1 - Value,Phone 1 - Value,Labels\n"


def records_of(text: str) -> list[ImportRecord]:
    found = sniff(text.encode())
    rows = read_rows(found.text, found.delimiter)
    layout = csv_sources.layout_for(next(rows), "auto")
    return list(csv_sources.records(layout, rows))


def counts(db: Database) -> tuple[int, ...]:
    with db.read_raw() as conn:
        return tuple(
            int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
            for t in (
                "contact",
                "contact_email",
                "contact_phone",
                "contact_tag",
                "tag",
                "organization",
                "contact_fts",
            )
        )


def fts_dump(db: Database) -> list[tuple[object, ...]]:
    with db.read_raw() as conn:
        return conn.execute("SELECT rowid, * FROM contact_fts ORDER BY rowid").fetchall()


def google(n: int, start: int = 0) -> str:
    lines = [
        f"Person{i},Test,Firm{i % 7},p{i}@example.com,+49 30 {2000000 + i},"
        f"* myContacts ::: T{i % 3}"
        for i in range(start, start + n)
    ]
    return HEADER + "\n".join(lines) + "\n"


def test_per_row_errors_name_the_row_and_field_never_the_value(db: Database) -> None:
    text = HEADER + "Anna,Berg,,anna@example.com,,\nBen,Cole,,not-an-email,,\n,,,,,\n Eve,,,,,\n"
    result = run_import(db, records_of(text))
    assert [(o.row, o.action) for o in result.outcomes] == [
        (2, "created"),
        (3, "error"),
        (5, "created"),
    ]
    error = result.outcomes[1]
    assert error.field == "E-mail" and "not-an-email" not in (error.message or "")
    assert counts(db)[0] == 2


def test_duplicates_within_the_file_and_against_the_database(
    db: Database, make_contact: factories.Factory
) -> None:
    known = make_contact(
        given_name="Kim", family_name="Lee", emails=[LabeledValue("kim@example.com")]
    )
    text = HEADER + (
        "Anna,Berg,,anna@example.com,,\n"
        "Anna B.,Berg,,ANNA@example.com,,\n"  # same e-mail, other case: row 2
        "Carl,Dahl,,,+49 30 5550001,\n"
        "Carl,D,,,0049 30 5550001,\n"  # same E.164 phone: row 4
        "Dora,Ek,Acme,,,\n"
        "dora,ek,ACME,,,\n"  # same folded name + organization: row 6
        "Kimberly,Lee,,kim@example.com,,\n"  # the database contact
    )
    result = run_import(db, records_of(text), phone_region="DE")
    got = [
        (o.action, o.duplicate_of_row, o.contact_id if o.action == "duplicate" else None)
        for o in result.outcomes
    ]
    assert got == [
        ("created", None, None),
        ("duplicate", 2, None),
        ("created", None, None),
        ("duplicate", 4, None),
        ("created", None, None),
        ("duplicate", 6, None),
        ("duplicate", None, known),
    ]


def test_importing_the_same_file_twice_creates_nothing_new(db: Database) -> None:
    text = google(30)
    first = run_import(db, records_of(text), phone_region="DE")
    assert first.summary["created"] == 30
    before = counts(db), fts_dump(db)
    second = run_import(db, records_of(text), phone_region="DE")
    assert second.summary == {"rows": 30, "created": 0, "merged": 0, "duplicates": 30, "errors": 0}
    assert (counts(db), fts_dump(db)) == before
    forced = run_import(db, records_of(google(2)), on_duplicate="create", phone_region="DE")
    assert forced.summary["created"] == 2


def test_merge_fills_empty_fields_and_adds_new_values(
    db: Database, make_contact: factories.Factory
) -> None:
    cid = make_contact(
        given_name="Anna",
        family_name="Berg",
        emails=[LabeledValue("anna@example.com")],
        notes="Keep",
        tags=["old"],
    )
    text = (
        "First Name,Last Name,Organization Name,Notes,Birthday,E-mail 1 - Value,"
        "Phone 1 - Value,Labels\n"
        "Anna,Berg,Acme,Other notes,--02-29,anna@example.com ::: anna@acme.example,"
        "+49 30 1234567,New\n"
    )
    result = run_import(db, records_of(text), on_duplicate="merge", phone_region="DE")
    assert [(o.action, o.contact_id) for o in result.outcomes] == [("merged", cid)]
    detail = ContactService(db).get(cid)
    assert detail.notes == "Keep"  # filled only when empty
    assert detail.organization == "Acme"
    assert detail.birthday == PartialDate(2, 29)
    assert [e.address for e in detail.emails] == ["anna@example.com", "anna@acme.example"]
    assert [p.raw for p in detail.phones] == ["+49 30 1234567"]
    assert sorted(detail.tags) == ["New", "old"]
    assert counts(db)[0] == 1
    with db.read_raw() as conn:
        (email,) = conn.execute("SELECT email FROM contact_fts WHERE rowid = ?", (cid,)).fetchone()
    assert "acme.example" in email


def test_a_failure_at_row_50_leaves_the_database_and_index_unchanged(
    db: Database, make_contact: factories.Factory
) -> None:
    make_contact(given_name="Existing", tags=["x"], emails=[LabeledValue("e@example.com")])
    before = counts(db), fts_dump(db)

    def fail_at_50(row: int) -> None:
        if row == 50:
            raise RuntimeError("injected")

    with pytest.raises(RuntimeError, match="injected"):
        run_import(
            db, records_of(google(100)), phone_region="DE", before_write=fail_at_50, chunk_size=10
        )
    assert (counts(db), fts_dump(db)) == before
    with pytest.raises(KeyboardInterrupt):
        run_import(
            db,
            records_of(google(100)),
            phone_region="DE",
            before_write=lambda row: (
                (_ for _ in ()).throw(KeyboardInterrupt) if row == 60 else None
            ),
            chunk_size=10,
        )
    assert (counts(db), fts_dump(db)) == before


def test_dry_run_writes_nothing_and_reports_row_by_row(db: Database) -> None:
    before = counts(db)
    result: ImportResult = run_import(db, records_of(google(3) + "Zed,,,bad@,,\n"), dry_run=True)
    assert [o.action for o in result.outcomes] == ["created", "created", "created", "error"]
    assert result.dry_run and counts(db) == before


def test_our_contacts_export_round_trips_into_an_empty_database(
    db: Database, make_contact: factories.Factory, clock: FixedClock, tmp_path: Path
) -> None:
    make_contact(
        given_name="Anna",
        middle_name="Maria",
        family_name="Alpha",
        organization="Acme",
        job_title="Buyer",
        emails=[LabeledValue("anna@acme.example", "work"), LabeledValue("anna@home.example")],
        phones=[LabeledValue("+49 30 123", "mobile"), LabeledValue("-030 555 1234", "fax")],
        addresses=[
            Address(
                label="work",
                street="Main St 1",
                postal_code="10115",
                city="Berlin",
                region="BE",
                country="DE",
            )
        ],
        birthday=PartialDate(3, 1),
        dates=[ImportantDate("Anniversary", PartialDate(6, 2, 2015))],
        tags=["vip", "beta"],
        lead_source="Fair",
        status="customer",
        preferred_channel="email",
        stay_in_touch_days=30,
        notes='=HYPERLINK("http://x")\nsecond line',
        interests="-tea",
        preferences="@home",
    )
    make_contact(
        display_name="Bob the Builder", given_name="Bob", birthday=PartialDate(2, 29, 1988)
    )
    out = tmp_path / "contacts.csv"
    with open_report(db, "contacts", ReportParams(ZoneInfo("Europe/Berlin"), NOW)) as table:
        write_csv(table, out, CsvOptions(",", "utf-8-sig", False))
    target = open_database(tmp_path / "empty.sqlite3")
    try:
        found = sniff(out.read_bytes())
        rows = read_rows(found.text, found.delimiter)
        layout = csv_sources.layout_for(next(rows), "auto")
        assert layout.source == "contacts"
        result = run_import(target, list(csv_sources.records(layout, rows)))
        assert result.summary["created"] == 2
        source, copy = ContactService(db), ContactService(target)
        originals = {d.display_name: d for d in (source.get(i) for i in (1, 2))}
        for o in result.outcomes:
            assert o.contact_id is not None
            imported = copy.get(o.contact_id)
            assert imported.to_input() == originals[imported.display_name].to_input()
    finally:
        target.close()
