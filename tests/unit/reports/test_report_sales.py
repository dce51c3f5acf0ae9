"""``revenue-by-customer``, ``lead-sources`` and ``pipeline`` with known sums."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import text
from support import factories
from support.factories import NOW, FixedClock, contact_input

from crm_desktop.reports.period import ReportParams
from crm_desktop.reports.sales import lead_sources_table, pipeline_table, revenue_table
from crm_desktop.reports.writer import Table
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.deals import DealService
from crm_desktop.services.dto import DealInput, PurchaseInput
from crm_desktop.services.purchases import PurchaseService
from crm_desktop.storage.database import Database

db_path, db, clock, make_contact = (
    factories.db_path,
    factories.db,
    factories.clock,
    factories.make_contact,
)
template_db = factories.template_db
BERLIN = ZoneInfo("Europe/Berlin")
NOVEMBER = ReportParams(BERLIN, NOW, date(2026, 11, 1), date(2026, 11, 30))


def rows_of(
    db: Database, build: object, params: ReportParams = NOVEMBER
) -> list[tuple[object, ...]]:
    with db.read_raw() as conn:
        table: Table = build(conn, params)  # type: ignore[operator]
        return [tuple(r) for batch in table.batches for r in batch]


def buy(db: Database, who: int, day: date, minor: int, currency: str = "EUR") -> None:
    PurchaseService(db).add(PurchaseInput(who, day, minor, currency))


def won(db: Database, clock: FixedClock, who: int, minor: int, currency: str = "EUR") -> None:
    deals = DealService(db, clock=clock)
    deal = deals.create(DealInput("Deal", contact_id=who, value_minor=minor, currency=currency))
    deals.close(deal.id, won=True)


def test_revenue_top_customers_lead_per_currency_with_exact_averages(
    db: Database, make_contact: factories.Factory, clock: FixedClock
) -> None:
    anna = make_contact(given_name="Anna", organization="Acme")
    bob = make_contact(given_name="Bob")
    chiyo = make_contact(given_name="Chiyo")
    buy(db, anna, date(2026, 11, 2), 10000)
    buy(db, anna, date(2026, 11, 5), 5001)
    buy(db, anna, date(2026, 10, 31), 999_999)  # before the period
    won(db, clock, anna, 100000)  # closed at NOW, 23 November
    buy(db, bob, date(2026, 11, 10), 200000)
    buy(db, chiyo, date(2026, 11, 3), 5000, "JPY")
    assert rows_of(db, revenue_table) == [
        (1, "Bob", None, "EUR", 1, 0, 1, Decimal("2000.00"), Decimal("2000.00"),
         "2026-11-10", "2026-11-10"),
        (2, "Anna", "Acme", "EUR", 2, 1, 3, Decimal("1150.01"), Decimal("383.34"),
         "2026-11-02", "2026-11-23"),
        (1, "Chiyo", None, "JPY", 1, 0, 1, Decimal("5000"), Decimal("5000"),
         "2026-11-03", "2026-11-03"),
    ]  # fmt: skip
    everything = rows_of(db, revenue_table, ReportParams(BERLIN, NOW))
    assert everything[0][1:2] == ("Anna",) and everything[0][7] == Decimal("11150.00")


def test_lead_sources_conversion_revenue_and_revenue_per_cost(db: Database) -> None:
    people = ContactService(db, clock=FixedClock())
    early = ContactService(db, clock=FixedClock(datetime(2026, 9, 1, tzinfo=UTC)))
    ids = [
        people.create(contact_input(given_name=n, lead_source="Fair", status=s)).id
        for n, s in (("A", "customer"), ("B", "loyal"), ("C", "lead"))
    ]
    early.create(contact_input(given_name="Old", lead_source="Fair", status="customer"))
    people.create(contact_input(given_name="W", lead_source="Web"))
    with db.write() as session:
        session.execute(
            text(
                "UPDATE lead_source SET cost_minor = 50000, currency = 'EUR',"
                " starts_on = '2026-11-01', ends_on = '2026-11-30' WHERE name = 'Fair'"
            )
        )
    buy(db, ids[0], date(2026, 11, 20), 100000)
    buy(db, ids[1], date(2026, 11, 21), 1000, "USD")
    rows = rows_of(db, lead_sources_table)
    assert rows == [
        ("Fair", None, 3, 2, Decimal("66.7"), "EUR", Decimal("1000.00"), Decimal("500.00"),
         Decimal("2.00"), "10.00 USD"),
        ("Web", None, 1, 0, Decimal("0.0"), None, None, None, None, None),
    ]  # fmt: skip


def test_pipeline_counts_values_and_weighted_values_per_stage_and_currency(
    db: Database, make_contact: factories.Factory, clock: FixedClock
) -> None:
    who = make_contact(given_name="Anna")
    deals = DealService(db, clock=clock)
    deals.create(DealInput("A", contact_id=who, stage="proposal", value_minor=100000))
    deals.create(
        DealInput("B", contact_id=who, stage="proposal", value_minor=33333, probability=33)
    )
    deals.create(DealInput("C", stage="negotiation", value_minor=10000, currency="JPY"))
    closed = deals.create(DealInput("D", stage="proposal", value_minor=99900)).id
    deals.close(closed, won=True)
    rows = rows_of(db, pipeline_table, ReportParams(BERLIN, NOW))
    assert rows == [
        ("proposal", 2, "EUR", 2, Decimal("1333.33"), Decimal("610.00")),
        ("negotiation", 3, "JPY", 1, Decimal("10000"), Decimal("7500")),
    ]
