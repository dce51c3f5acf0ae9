"""The lower half of the detail pane: quick-log bar, undo bar and the timeline list.

Every save, edit and delete is a runner mutation; the list itself reloads
when the runner broadcasts the change (the detail pane routes it here), so
another window's edits show up the same way as ours. A delete keeps the
full row for ~10 s so Undo can log it again.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crm_desktop.gui import icons
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.models.timeline_model import TimelineModel
from crm_desktop.gui.panes.timeline_edit import InteractionEditDialog
from crm_desktop.gui.panes.timeline_quicklog import QuickEntry, QuickLogBar
from crm_desktop.gui.panes.timeline_view import TimelineView
from crm_desktop.services.changes import Changes, Saved
from crm_desktop.services.dto import InteractionInput, InteractionRow

UNDO_MS = 10_000


class UndoBar(QFrame):
    """ "Interaction deleted — Undo", shown inline for a few seconds."""

    undo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.label = QLabel(self.tr("Interaction deleted"), self)
        self.button = QPushButton(icons.icon("undo"), self.tr("&Undo"), self)
        self.button.setAccessibleName(self.tr("Undo delete"))
        self.button.clicked.connect(self.undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(UNDO_MS)
        self.timer.timeout.connect(self.hide)
        self.hide()

    def flash(self) -> None:
        self.show()
        self.timer.start()


class TimelinePanel(QWidget):
    status = Signal(str)  # a short message for the user (errors)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contact_id = 0
        self.deleted: InteractionRow | None = None
        self._restore: tuple[str | None, int] | None = None

        self.quick = QuickLogBar(self)
        self.quick.submitted.connect(self.log)
        self.undo_bar = UndoBar(self)
        self.undo_bar.undo.connect(self.undo_delete)
        self.model = TimelineModel(ctx, self)
        self.view = TimelineView(self)
        self.view.setModel(self.model)
        self.view.edit_requested.connect(self.edit)
        self.view.delete_requested.connect(self.delete)
        self.model.loaded.connect(self._on_loaded)
        self.model.failed.connect(self._on_failed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.quick)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.view, 1)
        QWidget.setTabOrder(self.quick.save, self.view)

    # -- loading -----------------------------------------------------------------------

    def set_contact(self, contact_id: int) -> None:
        self.contact_id = max(contact_id, 0)
        self._restore = None
        self.undo_bar.hide()
        self.deleted = None
        self.quick.show_error("")
        self.quick.setEnabled(self.contact_id > 0)
        self.view.empty_text = ""
        self.model.set_contact(self.contact_id)

    def reload(self) -> None:
        if not self.contact_id:
            return
        current = self.model.entry(self.view.currentIndex())
        self._restore = (current.uid if current else None, self.view.verticalScrollBar().value())
        self.model.reload()

    def _on_loaded(self, reload: bool) -> None:
        self.view.empty_text = self.tr(
            "No interactions yet. Log the first one above: type what happened and press Enter."
        )
        self.view.viewport().update()
        if not reload or self._restore is None:
            return
        uid, scroll = self._restore
        self._restore = None
        row = self.model.row_of(uid) if uid else -1
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.doItemsLayout()
        self.view.verticalScrollBar().setValue(scroll)

    def _on_failed(self, message: str) -> None:
        self.status.emit(message)
        self.quick.show_error(self.tr("Could not load the timeline: %1").replace("%1", message))

    # -- quick log ---------------------------------------------------------------------

    def focus_quick_log(self) -> None:
        self.quick.focus_text()

    def log(self, entry: QuickEntry) -> None:
        if not self.contact_id:
            return
        data = InteractionInput(
            contact_ids=(self.contact_id,),
            kind=entry.kind,
            occurred_at=self.ctx.now(),
            subject=entry.subject,
            notes=entry.notes,
            outcome=entry.outcome,
        )
        ctx = self.ctx
        self.quick.setEnabled(False)

        def done(_: Changes | Saved) -> None:
            self.quick.setEnabled(True)
            self.quick.saved()
            self.quick.focus_text()

        def failed(exc: BaseException) -> None:
            self.quick.setEnabled(True)
            self.quick.show_error(str(exc))
            self.quick.focus_text()

        ctx.runner.mutate(lambda: ctx.services.interactions.log(data), done, failed)

    # -- edit, delete, undo ------------------------------------------------------------

    def _interaction_id(self, index: QModelIndex) -> int | None:
        entry = self.model.entry(index)
        if entry is None or entry.interaction is None:
            return None
        return entry.interaction.id

    def edit(self, index: QModelIndex) -> None:
        interaction_id = self._interaction_id(index)
        if interaction_id is None:
            return
        ctx = self.ctx
        ctx.runner.run(
            lambda: ctx.services.interactions.get(interaction_id),
            self._open_editor,
            lambda exc: self.quick.show_error(str(exc)),
        )

    def _open_editor(self, row: InteractionRow) -> None:
        dialog = InteractionEditDialog(row, self.ctx.zone, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ctx = self.ctx

        def save() -> None:
            data = dialog.result_input()
            ctx.runner.mutate(
                lambda: ctx.services.interactions.update(row.id, data),
                None,
                lambda exc: self.quick.show_error(str(exc)),
            )

        dialog.accepted.connect(save)
        dialog.open()

    def delete(self, index: QModelIndex) -> None:
        interaction_id = self._interaction_id(index)
        if interaction_id is None:
            return
        ctx = self.ctx
        kept: list[InteractionRow] = []

        def job() -> Changes:
            kept.append(ctx.services.interactions.get(interaction_id))
            return ctx.services.interactions.delete([interaction_id])

        def done(_: Changes | Saved) -> None:
            self.deleted = kept[0]
            self.undo_bar.flash()
            self.undo_bar.button.setFocus()

        ctx.runner.mutate(job, done, lambda exc: self.quick.show_error(str(exc)))

    def undo_delete(self) -> None:
        row, self.deleted = self.deleted, None
        self.undo_bar.hide()
        if row is None:
            return
        data = InteractionInput(
            contact_ids=row.contact_ids,
            kind=row.kind,
            occurred_at=row.occurred_at,
            direction=row.direction,
            duration_minutes=row.duration_minutes,
            subject=row.subject,
            notes=row.notes,
            outcome=row.outcome,
            attachments=row.attachments,
        )
        ctx = self.ctx
        ctx.runner.mutate(
            lambda: ctx.services.interactions.log(data),
            lambda _: self.view.setFocus(),
            lambda exc: self.quick.show_error(str(exc)),
        )
