"""MeetingEditorDialog: create with reminders, contacts and a rule; edit; errors; discard."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate, QTime

from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.dialogs.meeting_editor import MeetingEditorDialog
from crm_desktop.services.calendar import CalendarService
from crm_desktop.services.dto import ContactInput, EventInput
from crm_desktop.services.registry import Services
from tests.gui.conftest import ZONE
from tests.support.qt import wait_idle


@pytest.fixture
def anna(services: Services) -> int:
    return services.contacts.create(ContactInput(given_name="Anna", family_name="Szabó")).id


def open_dialog(
    qtbot: Any, ctx: GuiContext, event_id: int | None = None, **kw: Any
) -> MeetingEditorDialog:
    dialog = MeetingEditorDialog(ctx, event_id, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ctx.runner)
    return dialog


def test_create_stores_reminders_contact_and_recurrence(
    qtbot: Any, gui_ctx: GuiContext, services: Services, anna: int
) -> None:
    dialog = open_dialog(qtbot, gui_ctx, day=date(2026, 12, 1))
    dialog.title_edit.setText("Offer review")
    dialog.start_edit.setTime(QTime(10, 0))
    dialog.duration.setValue(45)
    dialog.location.setText("Andrássy út 12")
    with qtbot.waitSignal(dialog.contacts.results_shown):
        dialog.contacts.search.setText("Szab")
    dialog.contacts._take_first()
    assert dialog.contacts.contact_ids() == (anna,)
    dialog.reminder_boxes[1440].setChecked(True)  # 15 min is on by default
    dialog.freq.setCurrentIndex(dialog.freq.findData("weekly"))
    dialog.interval.setValue(2)
    dialog.ends.setCurrentIndex(2)
    dialog.count.setValue(6)
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save()
    detail = CalendarService(services.db).event_detail(saved.args[0])
    occ = detail.occurrence
    assert occ.title == "Offer review"
    assert occ.reminder_minutes == (15, 1440)
    assert occ.contact_ids == (anna,)
    assert occ.start == datetime(2026, 12, 1, 10, 0, tzinfo=ZONE)
    assert occ.end - occ.start == timedelta(minutes=45)
    assert detail.recurrence == Recurrence(Frequency.WEEKLY, 2, count=6)
    assert detail.timezone == ZONE.key
    assert not dialog.isVisible()


def test_edit_loads_and_saves_changes(
    qtbot: Any, gui_ctx: GuiContext, services: Services, anna: int
) -> None:
    start = datetime(2026, 12, 3, 14, 0, tzinfo=ZONE)
    event_id = services.events.create(
        EventInput(
            title="Call",
            start=start,
            end=start + timedelta(minutes=30),
            timezone=ZONE.key,
            kind="call",
            contact_ids=(anna,),
            reminder_minutes=(0, 60),
            notes="Ask about Q1",
        )
    ).id
    dialog = open_dialog(qtbot, gui_ctx, event_id)
    assert dialog.title_edit.text() == "Call"
    assert dialog.kind.currentData() == "call"
    assert dialog.start_edit.time() == QTime(14, 0)
    assert dialog.duration.value() == 30
    assert dialog.notes.toPlainText() == "Ask about Q1"
    assert [m for m, b in dialog.reminder_boxes.items() if b.isChecked()] == [0, 60]
    assert dialog.status.isVisibleTo(dialog)
    assert not dialog.is_dirty()
    dialog.title_edit.setText("Call Anna")
    dialog.date_edit.setDate(QDate(2026, 12, 4))
    dialog.status.setCurrentIndex(dialog.status.findData("missed"))
    dialog.contacts.remove_contact(anna)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    occ = services.events.get(event_id)
    assert (occ.title, occ.status, occ.contact_ids) == ("Call Anna", "missed", ())
    assert occ.start == datetime(2026, 12, 4, 14, 0, tzinfo=ZONE)


def test_service_error_shows_next_to_the_field(qtbot: Any, gui_ctx: GuiContext) -> None:
    dialog = open_dialog(qtbot, gui_ctx)
    dialog.title_edit.setText("   ")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors["Title"].isVisible())
    assert "required" in dialog.errors["Title"].text()
    assert dialog.isVisible()


def test_cancel_with_changes_asks_first(qtbot: Any, gui_ctx: GuiContext) -> None:
    dialog = open_dialog(qtbot, gui_ctx)
    asked: list[bool] = []
    dialog._confirm_discard = lambda: asked.append(True) or False  # type: ignore[method-assign]
    dialog.title_edit.setText("Something")
    dialog.reject()
    assert asked == [True] and dialog.isVisible()
    dialog._confirm_discard = lambda: True  # type: ignore[method-assign]
    dialog.reject()
    assert not dialog.isVisible()


def test_cancel_without_changes_just_closes(qtbot: Any, gui_ctx: GuiContext, anna: int) -> None:
    dialog = open_dialog(qtbot, gui_ctx, contact_id=anna)
    assert dialog.contacts.contact_ids() == (anna,)
    dialog._confirm_discard = lambda: pytest.fail("nothing to discard")  # type: ignore[method-assign]
    dialog.reject()
    assert not dialog.isVisible()


def test_all_day_meeting(qtbot: Any, gui_ctx: GuiContext, services: Services) -> None:
    dialog = open_dialog(qtbot, gui_ctx, day=date(2026, 12, 5), start=time(9, 0))
    dialog.title_edit.setText("Trade fair")
    dialog.all_day.setChecked(True)
    assert not dialog.start_edit.isEnabled()
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save()
    occ = services.events.get(saved.args[0])
    assert occ.all_day and occ.start == datetime(2026, 12, 5, tzinfo=ZONE)
