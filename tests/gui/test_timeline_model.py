"""TimelineModel: keyset pages on demand, newest first, day groups, extras merged in order."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from sqlalchemy import text
from support.qt import wait_idle

from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.models.timeline_model import (
    PAGE_SIZE,
    Roles,
    TimelineEntry,
    TimelineModel,
    deal_change_text,
    interaction_entry,
    merge_page,
    purchase_entry,
)
from crm_desktop.gui.panes.timeline_labels import outcome_color
from crm_desktop.services.deals import DealService
from crm_desktop.services.dto import (
    ContactInput,
    DealChangeRow,
    DealInput,
    InteractionInput,
    InteractionRow,
    PurchaseInput,
    PurchaseRow,
)
from crm_desktop.services.registry import Services
from crm_desktop.services.sqltime import to_sql


def person(services: Services, name: str) -> int:
    return services.contacts.create(ContactInput(given_name=name)).id


def log_many(services: Services, contact_id: int, count: int, start: datetime) -> None:
    """``count`` interactions, one every 5 hours back from ``start`` (so ~5 per day)."""
    outcomes = ["successful", "unsuccessful", "no_answer", None]
    for i in range(count):
        services.interactions.log(
            InteractionInput(
                (contact_id,),
                "call" if i % 2 else "email",
                start - timedelta(hours=5 * i),
                subject=f"Entry {i}",
                outcome=outcomes[i % 4],
            )
        )


def load(qtbot: Any, model: TimelineModel, contact_id: int) -> None:
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_contact(contact_id)


def fetch_all(qtbot: Any, model: TimelineModel) -> int:
    """Page to the end; the model tester may have asked for a page already (it calls fetchMore)."""
    pages = 0
    while model.canFetchMore() or model.is_fetching:
        with qtbot.waitSignal(model.page_loaded, timeout=5000):
            if model.canFetchMore():
                model.fetchMore()
        pages += 1
    return pages


@pytest.fixture
def model(qtbot: Any, gui_ctx: GuiContext, qtmodeltester: Any) -> Iterator[TimelineModel]:
    result = TimelineModel(gui_ctx)
    qtmodeltester.check(result)  # stays attached: checks every page insert and reset below
    yield result
    result.set_contact(0)  # nothing left to fetch before the runner shuts down
    wait_idle(qtbot, gui_ctx.runner)


def test_pages_to_the_end_newest_first_each_row_once(
    qtbot: Any, model: TimelineModel, services: Services, gui_ctx: GuiContext
) -> None:
    cid = person(services, "Ελένη")
    log_many(services, cid, 250, gui_ctx.now())
    load(qtbot, model, cid)
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore() or model.is_fetching

    assert fetch_all(qtbot, model) == 250 // PAGE_SIZE - 1
    entries = model.entries()
    ids = [e.row_id for e in entries]
    assert len(ids) == 250 == len(set(ids))
    assert [model.index(i, 0).data(Roles.Subject) for i in (0, 249)] == ["Entry 0", "Entry 249"]
    whens = [e.when for e in entries]
    assert whens == sorted(whens, reverse=True)
    assert not model.canFetchMore()


def test_day_headers_on_the_first_row_of_each_local_day(
    qtbot: Any, model: TimelineModel, services: Services, gui_ctx: GuiContext
) -> None:
    cid = person(services, "Győző")
    log_many(services, cid, 30, gui_ctx.now())
    load(qtbot, model, cid)
    headers = [model.index(i, 0).data(Roles.Header) for i in range(model.rowCount())]
    days = [e.day for e in model.entries()]
    for i, header in enumerate(headers):
        first_of_day = i == 0 or days[i - 1] != days[i]
        assert (header is not None) == first_of_day
    assert headers[0] == "Today"
    today = gui_ctx.local_now().date()
    assert model.day_label(today - timedelta(days=1)) == "Yesterday"
    older = model.day_label(date(2020, 3, 12))
    assert "2020" in older and "12" in older
    assert len({h for h in headers if h}) == len(set(days))


def test_outcome_colour_role(qtbot: Any, model: TimelineModel, services: Services) -> None:
    cid = person(services, "Outcome")
    at = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
    for i, outcome in enumerate(["successful", "unsuccessful", "no_answer", None]):
        services.interactions.log(
            InteractionInput((cid,), "call", at - timedelta(hours=i), outcome=outcome)
        )
    load(qtbot, model, cid)
    colours = [model.index(i, 0).data(Roles.OutcomeColor) for i in range(4)]
    green, red, amber, none = colours
    assert isinstance(green, QColor) and green == outcome_color("successful")
    assert green.green() > green.red() and green.green() > green.blue()
    assert isinstance(red, QColor) and red.red() > red.green() and red.red() > red.blue()
    assert isinstance(amber, QColor) and amber.red() > amber.blue() and amber.green() > amber.blue()
    assert none is None
    assert model.index(0, 0).data(Roles.OutcomeText) == "Successful"
    light, dark = outcome_color("successful", dark=False), outcome_color("successful", dark=True)
    assert light is not None and dark is not None and dark.lightness() > light.lightness()


def test_purchases_and_deal_changes_merged_in_date_order(
    qtbot: Any, model: TimelineModel, services: Services, gui_ctx: GuiContext
) -> None:
    cid = person(services, "Buyer")
    now = gui_ctx.now()
    log_many(services, cid, 120, now)  # one every 5 hours, 25 days back
    local_today = gui_ctx.local_now().date()
    for days_ago in (3, 12, 24, 40):
        services.purchases.add(
            PurchaseInput(cid, local_today - timedelta(days=days_ago), 1000 + days_ago, "EUR")
        )
    # Each step 2 hours after an interaction: strictly between two of them.
    clock = [now - timedelta(days=20, hours=-2)]
    deals = DealService(services.db, clock=lambda: clock[0])
    deal_id = deals.create(
        DealInput("Website redesign", contact_id=cid, stage="proposal", value_minor=1_200_000)
    ).id
    clock[0] = now - timedelta(days=10, hours=-2)
    deals.move_to_stage(deal_id, "negotiation")
    clock[0] = now - timedelta(days=2, hours=-2)
    deals.close(deal_id, won=True)

    load(qtbot, model, cid)
    fetch_all(qtbot, model)  # the 20-day-old "created" step comes with a later page
    entries = model.entries()
    assert [e.source for e in entries].count("purchase") == 4
    assert len(entries) == 127
    keys = [e.sort_key for e in entries]
    assert keys == sorted(keys, reverse=True)
    # the oldest purchase is older than every interaction: it comes last, after the last page
    assert entries[-1].source == "purchase" and entries[-1].purchase is not None
    assert entries[-1].purchase.amount_minor == 1040

    rows = [i for i, e in enumerate(entries) if e.source == "deal"]
    subject = [model.index(i, 0).data(Roles.Subject) for i in rows]
    assert subject == [
        "Deal 'Website redesign' won — 12000.00 EUR",
        "Deal 'Website redesign' moved to negotiation — 12000.00 EUR",
        "Deal 'Website redesign' created — 12000.00 EUR",
    ]
    for i in rows:  # among the interactions, not bunched at either end
        assert entries[i - 1].source == "interaction" and entries[i + 1].source == "interaction"
        assert entries[i - 1].when > entries[i].when > entries[i + 1].when
        assert model.index(i, 0).data(Roles.IconName) == "deal"
    won, moved, created = (model.index(i, 0) for i in rows)
    assert won.data(Roles.OutcomeColor) == outcome_color("won")
    assert (won.data(Roles.OutcomeText), won.data(Roles.Meta)) == ("Won", "")
    assert moved.data(Roles.OutcomeColor) is None and moved.data(Roles.OutcomeText) == ""
    assert (moved.data(Roles.Meta), created.data(Roles.Meta)) == (
        "Probability 75%",
        "Probability 50%",
    )
    assert won.data(Qt.ItemDataRole.ToolTipRole) == subject[0]
    assert won.data(Roles.InteractionId) is None


def test_deal_change_lines() -> None:
    at = datetime(2026, 1, 5, 10, tzinfo=UTC)

    def line(kind: str, **kw: Any) -> str:
        fields: dict[str, Any] = {
            "id": 1,
            "deal_id": 1,
            "title": "Fit-out",
            "kind": kind,
            "stage": "proposal",
            "value_minor": 0,
            "currency": "HUF",
            "probability": 50,
            "reason": None,
            "changed_at": at,
        }
        return deal_change_text(DealChangeRow(**{**fields, **kw}))

    assert line("created") == "Deal 'Fit-out' created"  # no value: no "— 0.00"
    assert line("lost", reason="price", value_minor=150) == "Deal 'Fit-out' lost: price — 1.50 HUF"
    assert line("won", reason="best offer") == "Deal 'Fit-out' won: best offer"
    assert line("reopened") == "Deal 'Fit-out' reopened"
    assert line("value") == "Deal 'Fit-out' changed value — 0.00 HUF"
    assert line("stage", stage=None) == "Deal 'Fit-out' taken out of the pipeline stages"
    assert line("stage", title="") == "Deal 'untitled' moved to proposal"
    assert line("stage", title="50%1 off") == "Deal '50%1 off' moved to proposal"
    assert line("merged") == "Deal 'Fit-out': merged"  # a kind from a newer version


def test_reload_after_a_deal_change_shows_the_new_step(
    qtbot: Any, model: TimelineModel, services: Services, gui_ctx: GuiContext
) -> None:
    cid = person(services, "Closer")
    log_many(services, cid, 3, gui_ctx.now() - timedelta(hours=1))
    deal_id = services.deals.create(DealInput("Fleet", contact_id=cid)).id
    load(qtbot, model, cid)
    assert [e.deal.kind for e in model.entries() if e.deal is not None] == ["created"]
    services.deals.close(deal_id, won=False, reason="price")
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    assert model.index(0, 0).data(Roles.Subject) == "Deal 'Fleet' lost: price"
    assert model.rowCount() == 5


def test_merge_page_takes_only_extras_newer_than_the_page() -> None:
    zone = ZoneInfo("Europe/Budapest")

    def call(day: int) -> TimelineEntry:
        at = datetime(2026, 1, day, 12, tzinfo=UTC)
        return interaction_entry(
            InteractionRow(day, "call", None, at, None, None, None, None, ()), zone
        )

    def bought(day: int) -> TimelineEntry:
        return purchase_entry(PurchaseRow(100 + day, 1, date(2026, 1, day), 100, "EUR", None), zone)

    page = [call(d) for d in (20, 15, 10)]
    extras = [bought(d) for d in (25, 12, 5)]
    merged, left = merge_page(page, extras, last_page=False)
    assert [m.day.day for m in merged] == [25, 20, 15, 12, 10]
    assert [m.source for m in merged] == [
        "purchase",
        "interaction",
        "interaction",
        "purchase",
        "interaction",
    ]
    assert [x.day.day for x in left] == [5]
    merged, left = merge_page([], left, last_page=True)
    assert [m.day.day for m in merged] == [5] and left == []


def test_second_contact_wins_when_switching_quickly(
    qtbot: Any, model: TimelineModel, services: Services, gui_ctx: GuiContext
) -> None:
    first, second = person(services, "First"), person(services, "Second")
    log_many(services, first, 60, gui_ctx.now())
    log_many(services, second, 3, gui_ctx.now())
    model.set_contact(first)
    model.set_contact(second)
    wait_idle(qtbot, gui_ctx.runner)
    assert model.contact_id == second
    assert model.rowCount() == 3
    assert all(
        e.interaction is not None and second in e.interaction.contact_ids for e in model.entries()
    )


def test_no_contact_is_empty_and_never_fetches(model: TimelineModel) -> None:
    model.set_contact(0)
    assert model.rowCount() == 0
    assert not model.canFetchMore()
    model.set_contact(-5)
    assert model.contact_id == 0 and model.rowCount() == 0


def test_expanding_notes_toggles_the_role(
    qtbot: Any, model: TimelineModel, services: Services
) -> None:
    cid = person(services, "Notes")
    services.interactions.log(
        InteractionInput((cid,), "note", datetime(2026, 1, 1, tzinfo=UTC), notes="a\nb\nc\nd")
    )
    load(qtbot, model, cid)
    index = model.index(0, 0)
    assert index.data(Roles.Expanded) is False
    with qtbot.waitSignal(model.dataChanged):
        assert model.toggle_expanded(index) is True
    assert index.data(Roles.Expanded) is True
    assert model.toggle_expanded(index) is False


def bulk_interactions(services: Services, contact_id: int, count: int) -> None:
    """``count`` interactions in one transaction, straight into the tables (fast arrange)."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    stamps = [to_sql(start - timedelta(minutes=30 * i)) for i in range(count)]
    with services.db.write() as session:
        conn = session.connection()
        base = int(conn.execute(text("SELECT coalesce(max(id), 0) FROM interaction")).scalar_one())
        conn.execute(
            text(
                "INSERT INTO interaction (id, kind, occurred_at, subject, created_at, updated_at)"
                " VALUES (:id, 'call', :at, :subject, :at, :at)"
            ),
            [{"id": base + i + 1, "at": at, "subject": f"Bulk {i}"} for i, at in enumerate(stamps)],
        )
        conn.execute(
            text(
                "INSERT INTO interaction_contact (interaction_id, contact_id, occurred_at)"
                " VALUES (:id, :contact, :at)"
            ),
            [{"id": base + i + 1, "contact": contact_id, "at": at} for i, at in enumerate(stamps)],
        )


def test_ten_thousand_interactions_open_with_one_page(
    qtbot: Any, gui_ctx: GuiContext, services: Services
) -> None:
    model = TimelineModel(gui_ctx)
    cid = person(services, "Busy")
    bulk_interactions(services, cid, 10_000)
    load(qtbot, model, person(services, "Warm-up"))  # first query pays for opening things
    started = time.perf_counter()
    load(qtbot, model, cid)
    elapsed = time.perf_counter() - started
    assert model.rowCount() == PAGE_SIZE
    assert model.index(0, 0).data(Roles.Subject) == "Bulk 0"
    assert elapsed < 0.25, f"first page took {elapsed * 1000:.0f} ms"
