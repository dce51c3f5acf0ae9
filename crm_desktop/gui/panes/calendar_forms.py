"""Pieces the meeting and task editors share: a contact picker and inline errors.

The picker searches as the user types, through the task runner with a key,
so a fast typist only ever sees the results of the last keystroke.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, time
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.choices import EventKind, EventStatus
from crm_desktop.gui import icons
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.i18n import fmt
from crm_desktop.services.dto import ContactRow

ID_ROLE = Qt.ItemDataRole.UserRole
T = TypeVar("T")
_SEARCH_DELAY_MS = 120


def if_alive(widget: QObject, callback: Callable[[T], None]) -> Callable[[T], None]:
    """Wrap a runner callback so a result arriving after ``widget`` was deleted is dropped."""

    def guarded(value: T) -> None:
        if shiboken6.isValid(widget):
            callback(value)

    return guarded


def reminder_label(minutes: int) -> str:
    units = (
        (
            10080,
            QCoreApplication.translate("MeetingEditor", "1 week"),
            QCoreApplication.translate("MeetingEditor", "%1 weeks"),
        ),
        (
            1440,
            QCoreApplication.translate("MeetingEditor", "1 day"),
            QCoreApplication.translate("MeetingEditor", "%1 days"),
        ),
        (
            60,
            QCoreApplication.translate("MeetingEditor", "1 hour"),
            QCoreApplication.translate("MeetingEditor", "%1 hours"),
        ),
    )
    if minutes == 0:
        return QCoreApplication.translate("MeetingEditor", "At start")
    for size, one, many in units:
        if minutes % size == 0:
            return one if minutes == size else fmt(many, minutes // size)
    return fmt(QCoreApplication.translate("MeetingEditor", "%1 min"), minutes)


def kind_labels() -> dict[str, str]:
    return {
        EventKind.MEETING: QCoreApplication.translate("MeetingEditor", "Meeting"),
        EventKind.CALL: QCoreApplication.translate("MeetingEditor", "Call"),
        EventKind.FOLLOW_UP: QCoreApplication.translate("MeetingEditor", "Follow-up"),
    }


def status_labels() -> dict[str, str]:
    return {
        EventStatus.PLANNED: QCoreApplication.translate("MeetingEditor", "Planned"),
        EventStatus.HELD: QCoreApplication.translate("MeetingEditor", "Held"),
        EventStatus.CANCELLED: QCoreApplication.translate("MeetingEditor", "Cancelled"),
        EventStatus.MISSED: QCoreApplication.translate("MeetingEditor", "Missed"),
    }


def py_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def py_time(value: QTime) -> time:
    return time(value.hour(), value.minute())


def kind_icon(kind: str) -> str:
    return {"meeting": "kind-meeting", "call": "kind-call"}.get(kind, "reminder")


class ErrorLabel(QLabel):
    """A plain-words message under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.red)
        self.setPalette(palette)
        self.setAccessibleName(self.tr("Error"))

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class ContactPicker(QWidget):
    """Search-as-you-type contact chooser; ``single`` keeps at most one contact."""

    changed = Signal()
    results_shown = Signal(int)  # how many matches are listed

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None, *, single: bool = False):
        super().__init__(parent)
        self.ctx = ctx
        self.single = single
        self._key = f"contact-picker-{id(self)}"
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Type a name to link a contact…"))
        self.search.setAccessibleName(self.tr("Search contacts to link"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setAccessibleName(self.tr("Matching contacts"))
        self.results.setMaximumHeight(110)
        self.results.setVisible(False)
        self.chosen = QListWidget(self)
        self.chosen.setAccessibleName(self.tr("Linked contacts"))
        self.chosen.setVisible(False)
        self.chosen.setToolTip(self.tr("Press Delete to unlink the selected contact"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.chosen)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._take_first)
        self.search.installEventFilter(self)
        self.results.itemActivated.connect(self._take)
        self.results.itemClicked.connect(self._take)
        self.chosen.installEventFilter(self)
        self.setFocusProxy(self.search)

    # -- values ----------------------------------------------------------------

    def contact_ids(self) -> tuple[int, ...]:
        return tuple(int(self.chosen.item(i).data(ID_ROLE)) for i in range(self.chosen.count()))

    def set_contacts(self, contacts: Sequence[tuple[int, str]]) -> None:
        self.chosen.clear()
        for contact_id, name in contacts:
            self._add_chip(contact_id, name)
        self._sync()

    def add_contact(self, contact_id: int, name: str) -> None:
        if contact_id in self.contact_ids():
            return
        if self.single:
            self.chosen.clear()
        self._add_chip(contact_id, name)
        self._sync()
        self.changed.emit()

    def remove_contact(self, contact_id: int) -> None:
        for row in range(self.chosen.count()):
            if self.chosen.item(row).data(ID_ROLE) == contact_id:
                self.chosen.takeItem(row)
                break
        self._sync()
        self.changed.emit()

    # -- internals -------------------------------------------------------------

    def _add_chip(self, contact_id: int, name: str) -> None:
        item = QListWidgetItem(icons.icon("contact"), name)
        item.setData(ID_ROLE, contact_id)
        self.chosen.addItem(item)
        button = QToolButton(self.chosen)
        button.setIcon(icons.icon("close"))
        button.setAutoRaise(True)
        button.setToolTip(fmt(self.tr("Unlink %1"), name))
        button.setAccessibleName(fmt(self.tr("Unlink %1"), name))
        button.clicked.connect(lambda: self.remove_contact(contact_id))
        holder = QWidget(self.chosen)
        row = QVBoxLayout(holder)
        row.setContentsMargins(0, 0, 2, 0)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.chosen.setItemWidget(item, holder)

    def _sync(self) -> None:
        count = self.chosen.count()
        self.chosen.setVisible(count > 0)
        row = self.chosen.sizeHintForRow(0) if count else 0
        self.chosen.setFixedHeight(min(count, 3) * (row + 2) + 6)
        if self.single:
            self.search.setPlaceholderText(
                self.tr("Type a name to change the contact…")
                if self.chosen.count()
                else self.tr("Type a name to link a contact…")
            )

    def _run_search(self) -> None:
        query = self.search.text().strip()
        if not query:
            self._show_results([])
            return
        ctx = self.ctx
        self.ctx.runner.run(
            lambda: ctx.services.contacts.search(query, limit=8),
            if_alive(self, self._show_results),
            if_alive(self, lambda _exc: self._show_results([])),
            key=self._key,
        )

    def _show_results(self, rows: list[ContactRow]) -> None:
        self.results.clear()
        for row in rows:
            label = row.display_name + (f" · {row.organization}" if row.organization else "")
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, row.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, row.display_name)
            self.results.addItem(item)
        self.results.setVisible(bool(rows))
        if rows:
            self.results.setCurrentRow(0)
        self.results_shown.emit(len(rows))

    def _take(self, item: QListWidgetItem) -> None:
        self.add_contact(int(item.data(ID_ROLE)), str(item.data(Qt.ItemDataRole.UserRole + 1)))
        self.search.clear()
        self._show_results([])
        self.search.setFocus()

    def _take_first(self) -> None:
        item = self.results.currentItem() or self.results.item(0)
        if item is not None and self.results.isVisible():
            self._take(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            arrows = (Qt.Key.Key_Down, Qt.Key.Key_Up)
            if watched is self.search and key in arrows and self.results.isVisible():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if watched is self.chosen and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                item = self.chosen.currentItem()
                if item is not None:
                    self.remove_contact(int(item.data(ID_ROLE)))
                    return True
        return super().eventFilter(watched, event)
