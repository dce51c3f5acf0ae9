"""PurchaseService: refunds, future dates, per-currency totals, date ranges."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text
from support import factories

from crm_desktop.domain.errors import ValidationError
from crm_desktop.services.base import NotFoundError
from crm_desktop.services.changes import Changes
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import ContactInput, PurchaseInput
from crm_desktop.services.purchases import CustomerTotals, PurchaseService
from crm_desktop.storage.database import Database

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


# The shared fixtures copy a migrated template database instead of migrating each time.
template_db = factories.template_db
db_path = factories.db_path
db = factories.db


@pytest.fixture
def purchases(db: Database) -> PurchaseService:
    return PurchaseService(db, clock=lambda: NOW)


@pytest.fixture
def contact_id(db: Database) -> int:
    return ContactService(db).create(ContactInput(given_name="Ada", family_name="Lovelace")).id


def purchase_count(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(text("SELECT count(*) FROM purchase")).scalar_one())


def buy(
    contact: int, day: date, amount: int, currency: str = "EUR", what: str | None = None
) -> PurchaseInput:
    return PurchaseInput(contact, day, amount, currency, what)


def test_add_and_read_back(purchases: PurchaseService, contact_id: int) -> None:
    saved = purchases.add(buy(contact_id, date(2026, 11, 20), 12_50, "eur", "  Tea  "))
    assert saved.changes == Changes(purchases=True, contacts=frozenset({contact_id}))
    (row,) = purchases.for_contact(contact_id)
    assert row.id == saved.id
    assert (row.purchased_on, row.amount_minor, row.currency, row.description) == (
        date(2026, 11, 20),
        12_50,
        "EUR",
        "Tea",
    )


def test_refund_and_tomorrow_are_accepted(purchases: PurchaseService, contact_id: int) -> None:
    purchases.add(buy(contact_id, date(2026, 11, 23), -5_00))
    purchases.add(buy(contact_id, date(2026, 11, 24), 1))  # already tomorrow east of UTC
    assert len(purchases.for_contact(contact_id)) == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount_minor": 0}, "Amount"),
        ({"amount_minor": 10**15}, "Amount"),
        ({"amount_minor": -(10**15)}, "Amount"),
        ({"currency": "E"}, "Currency"),
        ({"currency": "€UR"}, "Currency"),
        ({"purchased_on": date(2026, 11, 25)}, "Date"),
        ({"description": "d" * 501}, "Description"),
        ({"description": "two\nlines"}, "Description"),
        ({"contact_id": 404}, "Contact"),
    ],
)
def test_add_refusals_write_nothing(
    purchases: PurchaseService,
    db: Database,
    contact_id: int,
    change: dict[str, object],
    field: str,
) -> None:
    values: dict[str, object] = {
        "contact_id": contact_id,
        "purchased_on": date(2026, 11, 1),
        "amount_minor": 100,
        "currency": "EUR",
        "description": None,
    }
    values.update(change)
    with pytest.raises(ValidationError) as caught:
        purchases.add(PurchaseInput(**values))  # type: ignore[arg-type]
    assert caught.value.field == field
    assert purchase_count(db) == 0


def test_update_moves_between_contacts(
    purchases: PurchaseService, db: Database, contact_id: int
) -> None:
    other = ContactService(db).create(ContactInput(given_name="Grace")).id
    pid = purchases.add(buy(contact_id, date(2026, 11, 1), 100)).id
    saved = purchases.update(pid, buy(other, date(2026, 11, 2), 200, "USD", "Fixed"))
    assert saved.changes == Changes(purchases=True, contacts=frozenset({contact_id, other}))
    assert purchases.for_contact(contact_id) == []
    (row,) = purchases.for_contact(other)
    assert (row.id, row.amount_minor, row.currency, row.description) == (pid, 200, "USD", "Fixed")


def test_update_refused_leaves_purchase_unchanged(
    purchases: PurchaseService, contact_id: int
) -> None:
    pid = purchases.add(buy(contact_id, date(2026, 11, 1), 100)).id
    before = purchases.for_contact(contact_id)
    for bad in (
        buy(contact_id, date(2026, 11, 1), 0),
        buy(contact_id, date(2027, 1, 1), 100),
        buy(999, date(2026, 11, 1), 100),
    ):
        with pytest.raises(ValidationError):
            purchases.update(pid, bad)
    assert purchases.for_contact(contact_id) == before


def test_delete_and_not_found(purchases: PurchaseService, db: Database, contact_id: int) -> None:
    pid = purchases.add(buy(contact_id, date(2026, 11, 1), 100)).id
    assert purchases.delete(pid) == Changes(purchases=True, contacts=frozenset({contact_id}))
    assert purchase_count(db) == 0
    with pytest.raises(NotFoundError):
        purchases.delete(pid)
    with pytest.raises(NotFoundError):
        purchases.update(pid, buy(contact_id, date(2026, 11, 1), 100))


def test_for_contact_newest_first_with_limit(
    purchases: PurchaseService, db: Database, contact_id: int
) -> None:
    other = ContactService(db).create(ContactInput(given_name="Grace")).id
    purchases.add(buy(contact_id, date(2026, 1, 5), 1, what="jan"))
    purchases.add(buy(contact_id, date(2026, 3, 5), 2, what="mar a"))
    purchases.add(buy(contact_id, date(2026, 3, 5), 3, what="mar b"))
    purchases.add(buy(contact_id, date(2026, 2, 5), 4, what="feb"))
    purchases.add(buy(other, date(2026, 4, 5), 5, what="other"))
    rows = purchases.for_contact(contact_id)
    assert [r.description for r in rows] == ["mar b", "mar a", "feb", "jan"]
    assert [r.description for r in purchases.for_contact(contact_id, limit=2)] == [
        "mar b",
        "mar a",
    ]


def test_between_includes_both_ends(
    purchases: PurchaseService, db: Database, contact_id: int
) -> None:
    other = ContactService(db).create(ContactInput(given_name="Grace")).id
    for day, who in (
        (date(2026, 9, 30), contact_id),
        (date(2026, 10, 31), other),
        (date(2026, 10, 1), other),
        (date(2026, 10, 15), contact_id),
        (date(2026, 11, 1), contact_id),
    ):
        purchases.add(buy(who, day, 1, what=day.isoformat()))
    rows = purchases.between(date(2026, 10, 1), date(2026, 10, 31))
    assert [r.description for r in rows] == ["2026-10-01", "2026-10-15", "2026-10-31"]
    (only,) = purchases.between(date(2026, 10, 15), date(2026, 10, 15))
    assert only.description == "2026-10-15"
    with pytest.raises(ValidationError):
        purchases.between(date(2026, 10, 31), date(2026, 10, 1))


def test_totals_for_contact(purchases: PurchaseService, db: Database, contact_id: int) -> None:
    other = ContactService(db).create(ContactInput(given_name="Grace")).id
    purchases.add(buy(contact_id, date(2026, 5, 1), 10_00, "EUR"))
    purchases.add(buy(contact_id, date(2025, 12, 24), 25_50, "EUR"))
    purchases.add(buy(contact_id, date(2026, 6, 1), -3_00, "EUR"))  # refund
    purchases.add(buy(contact_id, date(2026, 1, 1), 9_000, "HUF"))
    purchases.add(buy(other, date(2020, 1, 1), 1, "EUR"))
    assert purchases.totals_for_contact(contact_id) == CustomerTotals(
        contact_id=contact_id,
        count=4,
        totals=(("EUR", 32_50), ("HUF", 9_000)),
        first=date(2025, 12, 24),
        last=date(2026, 6, 1),
    )


def test_totals_for_contact_without_purchases(purchases: PurchaseService, contact_id: int) -> None:
    assert purchases.totals_for_contact(contact_id) == CustomerTotals(contact_id, 0, (), None, None)


def test_erasing_the_contact_deletes_its_purchases(
    purchases: PurchaseService, db: Database, contact_id: int
) -> None:
    purchases.add(buy(contact_id, date(2026, 11, 1), 100))
    ContactService(db).erase([contact_id])
    assert purchase_count(db) == 0
