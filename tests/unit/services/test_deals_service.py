"""DealService: probability rules, closing and reopening, lists, pipeline sums, history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from support import factories

from crm_desktop.domain.errors import ValidationError
from crm_desktop.services import deals as deals_module
from crm_desktop.services.base import NotFoundError
from crm_desktop.services.changes import Changes
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.deals import DealService, StageSummary
from crm_desktop.services.dto import ContactInput, DealChangeRow, DealInput, DealRow
from crm_desktop.storage.database import Database

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


# The shared fixtures copy a migrated template database instead of migrating each time.
template_db = factories.template_db
db_path = factories.db_path
db = factories.db


@pytest.fixture
def deals(db: Database) -> DealService:
    return DealService(db, clock=lambda: NOW)


@pytest.fixture
def contact_id(db: Database) -> int:
    return ContactService(db).create(ContactInput(given_name="Ada", family_name="Lovelace")).id


def org_id(db: Database) -> int:
    """An organization, created the way users create them: by typing it on a contact."""
    ContactService(db).create(ContactInput(given_name="Bob", organization="ACME"))
    with db.read() as session:
        return int(session.execute(text("SELECT id FROM organization")).scalar_one())


def deal_count(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(text("SELECT count(*) FROM deal")).scalar_one())


def change_count(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(text("SELECT count(*) FROM deal_change")).scalar_one())


def change_rows(db: Database) -> list[tuple[Any, ...]]:
    """Every history row as (deal, contact, kind, stage, value, currency, probability, reason)."""
    with db.read() as session:
        rows = session.execute(
            text(
                "SELECT deal_id, contact_id, kind, stage, value_minor, currency, probability,"
                " reason FROM deal_change ORDER BY id"
            )
        ).all()
    return [tuple(r) for r in rows]


def test_create_takes_the_stage_default_probability(deals: DealService, contact_id: int) -> None:
    saved = deals.create(
        DealInput(
            title=" Website ",
            contact_id=contact_id,
            stage="Proposal",  # names match case-insensitively
            value_minor=150_000,
            currency="huf",
            expected_close=date(2026, 12, 15),
            notes="two\r\nlines",
        )
    )
    assert saved.changes == Changes(deals=True, contacts=frozenset({contact_id}))
    row = deals.get(saved.id)
    assert row.title == "Website"
    assert row.stage == "proposal"
    assert row.probability == 50
    assert row.currency == "HUF"
    assert row.value_minor == 150_000
    assert row.expected_close == date(2026, 12, 15)
    assert (row.status, row.closed_at, row.close_reason) == ("open", None, None)


def test_explicit_probability_and_no_stage(deals: DealService) -> None:
    row = deals.get(deals.create(DealInput(title="Side job", probability=33)).id)
    assert (row.stage, row.probability) == (None, 33)
    row = deals.get(deals.create(DealInput(title="Unstaged")).id)
    assert row.probability == 0


def test_title_optional_when_linked(deals: DealService, db: Database, contact_id: int) -> None:
    assert deals.get(deals.create(DealInput(title="", contact_id=contact_id)).id).title == ""
    assert deals.get(deals.create(DealInput(title="  ", organization_id=org_id(db))).id)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (DealInput(title=" "), "Title"),
        (DealInput(title="x" * 501), "Title"),
        (DealInput(title="ok", value_minor=-1), "Value"),
        (DealInput(title="ok", value_minor=10**15), "Value"),
        (DealInput(title="ok", currency="euro"), "Currency"),
        (DealInput(title="ok", probability=101), "Probability"),
        (DealInput(title="ok", probability=-1), "Probability"),
        (DealInput(title="ok", stage="no such stage"), "Stage"),
        (DealInput(title="ok", contact_id=999), "Contact"),
        (DealInput(title="ok", organization_id=999), "Organization"),
        (DealInput(title="ok", notes="n" * 100_001), "Notes"),
    ],
)
def test_create_refusals_write_nothing(
    deals: DealService, db: Database, data: DealInput, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        deals.create(data)
    assert caught.value.field == field
    assert deal_count(db) == 0
    assert change_count(db) == 0


def test_update(deals: DealService, db: Database, contact_id: int) -> None:
    other = ContactService(db).create(ContactInput(given_name="Grace")).id
    deal_id = deals.create(DealInput(title="A", contact_id=contact_id, stage="proposal")).id
    saved = deals.update(
        deal_id, DealInput(title="B", contact_id=other, stage="negotiation", value_minor=5)
    )
    assert saved.changes.contacts == frozenset({contact_id, other})
    row = deals.get(deal_id)
    assert (row.title, row.contact_id, row.stage, row.probability, row.value_minor) == (
        "B",
        other,
        "negotiation",
        75,
        5,
    )


def test_update_refused_leaves_deal_unchanged(deals: DealService, db: Database) -> None:
    deal_id = deals.create(DealInput(title="Keep", stage="proposal", value_minor=10)).id
    before = deals.get(deal_id)
    history = change_rows(db)
    for bad in (
        DealInput(title="Changed", stage="nope"),
        DealInput(title="Changed", value_minor=-5),
        DealInput(title="Changed", contact_id=12345),
    ):
        with pytest.raises(ValidationError):
            deals.update(deal_id, bad)
    assert deals.get(deal_id) == before
    assert change_rows(db) == history  # the "created" row alone


def test_missing_deal_raises_not_found(deals: DealService) -> None:
    for call in (
        lambda: deals.get(5),
        lambda: deals.update(5, DealInput(title="x")),
        lambda: deals.move_to_stage(5, "proposal"),
        lambda: deals.close(5, won=True, reason=None),
        lambda: deals.reopen(5),
        lambda: deals.delete(5),
    ):
        with pytest.raises(NotFoundError):
            call()


def test_move_to_stage(deals: DealService, contact_id: int) -> None:
    deal_id = deals.create(DealInput(title="A", contact_id=contact_id, probability=5)).id
    changes = deals.move_to_stage(deal_id, "negotiation")
    assert changes == Changes(deals=True, contacts=frozenset({contact_id}))
    row = deals.get(deal_id)
    assert (row.stage, row.probability) == ("negotiation", 75)
    with pytest.raises(ValidationError):
        deals.move_to_stage(deal_id, "won-ish")
    assert deals.get(deal_id) == row


def test_close_won_lost_and_reopen(deals: DealService) -> None:
    deal_id = deals.create(DealInput(title="A", stage="proposal")).id
    deals.close(deal_id, won=True, reason="  Best offer ")
    row = deals.get(deal_id)
    assert (row.status, row.probability, row.closed_at, row.close_reason) == (
        "won",
        100,
        NOW,
        "Best offer",
    )
    # Editing a closed deal with "default probability" keeps its 100.
    deals.update(deal_id, DealInput(title="A2", stage="proposal"))
    assert deals.get(deal_id).probability == 100
    # Moving a closed deal's stage does not reopen it or change its probability.
    deals.move_to_stage(deal_id, "negotiation")
    assert (deals.get(deal_id).status, deals.get(deal_id).probability) == ("won", 100)
    deals.close(deal_id, won=False, reason=None)
    row = deals.get(deal_id)
    assert (row.status, row.probability, row.close_reason) == ("lost", 0, None)
    deals.reopen(deal_id)
    row = deals.get(deal_id)
    assert (row.status, row.probability, row.closed_at) == ("open", 75, None)


def test_close_refuses_bad_reason(deals: DealService) -> None:
    deal_id = deals.create(DealInput(title="A")).id
    with pytest.raises(ValidationError) as caught:
        deals.close(deal_id, won=True, reason="a\nb")
    assert caught.value.field == "Reason"
    assert deals.get(deal_id).status == "open"


def test_delete(deals: DealService, db: Database, contact_id: int) -> None:
    deal_id = deals.create(DealInput(title="A", contact_id=contact_id)).id
    assert deals.delete(deal_id) == Changes(deals=True, contacts=frozenset({contact_id}))
    assert deal_count(db) == 0


def test_list_filters_and_order(deals: DealService, contact_id: int) -> None:
    add = deals.create
    late = add(DealInput(title="nego late", stage="negotiation", expected_close=date(2027, 1, 1)))
    early = add(
        DealInput(title="nego early", stage="negotiation", expected_close=date(2026, 12, 1))
    )
    qual = add(DealInput(title="qual", stage="qualification", contact_id=contact_id))
    loose = add(DealInput(title="no stage"))
    won = add(DealInput(title="won", stage="proposal", contact_id=contact_id))
    deals.close(won.id, won=True, reason=None)
    del late, early, qual, loose

    def titles(rows: list[DealRow]) -> list[str]:
        return [r.title for r in rows]

    assert titles(deals.list()) == ["qual", "nego early", "nego late", "no stage"]
    assert titles(deals.list(status="won")) == ["won"]
    assert titles(deals.list(status=None)) == [
        "qual",
        "nego early",
        "nego late",
        "no stage",
        "won",
    ]
    assert titles(deals.list(stage="negotiation")) == ["nego early", "nego late"]
    assert titles(deals.list(contact_id=contact_id, status=None)) == ["qual", "won"]
    assert titles(deals.list(limit=1)) == ["qual"]
    with pytest.raises(ValidationError):
        deals.list(status="pending")
    with pytest.raises(ValidationError):
        deals.list(stage="nope")


def by_stage(summaries: list[StageSummary]) -> dict[str | None, StageSummary]:
    return {s.stage: s for s in summaries}


def test_pipeline_empty_lists_every_stage(deals: DealService) -> None:
    summaries = deals.pipeline()
    assert [s.stage for s in summaries] == [
        "qualification",
        "needs analysis",
        "proposal",
        "negotiation",
    ]
    assert all(s.count == 0 and s.totals == () and s.weighted == () for s in summaries)
    assert [s.position for s in summaries] == [0, 1, 2, 3]


def test_pipeline_sums_known_answers(deals: DealService) -> None:
    add = deals.create
    add(DealInput(title="p1", stage="proposal", value_minor=100_00, currency="EUR"))  # 50 %
    add(DealInput(title="p2", stage="proposal", value_minor=333, currency="EUR", probability=33))
    add(DealInput(title="p3", stage="proposal", value_minor=5_000, currency="HUF", probability=10))
    for _ in range(3):
        add(
            DealInput(title="n", stage="negotiation", value_minor=1, currency="EUR", probability=40)
        )
    add(DealInput(title="loose", value_minor=700, currency="USD", probability=20))
    lost = add(DealInput(title="lost", stage="proposal", value_minor=999_99, currency="EUR"))
    deals.close(lost.id, won=False, reason=None)
    won = add(DealInput(title="won", stage="negotiation", value_minor=1_000, currency="EUR"))
    deals.close(won.id, won=True, reason=None)

    summaries = deals.pipeline()
    assert summaries[-1].stage is None  # deals without a stage come last
    stages = by_stage(summaries)
    proposal = stages["proposal"]
    assert proposal.count == 3
    assert proposal.totals == (("EUR", 10_333), ("HUF", 5_000))
    # 10000 * 50 % = 5000; 333 * 33 % = 109.89; 5000 HUF * 10 % = 500
    assert proposal.weighted == (("EUR", 5_110), ("HUF", 500))
    negotiation = stages["negotiation"]
    assert negotiation.count == 3  # the won deal is not in the pipeline
    assert negotiation.totals == (("EUR", 3),)
    # 3 x 0.40 = 1.20, rounded once per currency (rounding per deal would give 0)
    assert negotiation.weighted == (("EUR", 1),)
    assert stages["qualification"].count == 0
    loose = stages[None]
    assert (loose.stage_id, loose.position, loose.count) == (None, None, 1)
    assert (loose.totals, loose.weighted) == ((("USD", 700),), (("USD", 140),))


def test_pipeline_exact_where_a_plain_sum_would_overflow(deals: DealService, db: Database) -> None:
    """100 deals at the largest value: sum(value * probability) exceeds 64 bits."""
    big = 10**15 - 1
    first = deals.create(DealInput(title="big", stage="proposal", value_minor=big, probability=99))
    with db.write() as session:
        for _ in range(99):
            session.execute(
                text(
                    "INSERT INTO deal (title, stage_id, value_minor, currency, probability,"
                    " status, created_at, updated_at) SELECT title, stage_id, value_minor,"
                    " currency, probability, status, created_at, updated_at"
                    " FROM deal WHERE id = :id"
                ),
                {"id": first.id},
            )
    assert 100 * big * 99 > 2**63  # the naive SQL sum would raise "integer overflow"
    proposal = by_stage(deals.pipeline())["proposal"]
    assert proposal.count == 100
    assert proposal.totals == (("EUR", 100 * big),)
    assert proposal.weighted == (("EUR", (100 * big * 99 + 50) // 100),)


def test_closed_deals_list_newest_first(db: Database) -> None:
    clock = [NOW]
    deals = DealService(db, clock=lambda: clock[0])
    older = deals.create(DealInput(title="older", stage="negotiation")).id
    newer = deals.create(DealInput(title="newer", stage="qualification")).id
    deals.close(older, won=True, reason=None)
    clock[0] = datetime(2026, 11, 24, tzinfo=UTC)
    deals.close(newer, won=True, reason=None)
    assert [d.title for d in deals.list(status="won")] == ["newer", "older"]


# -- history -------------------------------------------------------------------


def test_create_records_a_created_change(deals: DealService, db: Database, contact_id: int) -> None:
    deal_id = deals.create(
        DealInput("Website", contact_id=contact_id, stage="Proposal", value_minor=1_200_000)
    ).id
    assert change_rows(db) == [
        (deal_id, contact_id, "created", "proposal", 1_200_000, "EUR", 50, None)
    ]
    unlinked = deals.create(DealInput("Loose", currency="huf")).id
    assert change_rows(db)[-1] == (unlinked, None, "created", None, 0, "HUF", 0, None)


def test_update_records_one_change_for_a_stage_or_value_edit(
    deals: DealService, db: Database, contact_id: int
) -> None:
    base = DealInput("A", contact_id=contact_id, stage="proposal", value_minor=100)
    deal_id = deals.create(base).id
    deals.update(
        deal_id,
        DealInput(
            "Renamed", contact_id=contact_id, stage="proposal", value_minor=100, notes="only words"
        ),
    )
    assert len(change_rows(db)) == 1  # title and notes are not history
    deals.update(deal_id, DealInput("A", contact_id=contact_id, stage="proposal", value_minor=250))
    deals.update(
        deal_id,
        DealInput("A", contact_id=contact_id, stage="proposal", value_minor=250, currency="USD"),
    )
    # stage and value at once: one row, whose snapshot carries the new value
    deals.update(
        deal_id,
        DealInput("A", contact_id=contact_id, stage="negotiation", value_minor=900, currency="USD"),
    )
    deals.update(deal_id, DealInput("A", contact_id=contact_id, value_minor=900, currency="USD"))
    assert change_rows(db)[1:] == [
        (deal_id, contact_id, "value", "proposal", 250, "EUR", 50, None),
        (deal_id, contact_id, "value", "proposal", 250, "USD", 50, None),
        (deal_id, contact_id, "stage", "negotiation", 900, "USD", 75, None),
        (deal_id, contact_id, "stage", None, 900, "USD", 0, None),
    ]


def test_move_to_stage_records_a_move_and_nothing_when_refused_or_unmoved(
    deals: DealService, db: Database, contact_id: int
) -> None:
    deal_id = deals.create(DealInput("A", contact_id=contact_id, value_minor=7)).id
    deals.move_to_stage(deal_id, "Negotiation")
    assert change_rows(db)[1:] == [
        (deal_id, contact_id, "stage", "negotiation", 7, "EUR", 75, None)
    ]
    deals.move_to_stage(deal_id, "negotiation")  # already there
    with pytest.raises(ValidationError):
        deals.move_to_stage(deal_id, "won-ish")
    assert change_count(db) == 2


def test_close_and_reopen_record_their_changes(
    deals: DealService, db: Database, contact_id: int
) -> None:
    deal_id = deals.create(DealInput("A", contact_id=contact_id, stage="proposal")).id
    deals.close(deal_id, won=False, reason=" price ")
    deals.reopen(deal_id)
    deals.reopen(deal_id)  # already open: nothing happened, nothing recorded
    deals.close(deal_id, won=True)
    with pytest.raises(ValidationError):
        deals.close(deal_id, won=False, reason="a\nb")
    assert [r[2:] for r in change_rows(db)] == [
        ("created", "proposal", 0, "EUR", 50, None),
        ("lost", "proposal", 0, "EUR", 0, "price"),
        ("reopened", "proposal", 0, "EUR", 50, None),
        ("won", "proposal", 0, "EUR", 100, None),
    ]


def test_the_change_row_shares_the_transaction_of_the_change(
    deals: DealService, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the history row cannot be written, the change itself is undone."""
    deal_id = deals.create(DealInput("A", stage="proposal", value_minor=10)).id
    before = deals.get(deal_id)

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(deals_module, "_record", broken)
    for call in (
        lambda: deals.create(DealInput("B")),
        lambda: deals.update(deal_id, DealInput("A", stage="negotiation", value_minor=10)),
        lambda: deals.move_to_stage(deal_id, "negotiation"),
        lambda: deals.close(deal_id, won=True),
    ):
        with pytest.raises(RuntimeError):
            call()
    assert deals.get(deal_id) == before
    assert (deal_count(db), change_count(db)) == (1, 1)


def test_history_newest_first_per_contact(db: Database, contact_id: int) -> None:
    clock = [NOW]
    deals = DealService(db, clock=lambda: clock[0])
    other = ContactService(db).create(ContactInput(given_name="Grace")).id

    def at(hours: int) -> None:
        clock[0] = NOW + timedelta(hours=hours)

    website = deals.create(
        DealInput("Website", contact_id=contact_id, stage="qualification", value_minor=500)
    ).id
    deals.create(DealInput("Not hers", contact_id=other))
    at(1)
    deals.move_to_stage(website, "negotiation")
    deals.update(
        website,
        DealInput(
            "Website redesign", contact_id=contact_id, stage="negotiation", value_minor=1_200_000
        ),
    )
    at(2)
    deals.close(website, won=False, reason="price")

    history = deals.history(contact_id)
    assert all(isinstance(h, DealChangeRow) for h in history)
    # same instant: the later change first (ids order them)
    assert [(h.kind, h.changed_at) for h in history] == [
        ("lost", NOW + timedelta(hours=2)),
        ("value", NOW + timedelta(hours=1)),
        ("stage", NOW + timedelta(hours=1)),
        ("created", NOW),
    ]
    assert {(h.deal_id, h.title) for h in history} == {(website, "Website redesign")}
    lost = history[0]
    assert (lost.stage, lost.value_minor, lost.currency, lost.probability, lost.reason) == (
        "negotiation",
        1_200_000,
        "EUR",
        0,
        "price",
    )
    assert history[2].value_minor == 500  # the snapshot of that moment, not today's value
    assert [h.kind for h in deals.history(contact_id, limit=2)] == ["lost", "value"]
    assert [h.kind for h in deals.history(other)] == ["created"]
    assert deals.history(4242) == []


def test_history_stays_with_the_contact_of_its_moment(
    deals: DealService, db: Database, contact_id: int
) -> None:
    other = ContactService(db).create(ContactInput(given_name="Grace")).id
    deal_id = deals.create(DealInput("A", contact_id=contact_id)).id
    deals.update(deal_id, DealInput("A", contact_id=other))  # reassigned: no step of its own
    deals.close(deal_id, won=True)
    assert [h.kind for h in deals.history(contact_id)] == ["created"]
    assert [h.kind for h in deals.history(other)] == ["won"]


def test_erasing_the_contact_or_deleting_the_deal_removes_history(
    deals: DealService, db: Database, contact_id: int
) -> None:
    kept = deals.create(DealInput("Kept", contact_id=contact_id, organization_id=org_id(db))).id
    deals.close(kept, won=True)
    personal = deals.create(DealInput("Personal", contact_id=contact_id)).id
    gone = deals.create(DealInput("Gone")).id
    deals.move_to_stage(gone, "proposal")
    assert change_count(db) == 5
    deals.delete(gone)
    assert sorted(r[0] for r in change_rows(db)) == [kept, kept, personal]
    ContactService(db).erase([contact_id])
    assert change_count(db) == 0
    assert deals.get(kept).contact_id is None  # the organization's deal stays, unlinked
    with pytest.raises(NotFoundError):
        deals.get(personal)  # a deal with the person alone was theirs: erased
