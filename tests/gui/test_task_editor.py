"""TaskEditorDialog: due day or time, priority, one linked contact; edit; discard."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QDate, QTime

from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.dialogs.task_editor import AT_TIME, NO_DUE, TaskEditorDialog
from crm_desktop.services.dto import ContactInput, TaskInput
from crm_desktop.services.registry import Services
from tests.support.qt import wait_idle


def open_dialog(
    qtbot: Any, ctx: GuiContext, task_id: int | None = None, **kw: Any
) -> TaskEditorDialog:
    dialog = TaskEditorDialog(ctx, task_id, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ctx.runner)
    return dialog


def test_create_timed_task_with_contact(
    qtbot: Any, gui_ctx: GuiContext, services: Services
) -> None:
    zsofi = services.contacts.create(ContactInput(given_name="Zsófia", family_name="Kovács")).id
    dialog = open_dialog(qtbot, gui_ctx, contact_id=zsofi, day=date(2026, 12, 1))
    assert dialog.contact.contact_ids() == (zsofi,)
    dialog.title_edit.setText("Send the offer")
    dialog.due_mode.setCurrentIndex(AT_TIME)
    dialog.due_time.setTime(QTime(16, 30))
    dialog.priority.setCurrentIndex(dialog.priority.findData(3))
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save()
    row = services.tasks.get(saved.args[0])
    assert row.title == "Send the offer"
    assert row.due_at == datetime(2026, 12, 1, 15, 30, tzinfo=UTC)  # 16:30 in Budapest
    assert (row.due_date, row.priority, row.contact_id) == (None, 3, zsofi)


def test_edit_task_to_no_due_date(qtbot: Any, gui_ctx: GuiContext, services: Services) -> None:
    task_id = services.tasks.create(TaskInput(title="Call", due_date=date(2026, 12, 2))).id
    dialog = open_dialog(qtbot, gui_ctx, task_id)
    assert dialog.due_date.date() == QDate(2026, 12, 2)
    assert not dialog.is_dirty()
    dialog.due_mode.setCurrentIndex(NO_DUE)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    row = services.tasks.get(task_id)
    assert (row.due_date, row.due_at) == (None, None)


def test_blank_title_is_explained(qtbot: Any, gui_ctx: GuiContext) -> None:
    dialog = open_dialog(qtbot, gui_ctx)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors["Title"].isVisible())
    dialog._confirm_discard = lambda: False  # type: ignore[method-assign]
    dialog.title_edit.setText("x")
    dialog.reject()
    assert dialog.isVisible()
