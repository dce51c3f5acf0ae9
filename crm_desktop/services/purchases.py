"""Purchases: what a customer bought, when, and for how much.

Amounts are integer minor units beside a currency; a negative amount is a
refund (kept as its own row so the history shows it), zero is refused as a
typo. Totals are per currency because sums across currencies mean nothing.
Dates are plain days (the receipt's date), so "the future" is judged with
a day of slack: the clock is UTC, and east of Greenwich it is already tomorrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlmodel import Session, col

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import AMOUNT_MAX_DIGITS, validate_currency
from crm_desktop.domain.text import SHORT_TEXT_MAX, clean_text
from crm_desktop.services.base import NotFoundError, Service
from crm_desktop.services.changes import Changes, Saved
from crm_desktop.services.dto import PurchaseInput, PurchaseRow
from crm_desktop.storage.models import Contact, Purchase

AMOUNT_MAX = 10**AMOUNT_MAX_DIGITS - 1
FUTURE_SLACK = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class CustomerTotals:
    """A customer's purchase history in one line: how many, how much, since when.

    ``totals`` are ``(currency, minor units)`` pairs sorted by currency, net
    of refunds; ``first``/``last`` are None when there are no purchases.
    """

    contact_id: int
    count: int
    totals: tuple[tuple[str, int], ...]
    first: date | None
    last: date | None


@dataclass(frozen=True, slots=True)
class _CleanPurchase:
    contact_id: int
    purchased_on: str
    amount_minor: int
    currency: str
    description: str | None


def _changes(*contact_ids: int) -> Changes:
    return Changes(purchases=True, contacts=frozenset(contact_ids))


def _row(p: Purchase) -> PurchaseRow:
    assert p.id is not None
    return PurchaseRow(
        id=p.id,
        contact_id=p.contact_id,
        purchased_on=date.fromisoformat(p.purchased_on),
        amount_minor=p.amount_minor,
        currency=p.currency,
        description=p.description,
    )


class PurchaseService(Service):
    # -- mutations -------------------------------------------------------------

    def add(self, data: PurchaseInput) -> Saved:
        clean = self._clean(data)
        with self.db.write() as session:
            _check_contact(session, clean.contact_id)
            purchase = Purchase(
                contact_id=clean.contact_id,
                purchased_on=clean.purchased_on,
                amount_minor=clean.amount_minor,
                currency=clean.currency,
                description=clean.description,
                created_at=self.clock(),
            )
            session.add(purchase)
            session.flush()
            assert purchase.id is not None
            return Saved(purchase.id, _changes(clean.contact_id))

    def update(self, purchase_id: int, data: PurchaseInput) -> Saved:
        """Replace every field; moving it to another contact refreshes both."""
        clean = self._clean(data)
        with self.db.write() as session:
            purchase = _get(session, purchase_id)
            _check_contact(session, clean.contact_id)
            before = purchase.contact_id
            purchase.contact_id = clean.contact_id
            purchase.purchased_on = clean.purchased_on
            purchase.amount_minor = clean.amount_minor
            purchase.currency = clean.currency
            purchase.description = clean.description
            session.add(purchase)
            return Saved(purchase_id, _changes(before, clean.contact_id))

    def delete(self, purchase_id: int) -> Changes:
        with self.db.write() as session:
            purchase = _get(session, purchase_id)
            contact_id = purchase.contact_id
            session.delete(purchase)
        return _changes(contact_id)

    # -- reads -----------------------------------------------------------------

    def for_contact(self, contact_id: int, *, limit: int = 200) -> list[PurchaseRow]:
        """Newest first (one range scan of the contact/date index)."""
        stmt = (
            select(Purchase)
            .where(col(Purchase.contact_id) == contact_id)
            .order_by(col(Purchase.purchased_on).desc(), col(Purchase.id).desc())
            .limit(limit)
        )
        with self.db.read() as session:
            return [_row(p) for p in session.scalars(stmt)]

    def between(self, start: date, end: date) -> list[PurchaseRow]:
        """Purchases dated ``start`` through ``end``, both days included, oldest first."""
        if end < start:
            raise ValidationError("Period", "ends before it starts")
        stmt = (
            select(Purchase)
            .where(col(Purchase.purchased_on) >= start.isoformat())
            .where(col(Purchase.purchased_on) <= end.isoformat())
            .order_by(col(Purchase.purchased_on), col(Purchase.id))
        )
        with self.db.read() as session:
            return [_row(p) for p in session.scalars(stmt)]

    def totals_for_contact(self, contact_id: int) -> CustomerTotals:
        stmt = (
            select(
                col(Purchase.currency),
                func.count(),
                func.sum(col(Purchase.amount_minor)),
                func.min(col(Purchase.purchased_on)),
                func.max(col(Purchase.purchased_on)),
            )
            .where(col(Purchase.contact_id) == contact_id)
            .group_by(col(Purchase.currency))
            .order_by(col(Purchase.currency))
        )
        with self.db.read() as session:
            rows = session.execute(stmt).all()
        firsts = [r[3] for r in rows]
        lasts = [r[4] for r in rows]
        return CustomerTotals(
            contact_id=contact_id,
            count=sum(int(r[1]) for r in rows),
            totals=tuple((r[0], int(r[2])) for r in rows),
            first=date.fromisoformat(min(firsts)) if firsts else None,
            last=date.fromisoformat(max(lasts)) if lasts else None,
        )

    # -- validation ------------------------------------------------------------

    def _clean(self, data: PurchaseInput) -> _CleanPurchase:
        """Check everything that needs no database; raise on the first bad field."""
        if data.amount_minor == 0:
            raise ValidationError("Amount", "cannot be zero")
        if abs(data.amount_minor) > AMOUNT_MAX:
            raise ValidationError("Amount", f"has too many digits (at most {AMOUNT_MAX_DIGITS})")
        currency = validate_currency(data.currency)
        latest = self.clock().date() + FUTURE_SLACK
        if data.purchased_on > latest:
            raise ValidationError("Date", "is in the future")
        description = clean_text(data.description, field="Description", max_length=SHORT_TEXT_MAX)
        return _CleanPurchase(
            contact_id=data.contact_id,
            purchased_on=data.purchased_on.isoformat(),
            amount_minor=data.amount_minor,
            currency=currency,
            description=description,
        )


def _get(session: Session, purchase_id: int) -> Purchase:
    purchase = session.get(Purchase, purchase_id)
    if purchase is None:
        raise NotFoundError("Purchase", purchase_id)
    return purchase


def _check_contact(session: Session, contact_id: int) -> None:
    if session.get(Contact, contact_id) is None:
        raise ValidationError("Contact", "does not exist (perhaps it was just erased)")
