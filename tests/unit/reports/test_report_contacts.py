"""The ``contacts`` report: every field, multi-values joined, formulas neutralized."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from support import factories
from support.factories import NOW, FixedClock

from crm_desktop.domain.dates import PartialDate
from crm_desktop.reports.contacts import CONTACT_HEADER, contacts_table
from crm_desktop.reports.period import ReportParams
from crm_desktop.reports.writer import CsvOptions, write_csv
from crm_desktop.services.dto import Address, ImportantDate, InteractionInput, LabeledValue
from crm_desktop.services.interactions import InteractionService
from crm_desktop.storage.database import Database

db_path, db, clock, make_contact = (
    factories.db_path,
    factories.db,
    factories.clock,
    factories.make_contact,
)
template_db = factories.template_db


def export(db: Database, tmp_path: Path, params: ReportParams) -> list[dict[str, str]]:
    out = tmp_path / "contacts.csv"
    with db.read_raw() as conn:
        write_csv(contacts_table(conn, params), out, CsvOptions(raw=not params.safe))
    with open(out, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_every_field_with_multi_values_and_safe_text(
    db: Database, make_contact: factories.Factory, clock: FixedClock, tmp_path: Path
) -> None:
    anna = make_contact(
        given_name="Anna",
        middle_name="Maria",
        family_name="Alpha",
        organization="Acme",
        job_title="Buyer",
        emails=[LabeledValue("anna@acme.example", "work"), LabeledValue("anna@home.example")],
        phones=[LabeledValue("+49 30 123", "mobile")],
        addresses=[Address(label="work", street="Main St 1", postal_code="10115",
                           city="Berlin", country="DE")],
        birthday=PartialDate(3, 1),
        dates=[ImportantDate("Anniversary", PartialDate(6, 2, 2015))],
        tags=["vip", "beta"],
        lead_source="Fair",
        status="customer",
        preferred_channel="email",
        stay_in_touch_days=30,
        notes="=HYPERLINK(\"http://x\")",
    )  # fmt: skip
    make_contact(given_name="Bob", birthday=PartialDate(2, 29, 1988))
    InteractionService(db, clock=clock).log(
        InteractionInput((anna,), "call", datetime(2026, 7, 1, 10, tzinfo=UTC))
    )
    rows = export(db, tmp_path, ReportParams(ZoneInfo("Europe/Berlin"), NOW))
    assert list(rows[0]) == list(CONTACT_HEADER)
    a, b = rows
    assert {k: a[k] for k in ("display_name", "given_name", "middle_name", "organization")} == {
        "display_name": "Anna Maria Alpha", "given_name": "Anna", "middle_name": "Maria",
        "organization": "Acme",
    }  # fmt: skip
    assert a["emails"] == "anna@acme.example | anna@home.example"
    assert a["email_labels"] == "work | "
    assert a["phones"] == "'+49 30 123" and a["phone_labels"] == "mobile"
    assert a["addresses"] == "work: Main St 1, 10115, Berlin, DE"
    assert a["birthday"] == "'--03-01"  # a yearless birthday starts with "-": neutralized
    assert a["dates"] == "Anniversary: 2015-06-02"
    assert a["tags"] == "beta | vip"
    assert (a["lead_source"], a["status"], a["preferred_channel"]) == ("Fair", "customer", "email")
    assert a["stay_in_touch_days"] == "30"
    assert a["last_contacted_at"] == "2026-07-01T12:00:00"  # Berlin summer time
    assert a["created_at"] == "2026-11-23T13:00:00"
    assert a["notes"] == '\'=HYPERLINK("http://x")'
    assert b["birthday"] == "1988-02-29" and b["last_contacted_at"] == ""

    raw = export(db, tmp_path, ReportParams(ZoneInfo("UTC"), NOW, safe=False))
    assert raw[0]["phones"] == "+49 30 123" and raw[0]["birthday"] == "--03-01"
    assert raw[0]["created_at"] == "2026-11-23T12:00:00"

    later = ReportParams(ZoneInfo("UTC"), NOW, date(2026, 11, 24), None)
    assert export(db, tmp_path, later) == []
