"""The timeline list: keyboard first (Enter expands, F2 edits, Del deletes, Menu key).

The main window binds Delete to "move contact to trash" as a window-wide
shortcut; while this view has the focus it claims Delete (and F2, Enter)
in ``ShortcutOverride``, so the key deletes the interaction under the
cursor, never the contact.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu, QWidget

from crm_desktop.gui import icons
from crm_desktop.gui.models.timeline_model import TimelineModel
from crm_desktop.gui.panes.timeline_delegate import TimelineDelegate, secondary

_CLAIMED = {Qt.Key.Key_Delete, Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter}


class TimelineView(QListView):
    edit_requested = Signal(QModelIndex)
    delete_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setAccessibleName(self.tr("Interaction timeline"))
        self.setAccessibleDescription(
            self.tr("Enter shows all notes, F2 edits, Delete deletes the selected interaction")
        )
        self.setItemDelegate(TimelineDelegate(self))
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMouseTracking(True)
        self.setWordWrap(True)
        self.clicked.connect(self.toggle)
        self.doubleClicked.connect(self._edit_index)
        self.empty_text = ""

    def timeline(self) -> TimelineModel | None:
        model = self.model()
        return model if isinstance(model, TimelineModel) else None

    # -- actions ----------------------------------------------------------------------

    def toggle(self, index: QModelIndex) -> None:
        model = self.timeline()
        if model is None or not index.isValid():
            return
        model.toggle_expanded(index)
        delegate = self.itemDelegate()
        delegate.sizeHintChanged.emit(index)

    def _edit_index(self, index: QModelIndex) -> None:
        model = self.timeline()
        if model is not None and index.isValid() and model.entry(index) is not None:
            self.edit_requested.emit(index)

    # -- keyboard and menu ---------------------------------------------------------------

    def event(self, e: QEvent) -> bool:
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and isinstance(e, QKeyEvent)
            and e.key() in _CLAIMED
            and e.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        index = self.currentIndex()
        plain = e.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and index.isValid():
            if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.toggle(index)
                return
            if e.key() == Qt.Key.Key_F2:
                self._edit_index(index)
                return
            if e.key() == Qt.Key.Key_Delete or e.matches(QKeySequence.StandardKey.Delete):
                self.delete_requested.emit(index)
                return
        super().keyPressEvent(e)

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        if e.reason() == QContextMenuEvent.Reason.Keyboard:
            index = self.currentIndex()
            pos = self.visualRect(index).center() if index.isValid() else QPoint(8, 8)
        else:
            index = self.indexAt(e.pos())
            pos = e.pos()
        model = self.timeline()
        entry = model.entry(index) if model is not None else None
        if entry is None:
            return
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Timeline entry actions"))
        toggle = menu.addAction(self.tr("Show or hide all notes"))
        toggle.setShortcut(QKeySequence(Qt.Key.Key_Return))
        toggle.triggered.connect(lambda: self.toggle(index))
        if entry.source == "interaction":
            edit = menu.addAction(icons.icon("contact-edit"), self.tr("&Edit…"))
            edit.setShortcut(QKeySequence(Qt.Key.Key_F2))
            edit.triggered.connect(lambda: self.edit_requested.emit(index))
            delete = menu.addAction(icons.icon("trash"), self.tr("&Delete"))
            delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
            delete.triggered.connect(lambda: self.delete_requested.emit(index))
        menu.popup(self.viewport().mapToGlobal(pos))

    # -- empty state ------------------------------------------------------------------------

    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        model = self.model()
        if self.empty_text and (model is None or model.rowCount() == 0):
            painter = QPainter(self.viewport())
            painter.setPen(secondary(self.palette(), False))
            painter.drawText(
                self.viewport().rect().adjusted(24, 24, -24, -24),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                self.empty_text,
            )
            painter.end()
