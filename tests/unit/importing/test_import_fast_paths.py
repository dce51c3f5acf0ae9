"""Fast paths give the same results: FTS rows built from the records, the e-mail
domain cache, and the name rule (name + organization, or bare names only)."""

from __future__ import annotations

from pathlib import Path

import email_validator
import pytest
from support import factories

from benchmarks.import_bench import write_google_csv
from crm_desktop.domain import contact_points
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.text import EMAIL_MAX
from crm_desktop.importing.importer import run_import
from crm_desktop.services.dto import LabeledValue
from crm_desktop.storage import search_index
from crm_desktop.storage.database import Database
from tests.unit.importing.test_import_importer import HEADER, counts, fts_dump, records_of

db_path, db, clock, make_contact = (
    factories.db_path,
    factories.db,
    factories.clock,
    factories.make_contact,
)
template_db = factories.template_db


def test_imported_index_rows_equal_a_rebuild_from_the_tables(
    db: Database, make_contact: factories.Factory, tmp_path: Path
) -> None:
    make_contact(given_name="Old", organization="ACME GmbH", tags=["vip"])
    path = tmp_path / "g.csv"
    write_google_csv(path, 2000, seed=3)
    text = path.read_text(encoding="utf-8") + (
        "Ελένη,,Παπαδοπούλου,,acme gmbh,,,Σημείωση,* myContacts ::: VIP ::: Αθήνα,"
        ",e@Example.GR,,,,+39 06 1234 5678 ext 12 ::: 030 1234567,,,,,\n"
        "Łukasz,J̌.,Żółć,,Øresund ÆB,,,,Straße,,,,,,+7 727 123 4567,,,,,\n"
    )
    result = run_import(db, records_of(text), phone_region="DE")
    assert result.summary["errors"] == 0
    imported = fts_dump(db)
    with db.write() as session:
        ids = [o.contact_id for o in result.outcomes if o.action == "created"]
        search_index.reindex_contacts(session.connection(), [i for i in ids if i is not None])
    assert fts_dump(db) == imported


def test_a_name_alone_is_not_a_duplicate_but_name_and_organization_is(db: Database) -> None:
    text = HEADER + (
        "Maria,Silva,,maria1@example.com,,\n"
        "Maria,Silva,,maria2@example.com,,\n"  # another Maria Silva: created
        "Maria,Silva,Acme,,,\n"
        "maria,silva,ACME,,,\n"  # name + organization: row 4
        "Bare,Name,,,,\n"
        "Bare,Name,,,,\n"  # nothing else to tell them apart: row 6
        "Bare,Name,,bare@example.com,,\n"  # has an e-mail: created
    )
    result = run_import(db, records_of(text))
    assert [(o.action, o.duplicate_of_row) for o in result.outcomes] == [
        ("created", None),
        ("created", None),
        ("created", None),
        ("duplicate", 4),
        ("created", None),
        ("duplicate", 6),
        ("created", None),
    ]
    again = run_import(db, records_of(text))
    assert again.summary["created"] == 0 and counts(db)[0] == 5


def test_bare_name_does_not_match_a_database_contact_with_an_email(
    db: Database, make_contact: factories.Factory
) -> None:
    make_contact(given_name="Maria", family_name="Silva", emails=[LabeledValue("m@example.com")])
    result = run_import(db, records_of(HEADER + "Maria,Silva,,,,\n"))
    assert result.summary["created"] == 1


def _full(text: str) -> tuple[str, str]:
    try:
        return "ok", email_validator.validate_email(text, check_deliverability=False).normalized
    except email_validator.EmailNotValidError as exc:
        return "error", str(exc)


PLAIN = [
    "a@b.co",
    "A@Example.COM",
    "Postmaster@x.org",
    "ABUSE@EXAMPLE.COM",
    "a..b@x.org",
    ".a@x.org",
    "a.@x.org",
    "a@-x.org",
    "a@x-.org",
    "a@x..org",
    "a@x",
    "a@.org",
    "a@org.",
    "a@localhost",
    "a@example.invalid",
    "a@1.2.3.4",
    "x" * 65 + "@x.org",
    "a@" + "b" * 64 + ".org",
    "a@" + ("b" * 60 + ".") * 5 + "org",
    "a@xn--bcher-kva.example",
    "a@XN--BCHER-KVA.example",
    "a+b@x.onion",
    "a@x.local",
    "a@x.123",
    "a@x.c",
    "a@xn--zz.com",
    "a'b@x.com",
    "{a}@x.com",
    "a@x.1a",
]


@pytest.mark.parametrize("address", PLAIN)
def test_plain_email_path_matches_the_validator(address: str) -> None:
    assert contact_points._PLAIN_EMAIL.fullmatch(address)
    for _ in range(2):  # the second time from the domain cache
        try:
            got = "ok", contact_points._validate_plain(address)
        except email_validator.EmailNotValidError as exc:
            got = "error", str(exc)
        assert got == _full(address)


def test_validate_email_reports_the_same_for_plain_and_other_addresses() -> None:
    others = ["Anna <a@x.org>", '"a b"@x.org', "a@[1.2.3.4]", "ä@x.org"]
    for address in [a for a in [*PLAIN, *others] if len(a) <= EMAIL_MAX]:
        try:
            got: tuple[str, str] = ("ok", contact_points.validate_email(address).address)
        except ValidationError as exc:
            got = ("error", exc.message)
        full = _full(address)
        expected = full if full[0] == "ok" else ("error", contact_points._email_reason(full[1]))
        assert got == expected
