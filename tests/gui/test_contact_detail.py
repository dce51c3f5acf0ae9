"""ContactDetailPane: card and timeline load through the runner, quick log, edit, delete + undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from support.qt import wait_idle

from crm_desktop.domain.dates import PartialDate
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.models.timeline_model import Roles
from crm_desktop.gui.panes.contact_card import ago, birthday_text, losing_touch, open_deals_text
from crm_desktop.gui.panes.contact_detail import ContactDetailPane
from crm_desktop.gui.panes.timeline_edit import InteractionEditDialog
from crm_desktop.gui.panes.timeline_quicklog import split_text
from crm_desktop.services.dto import ContactInput, DealInput, InteractionInput, LabeledValue
from crm_desktop.services.registry import Services


@pytest.fixture
def pane(qtbot: Any, gui_ctx: GuiContext) -> Iterator[ContactDetailPane]:
    widget = ContactDetailPane(gui_ctx)
    qtbot.addWidget(widget)
    widget.resize(480, 700)
    widget.show()
    yield widget
    widget.show_contact(0)
    wait_idle(qtbot, gui_ctx.runner)


def make(services: Services, name: str, **kw: Any) -> int:
    return services.contacts.create(ContactInput(given_name=name, **kw)).id


def log(services: Services, cid: int, at: datetime, subject: str, **kw: Any) -> int:
    return services.interactions.log(
        InteractionInput((cid,), kw.pop("kind", "call"), at, subject=subject, **kw)
    ).id


def show(qtbot: Any, pane: ContactDetailPane, cid: int) -> None:
    pane.show_contact(cid)
    wait_idle(qtbot, pane.ctx.runner)


def subjects(pane: ContactDetailPane) -> list[str]:
    model = pane.timeline.model
    return [model.index(i, 0).data(Roles.Subject) for i in range(model.rowCount())]


def test_empty_state_for_no_contact(qtbot: Any, pane: ContactDetailPane) -> None:
    show(qtbot, pane, 0)
    assert pane.stack.currentWidget() is pane.empty
    assert pane.timeline.model.rowCount() == 0
    pane.focus_quick_log()  # nothing selected: harmless


def test_card_shows_the_customer(
    qtbot: Any, pane: ContactDetailPane, services: Services, gui_ctx: GuiContext
) -> None:
    cid = make(
        services,
        "Ελένη",
        family_name="Παπαδοπούλου",
        organization="Ναυτιλιακή",
        job_title="Buyer",
        emails=(LabeledValue("eleni@example.gr"),),
        tags=("VIP",),
        status="customer",
        birthday=PartialDate(3, 12, 1980),
        stay_in_touch_days=7,
    )
    services.deals.create(DealInput("Fleet", contact_id=cid, value_minor=250000))
    log(services, cid, gui_ctx.now() - timedelta(days=10), "Old call")
    show(qtbot, pane, cid)
    card = pane.card
    assert pane.stack.currentIndex() == 1
    assert card.name.text() == "Ελένη Παπαδοπούλου"
    assert card.work.text() == "Ναυτιλιακή · Buyer"
    assert ("VIP", False) in card.chips.chips and ("customer", True) in card.chips.chips
    assert "mailto:eleni@example.gr" in card.reach.text()
    assert card.fact["birthday"].text().startswith("12 March (turns ")
    assert card.fact["last"].text() == "10 days ago"
    assert "Losing touch" in card.fact["touch"].text()
    assert card.fact["deals"].text() == "1 open · 2500.00 EUR"
    assert subjects(pane) == ["Deal 'Fleet' created — 2500.00 EUR", "Old call"]
    with qtbot.waitSignal(pane.edit_requested) as edit:
        card.edit.click()
    assert edit.args == [cid]
    with qtbot.waitSignal(pane.meeting_requested) as meeting:
        card.meeting.click()
    assert meeting.args == [cid]


def test_quick_log_with_enter_adds_a_row_on_top_and_updates_the_card(
    qtbot: Any, pane: ContactDetailPane, services: Services, gui_ctx: GuiContext
) -> None:
    cid = make(services, "Győző")
    log(services, cid, gui_ctx.now() - timedelta(days=3), "Earlier")
    show(qtbot, pane, cid)
    assert pane.card.fact["last"].text() == "3 days ago"
    quick = pane.timeline.quick
    assert quick.kind.currentData() == "call"
    pane.focus_quick_log()
    quick.outcome.setCurrentIndex(quick.outcome.findData("successful"))
    quick.text.setPlainText("Agreed on the offer\nSends the contract on Friday")
    qtbot.keyClick(quick.text, Qt.Key.Key_Return)
    wait_idle(qtbot, gui_ctx.runner)
    model = pane.timeline.model
    assert subjects(pane) == ["Agreed on the offer", "Earlier"]
    top = model.index(0, 0)
    assert top.data(Roles.Notes) == "Sends the contract on Friday"
    assert top.data(Roles.OutcomeText) == "Successful"
    assert top.data(Roles.Header) == "Today"
    assert pane.card.fact["last"].text() == "today"
    assert quick.text.toPlainText() == "" and quick.outcome.currentData() is None


def test_quick_log_tab_order_and_empty_text(qtbot: Any, pane: ContactDetailPane) -> None:
    quick = pane.timeline.quick
    assert quick.kind.nextInFocusChain() is quick.outcome
    assert quick.outcome.nextInFocusChain() is quick.text
    quick.submit()
    assert quick.error.text()  # "Type what happened first."
    assert split_text("  Subject only ") == ("Subject only", None)
    assert split_text("Subject\n\nline 1\nline 2") == ("Subject", "line 1\nline 2")
    assert split_text("x" * 600) == (None, "x" * 600)


def test_delete_with_the_key_then_undo_restores_it(
    qtbot: Any, pane: ContactDetailPane, services: Services, gui_ctx: GuiContext
) -> None:
    cid = make(services, "Undo")
    at = datetime(2026, 2, 3, 9, 30, tzinfo=UTC)
    log(services, cid, at, "Keep me", notes="Μιλήσαμε", outcome="no_answer", duration_minutes=7)
    log(services, cid, at - timedelta(days=1), "Older")
    show(qtbot, pane, cid)
    view = pane.timeline.view
    view.setFocus()
    view.setCurrentIndex(pane.timeline.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    wait_idle(qtbot, gui_ctx.runner)
    assert subjects(pane) == ["Older"]
    assert pane.timeline.undo_bar.isVisible()
    assert pane.timeline.undo_bar.timer.isActive()
    pane.timeline.undo_delete()
    wait_idle(qtbot, gui_ctx.runner)
    assert subjects(pane) == ["Keep me", "Older"]
    assert not pane.timeline.undo_bar.isVisible()
    restored = pane.timeline.model.entries()[0].interaction
    assert restored is not None
    assert (restored.occurred_at, restored.notes, restored.outcome) == (at, "Μιλήσαμε", "no_answer")
    assert restored.duration_minutes == 7 and restored.contact_ids == (cid,)


def test_edit_dialog_saves_through_the_runner(
    qtbot: Any, pane: ContactDetailPane, services: Services, gui_ctx: GuiContext
) -> None:
    cid = make(services, "Edit")
    log(services, cid, datetime(2026, 2, 3, 9, 30, tzinfo=UTC), "Typo")
    show(qtbot, pane, cid)
    view = pane.timeline.view
    view.setFocus()
    view.setCurrentIndex(pane.timeline.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    wait_idle(qtbot, gui_ctx.runner)
    dialog = pane.findChild(InteractionEditDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.subject.setText("Fixed")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("successful"))
    dialog.done(QDialog.DialogCode.Accepted)
    wait_idle(qtbot, gui_ctx.runner)
    assert subjects(pane) == ["Fixed"]
    row = pane.timeline.model.entries()[0].interaction
    assert row is not None and row.outcome == "successful"
    assert row.occurred_at == datetime(2026, 2, 3, 9, 30, tzinfo=UTC)


def test_enter_expands_notes(
    qtbot: Any, pane: ContactDetailPane, services: Services, gui_ctx: GuiContext
) -> None:
    cid = make(services, "Notes")
    log(services, cid, datetime(2026, 2, 3, tzinfo=UTC), "Long", notes="1\n2\n3\n4\n5")
    show(qtbot, pane, cid)
    view = pane.timeline.view
    view.setFocus()
    index = pane.timeline.model.index(0, 0)
    view.setCurrentIndex(index)
    collapsed = view.visualRect(index).height()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert index.data(Roles.Expanded) is True
    qtbot.waitUntil(lambda: view.visualRect(index).height() > collapsed)


def test_stale_results_dropped_second_contact_wins(
    qtbot: Any, pane: ContactDetailPane, services: Services, gui_ctx: GuiContext
) -> None:
    first, second = make(services, "First"), make(services, "Second")
    for i in range(30):
        log(services, first, datetime(2026, 1, 1, tzinfo=UTC) - timedelta(hours=i), f"F{i}")
    log(services, second, datetime(2026, 1, 1, tzinfo=UTC), "S0")
    pane.show_contact(first)
    pane.show_contact(second)
    wait_idle(qtbot, gui_ctx.runner)
    assert pane.card.name.text() == "Second"
    assert subjects(pane) == ["S0"]


def test_changes_for_the_shown_contact_reload_others_do_not(
    qtbot: Any, pane: ContactDetailPane, services: Services, gui_ctx: GuiContext
) -> None:
    shown, other = make(services, "Shown"), make(services, "Other")
    show(qtbot, pane, shown)
    runner = gui_ctx.runner
    at = datetime(2026, 1, 1, tzinfo=UTC)
    runner.mutate(lambda: gui_ctx.services.interactions.log(InteractionInput((other,), "call", at)))
    wait_idle(qtbot, runner)
    assert subjects(pane) == []
    pane.hide()
    runner.mutate(
        lambda: gui_ctx.services.interactions.log(
            InteractionInput((shown,), "call", at, subject="While hidden")
        )
    )
    wait_idle(qtbot, runner)
    assert subjects(pane) == []  # hidden: deferred
    pane.show()
    wait_idle(qtbot, runner)
    assert subjects(pane) == ["While hidden"]


def test_a_deal_step_for_the_shown_contact_appears_in_the_timeline(
    qtbot: Any, pane: ContactDetailPane, services: Services, gui_ctx: GuiContext
) -> None:
    cid = make(services, "Dealer")
    log(services, cid, gui_ctx.now() - timedelta(days=1), "Offer call")
    deal_id = services.deals.create(DealInput("Fleet", contact_id=cid, stage="proposal")).id
    show(qtbot, pane, cid)
    assert subjects(pane) == ["Deal 'Fleet' created", "Offer call"]
    runner = gui_ctx.runner
    runner.mutate(lambda: gui_ctx.services.deals.move_to_stage(deal_id, "negotiation"))
    wait_idle(qtbot, runner)
    assert subjects(pane)[0] == "Deal 'Fleet' moved to negotiation"
    runner.mutate(lambda: gui_ctx.services.deals.close(deal_id, won=False, reason="price"))
    wait_idle(qtbot, runner)
    assert subjects(pane) == [
        "Deal 'Fleet' lost: price",
        "Deal 'Fleet' moved to negotiation",
        "Deal 'Fleet' created",
        "Offer call",
    ]


def test_plain_language_facts() -> None:
    today = date(2026, 11, 23)
    assert ago(today, today) == "today"
    assert ago(today - timedelta(days=1), today) == "yesterday"
    assert ago(today - timedelta(days=3), today) == "3 days ago"
    assert ago(today - timedelta(days=21), today) == "3 weeks ago"
    assert birthday_text(PartialDate(3, 12, 1980), date(2026, 2, 1)) == "12 March (turns 46)"
    assert birthday_text(PartialDate(3, 12, 1980), today) == "12 March (turns 47)"
    assert birthday_text(PartialDate(3, 12), today) == "12 March"
    assert birthday_text(PartialDate(11, 23, 1980), today) == "23 November (46 today)"
    assert birthday_text(PartialDate(11, 25), today) == "25 November · in 2 days"
    assert open_deals_text([]) == ""


def test_losing_touch_rule(services: Services) -> None:
    cid = make(services, "Cadence", stay_in_touch_days=14)
    detail = services.contacts.get(cid)
    now = datetime(2026, 11, 23, tzinfo=UTC)
    assert losing_touch(detail, now)  # never contacted
    services.interactions.log(InteractionInput((cid,), "call", now - timedelta(days=3)))
    assert not losing_touch(services.contacts.get(cid), now)
    assert losing_touch(services.contacts.get(cid), now + timedelta(days=12))
