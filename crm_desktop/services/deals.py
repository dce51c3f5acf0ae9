"""Deals: the sales pipeline, from first interest to won or lost.

A deal's probability follows its stage (each stage has a default) until
the user types their own; closing pins it to 100 (won) or 0 (lost) so a
closed deal never inflates the weighted forecast. Values are integer minor
units beside a currency, and the pipeline is summed per currency in SQL:
adding euros to forints would be a meaningless number.

Every mutation that matters to the customer's story (created, moved to
another stage, value changed, won, lost, reopened) also writes a
``deal_change`` row in the same transaction, so the history can never
disagree with the deal: a refused change writes neither. The timeline shows
these rows (see :meth:`DealService.history`).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from crm_desktop.domain.choices import DealStatus
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.money import AMOUNT_MAX_DIGITS, validate_currency
from crm_desktop.domain.text import NOTES_MAX, SHORT_TEXT_MAX, clean_text
from crm_desktop.services import vocabulary
from crm_desktop.services.base import NotFoundError, Service
from crm_desktop.services.changes import Changes, Saved
from crm_desktop.services.dto import DealChangeKind, DealChangeRow, DealInput, DealRow
from crm_desktop.services.sqltime import parse_utc
from crm_desktop.storage.models import Contact, Deal, DealChange, Organization

VALUE_MAX = 10**AMOUNT_MAX_DIGITS - 1


@dataclass(frozen=True, slots=True)
class StageSummary:
    """One column of the pipeline board: its open deals, counted and summed.

    ``totals`` and ``weighted`` are ``(currency, minor units)`` pairs sorted
    by currency; ``weighted`` is sum(value * probability / 100), rounded half
    up to a whole minor unit once per currency. Open deals whose stage was
    deleted are summarised under ``stage=None`` (``stage_id`` and
    ``position`` None), after the configured stages.
    """

    stage_id: int | None
    stage: str | None
    position: int | None
    count: int
    totals: tuple[tuple[str, int], ...]
    weighted: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class _CleanDeal:
    title: str
    contact_id: int | None
    organization_id: int | None
    stage: str | None
    value_minor: int
    currency: str
    probability: int | None
    expected_close: str | None
    notes: str | None


def _clean(data: DealInput) -> _CleanDeal:
    """Check everything that needs no database; raise on the first bad field."""
    title = clean_text(data.title, field="Title", max_length=SHORT_TEXT_MAX)
    if title is None and data.contact_id is None and data.organization_id is None:
        raise ValidationError("Title", "is required when no contact or organization is chosen")
    if data.value_minor < 0:
        raise ValidationError("Value", "cannot be negative")
    if data.value_minor > VALUE_MAX:
        raise ValidationError("Value", f"has too many digits (at most {AMOUNT_MAX_DIGITS})")
    currency = validate_currency(data.currency)
    if data.probability is not None and not 0 <= data.probability <= 100:
        raise ValidationError("Probability", "must be between 0 and 100")
    return _CleanDeal(
        title=title or "",
        contact_id=data.contact_id,
        organization_id=data.organization_id,
        stage=clean_text(data.stage, field="Stage", max_length=SHORT_TEXT_MAX),
        value_minor=data.value_minor,
        currency=currency,
        probability=data.probability,
        expected_close=data.expected_close.isoformat() if data.expected_close else None,
        notes=clean_text(data.notes, field="Notes", max_length=NOTES_MAX, multiline=True),
    )


def _check_links(session: Session, clean: _CleanDeal) -> None:
    if clean.contact_id is not None and session.get(Contact, clean.contact_id) is None:
        raise ValidationError("Contact", "does not exist (perhaps it was just erased)")
    org = clean.organization_id
    if org is not None and session.get(Organization, org) is None:
        raise ValidationError("Organization", "does not exist")


def _changes(*contact_ids: int | None) -> Changes:
    return Changes(deals=True, contacts=frozenset(i for i in contact_ids if i is not None))


# One range scan of ix_deal_change_contact_time, newest first; id breaks ties
# between changes of one instant (a deal created and moved in the same second).
_HISTORY = (
    "SELECT c.id, c.deal_id, d.title, c.kind, c.stage, c.value_minor, c.currency,"
    " c.probability, c.reason, c.changed_at"
    " FROM deal_change c JOIN deal d ON d.id = c.deal_id"
    " WHERE c.contact_id = :contact_id"
    " ORDER BY c.changed_at DESC, c.id DESC LIMIT :limit"
)

_SELECT_ROWS = (
    "SELECT d.id, d.title, d.contact_id, d.organization_id, s.name, d.value_minor,"
    " d.currency, d.probability, d.expected_close, d.status, d.closed_at, d.close_reason"
    " FROM deal d LEFT JOIN deal_stage s ON s.id = d.stage_id"
)

# Per stage and currency. Weighted sums are split into whole units and
# remainders (value * p / 100 and value * p % 100) so that neither SQL sum
# can overflow 64 bits for any realistic pipeline, and the result stays exact.
_PIPELINE = """
SELECT s.id, s.name, s.position, d.currency, COUNT(d.id),
       COALESCE(SUM(d.value_minor), 0),
       COALESCE(SUM(d.value_minor * d.probability / 100), 0),
       COALESCE(SUM(d.value_minor * d.probability % 100), 0)
FROM deal_stage s LEFT JOIN deal d ON d.stage_id = s.id AND d.status = 'open'
GROUP BY s.id, d.currency
UNION ALL
SELECT NULL, NULL, NULL, d.currency, COUNT(d.id), SUM(d.value_minor),
       SUM(d.value_minor * d.probability / 100), SUM(d.value_minor * d.probability % 100)
FROM deal d WHERE d.status = 'open' AND d.stage_id IS NULL
GROUP BY d.currency
"""


class DealService(Service):
    # -- mutations -------------------------------------------------------------

    def create(self, data: DealInput) -> Saved:
        clean = _clean(data)
        now = self.clock()
        with self.db.write() as session:
            _check_links(session, clean)
            deal = Deal(title=clean.title, created_at=now, updated_at=now)
            _apply(session, deal, clean)
            session.add(deal)
            session.flush()
            assert deal.id is not None
            _record(session, deal, DealChangeKind.CREATED, now)
            return Saved(deal.id, _changes(clean.contact_id))

    def update(self, deal_id: int, data: DealInput) -> Saved:
        """Replace the deal's fields; status and closing stay (see :meth:`close`).

        A new stage records a ``stage`` change; otherwise a new value or
        currency records a ``value`` change (one row per edit: the stage row's
        snapshot carries the new value too). Other edits record nothing.
        """
        clean = _clean(data)
        with self.db.write() as session:
            deal = _get(session, deal_id)
            _check_links(session, clean)
            before = deal.contact_id
            old = (deal.stage_id, deal.value_minor, deal.currency)
            _apply(session, deal, clean)
            now = self.clock()
            deal.updated_at = now
            session.add(deal)
            if deal.stage_id != old[0]:
                _record(session, deal, DealChangeKind.STAGE, now)
            elif (deal.value_minor, deal.currency) != old[1:]:
                _record(session, deal, DealChangeKind.VALUE, now)
            return Saved(deal_id, _changes(before, clean.contact_id))

    def move_to_stage(self, deal_id: int, stage: str) -> Changes:
        """Move along the pipeline; an open deal takes the new stage's probability.

        Records a ``stage`` change unless the deal already is in that stage.
        """
        with self.db.write() as session:
            deal = _get(session, deal_id)
            stage_id, probability = vocabulary.stage_id(session, stage.strip())
            moved = stage_id != deal.stage_id
            deal.stage_id = stage_id
            if deal.status == DealStatus.OPEN:
                deal.probability = probability
            now = self.clock()
            deal.updated_at = now
            session.add(deal)
            if moved:
                _record(session, deal, DealChangeKind.STAGE, now)
            return _changes(deal.contact_id)

    def close(self, deal_id: int, *, won: bool, reason: str | None = None) -> Changes:
        clean_reason = clean_text(reason, field="Reason", max_length=SHORT_TEXT_MAX)
        now = self.clock()
        with self.db.write() as session:
            deal = _get(session, deal_id)
            deal.status = (DealStatus.WON if won else DealStatus.LOST).value
            deal.probability = 100 if won else 0
            deal.closed_at = now
            deal.close_reason = clean_reason
            deal.updated_at = now
            session.add(deal)
            kind = DealChangeKind.WON if won else DealChangeKind.LOST
            _record(session, deal, kind, now, reason=clean_reason)
            return _changes(deal.contact_id)

    def reopen(self, deal_id: int) -> Changes:
        """Back to open, with its stage's default probability (the old one is unknown).

        Records a ``reopened`` change when the deal was closed.
        """
        with self.db.write() as session:
            deal = _get(session, deal_id)
            was_closed = deal.status != DealStatus.OPEN
            deal.status = DealStatus.OPEN.value
            deal.closed_at = None
            deal.close_reason = None
            deal.probability = _stage_probability(session, deal.stage_id)
            now = self.clock()
            deal.updated_at = now
            session.add(deal)
            if was_closed:
                _record(session, deal, DealChangeKind.REOPENED, now)
            return _changes(deal.contact_id)

    def delete(self, deal_id: int) -> Changes:
        with self.db.write() as session:
            deal = _get(session, deal_id)
            contact_id = deal.contact_id
            session.delete(deal)
        return _changes(contact_id)

    # -- reads -----------------------------------------------------------------

    def get(self, deal_id: int) -> DealRow:
        with self.db.read() as session:
            found = session.execute(text(_SELECT_ROWS + " WHERE d.id = :id"), {"id": deal_id})
            row = found.first()
        if row is None:
            raise NotFoundError("Deal", deal_id)
        return _decode(row)

    def list(
        self,
        *,
        status: str | None = DealStatus.OPEN,
        stage: str | None = None,
        contact_id: int | None = None,
        limit: int = 500,
    ) -> builtins.list[DealRow]:
        """Open deals in pipeline order (stage, then expected close), then closed ones newest first.

        ``status`` None means every status; ``stage`` is a stage name.
        """
        where: builtins.list[str] = []
        params: dict[str, Any] = {"limit": limit}
        if status is not None:
            if status not in {s.value for s in DealStatus}:
                raise ValidationError("Status", "must be open, won or lost")
            where.append("d.status = :status")
            params["status"] = status
        with self.db.read() as session:
            if stage is not None:
                where.append("d.stage_id IS :stage_id")
                params["stage_id"] = vocabulary.stage_id(session, stage.strip())[0]
            if contact_id is not None:
                where.append("d.contact_id = :contact_id")
                params["contact_id"] = contact_id
            sql = (
                _SELECT_ROWS
                + (" WHERE " + " AND ".join(where) if where else "")
                # closed_at is NULL on every open deal, so it only orders the closed ones.
                + " ORDER BY d.status != 'open', d.closed_at DESC, s.position IS NULL,"
                " s.position, d.expected_close IS NULL, d.expected_close, d.id"
                " LIMIT :limit"
            )
            rows = session.execute(text(sql), params).all()
        return [_decode(r) for r in rows]

    def history(self, contact_id: int, *, limit: int = 5000) -> builtins.list[DealChangeRow]:
        """The changes of the deals linked to ``contact_id`` when they happened, newest first."""
        with self.db.read() as session:
            params = {"contact_id": contact_id, "limit": limit}
            rows = session.execute(text(_HISTORY), params).all()
        return [_decode_change(r) for r in rows]

    def pipeline(self) -> builtins.list[StageSummary]:
        """Open deals per stage, in pipeline order, every stage listed even when empty."""
        with self.db.read() as session:
            rows = session.execute(text(_PIPELINE)).all()
        stages: dict[int | None, dict[str, Any]] = {}
        for stage_id, name, position, currency, count, total, whole, remainder in rows:
            entry = stages.setdefault(
                stage_id, {"name": name, "position": position, "count": 0, "sums": []}
            )
            if count:
                weighted = int(whole) + (int(remainder) + 50) // 100
                entry["count"] += int(count)
                entry["sums"].append((currency, int(total), weighted))
        summaries = [
            StageSummary(
                stage_id=stage_id,
                stage=e["name"],
                position=e["position"],
                count=e["count"],
                totals=tuple((c, t) for c, t, _ in sorted(e["sums"])),
                weighted=tuple((c, w) for c, _, w in sorted(e["sums"])),
            )
            for stage_id, e in stages.items()
        ]
        return sorted(summaries, key=lambda s: (s.position is None, s.position or 0, s.stage_id))


def _get(session: Session, deal_id: int) -> Deal:
    deal = session.get(Deal, deal_id)
    if deal is None:
        raise NotFoundError("Deal", deal_id)
    return deal


def _stage_probability(session: Session, stage_id: int | None) -> int:
    if stage_id is None:
        return 0
    found = session.execute(
        text("SELECT probability FROM deal_stage WHERE id = :id"), {"id": stage_id}
    ).scalar()
    return int(found or 0)


def _record(
    session: Session,
    deal: Deal,
    kind: DealChangeKind,
    at: datetime,
    *,
    reason: str | None = None,
) -> None:
    """Add the history row for ``kind``: the deal as it is now, its stage by name."""
    assert deal.id is not None
    stage = None
    if deal.stage_id is not None:
        stage = session.execute(
            text("SELECT name FROM deal_stage WHERE id = :id"), {"id": deal.stage_id}
        ).scalar()
    session.add(
        DealChange(
            deal_id=deal.id,
            contact_id=deal.contact_id,
            changed_at=at,
            kind=kind.value,
            stage=stage,
            value_minor=deal.value_minor,
            currency=deal.currency,
            probability=deal.probability,
            reason=reason,
        )
    )


def _apply(session: Session, deal: Deal, clean: _CleanDeal) -> None:
    """Copy ``clean`` onto ``deal``, resolving the stage (which may refuse the name)."""
    stage_id, stage_probability = vocabulary.stage_id(session, clean.stage)
    if clean.probability is not None:
        deal.probability = clean.probability
    elif deal.status == DealStatus.OPEN:
        deal.probability = stage_probability
    # A closed deal edited with "default probability" keeps its 100 or 0.
    deal.title = clean.title
    deal.contact_id = clean.contact_id
    deal.organization_id = clean.organization_id
    deal.stage_id = stage_id
    deal.value_minor = clean.value_minor
    deal.currency = clean.currency
    deal.expected_close = clean.expected_close
    deal.notes = clean.notes


def _decode(row: Any) -> DealRow:
    return DealRow(
        id=int(row[0]),
        title=row[1],
        contact_id=row[2],
        organization_id=row[3],
        stage=row[4],
        value_minor=int(row[5]),
        currency=row[6],
        probability=int(row[7]),
        expected_close=date.fromisoformat(row[8]) if row[8] else None,
        status=row[9],
        closed_at=parse_utc(row[10]),
        close_reason=row[11],
    )


def _decode_change(row: Any) -> DealChangeRow:
    changed_at = parse_utc(row[9])
    assert changed_at is not None
    return DealChangeRow(
        id=int(row[0]),
        deal_id=int(row[1]),
        title=row[2],
        kind=row[3],
        stage=row[4],
        value_minor=int(row[5]),
        currency=row[6],
        probability=int(row[7]),
        reason=row[8],
        changed_at=changed_at,
    )
