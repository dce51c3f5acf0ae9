"""The customer list: type-ahead search, filters, a paged table, bulk actions.

Every keystroke restarts a short debounce; the query then runs on the
worker with a key, so an older search that finishes late is dropped, never
painted over a newer one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.gui import icons
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.i18n import fmt
from crm_desktop.gui.models.contact_table import ID_ROLE, ContactTableModel
from crm_desktop.gui.panes.contact_filters import ContactFilterBar
from crm_desktop.gui.widgets.empty_state import EmptyState
from crm_desktop.gui.widgets.undo_bar import UndoBar
from crm_desktop.services.changes import Changes
from crm_desktop.services.contact_queries import ContactQuery

#: 0 still coalesces the keys already queued; a slower typist gets every keystroke searched,
#: and stale searches are superseded on the worker, never queued behind each other.
DEBOUNCE_MS = 0


class ContactListPane(QWidget):
    contact_selected = Signal(int)  # 0 when nothing is selected
    count_changed = Signal(int, int)  # shown, total
    first_data_shown = Signal()
    demo_requested = Signal()
    exported = Signal(str, int)  # folder, files written
    new_contact_requested = Signal()

    def __init__(self, ctx: GuiContext, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # Questions asked of the user; tests put answers in their place.
        self.confirm_erase: Callable[[int], bool] = self._ask_erase
        self.choose_directory: Callable[[], str] = self._ask_directory
        self._pending_select: int | None = None
        self._shown_once = False
        self._last_emitted = 0

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search names, companies, e-mails, phones, tags…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName(self.tr("Search contacts"))
        self.filters = ContactFilterBar(ctx, settings, self.full_query, self)

        self.model = ContactTableModel(ctx, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Contacts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for column, width in enumerate((180, 150, 80, 110, 110, 130, 130, 180)):
            header.resizeSection(column, width)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.empty = EmptyState(self)
        self.empty.demo_clicked.connect(self.demo_requested)
        self.empty.new_clicked.connect(self.new_contact_requested)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.undo_bar = UndoBar(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 4)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.filters)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.undo_bar)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._run_query)
        self.search.textEdited.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._focus_table)
        self.filters.query_changed.connect(lambda _q: self._run_query())
        self.filters.view_opened.connect(self._open_view)
        self.model.loaded.connect(self._on_loaded)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._emit_selection())
        ctx.runner.changed.connect(self._on_changed)

        trash = QAction(self)
        trash.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        trash.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        trash.triggered.connect(self.trash_selected)
        self.table.addAction(trash)

    # -- loading -----------------------------------------------------------------

    def start(self) -> None:
        """First load, once the services are open."""
        self.filters.load()
        self._run_query()

    def full_query(self) -> ContactQuery:
        return self.filters.query(replace(self.model.query, text=self.search.text().strip()))

    def _run_query(self) -> None:
        self.model.set_query(self.full_query())

    def _open_view(self, query: ContactQuery) -> None:
        self.search.setText(query.text)
        self.model.set_query(query)

    def _on_loaded(self, shown: int, total: int) -> None:
        self.count_changed.emit(shown, total)
        first_run = total == 0 and not self.full_query().trashed
        self.stack.setCurrentWidget(self.empty if first_run else self.table)
        if self._pending_select is not None:
            wanted, self._pending_select = self._pending_select, None
            self.select_contact(wanted)
        elif self.model.rowCount() and not self.table.currentIndex().isValid():
            self._select_row(0)
        elif not self.model.rowCount():
            self._emit_current(0)
        if not self._shown_once:
            self._shown_once = True
            self.first_data_shown.emit()

    def _on_changed(self, changes: Changes) -> None:
        if changes.contacts and len(changes.contacts) == 1:
            # Keep the edited or new contact selected after the list reloads.
            (only,) = changes.contacts
            current = self.current_id()
            if current is None or current == only:
                self._pending_select = only

    # -- selection ---------------------------------------------------------------

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def select_contact(self, contact_id: int) -> None:
        """Select ``contact_id`` (after the next load if the list is not loaded yet)."""
        if contact_id <= 0:
            return
        row = self.model.row_of(contact_id)
        if row >= 0:
            self._select_row(row)
        else:
            self._pending_select = contact_id

    def select_next(self) -> None:
        self._step(+1)

    def select_previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        count = self.model.rowCount()
        if count:
            current = self.table.currentIndex().row()
            self._select_row(min(count - 1, max(0, current + delta)))

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        value = self.model.data(index, ID_ROLE) if index.isValid() else None
        return int(value) if isinstance(value, int) else None

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [cid for r in rows if (cid := self.model.contact_id(r)) is not None]

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._emit_current(self.model.contact_id(current.row()) or 0)

    def _emit_current(self, contact_id: int) -> None:
        if contact_id != self._last_emitted:
            self._last_emitted = contact_id
            self.contact_selected.emit(contact_id)

    def _emit_selection(self) -> None:
        current = self.current_id()
        self._emit_current(current or 0)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- bulk actions ------------------------------------------------------------

    def _context_menu(self, pos: QPoint) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        menu.addAction(icons.icon("tag"), self.tr("Add tag…"), self.tag_selected)
        status_menu = menu.addMenu(self.tr("Set status"))
        for i in range(1, self.filters.status.count()):
            name = self.filters.status.itemText(i).rsplit(" (", 1)[0]
            status_menu.addAction(name, partial(self.set_status_selected, name))
        menu.addSeparator()
        if len(ids) == 1:
            menu.addAction(
                icons.icon("export"),
                self.tr("Export everything about this person…"),
                self.export_person,
            )
        if self.full_query().trashed:
            menu.addAction(icons.icon("undo"), self.tr("Restore"), self.restore_selected)
            menu.addAction(icons.icon("trash"), self.tr("Erase permanently…"), self.erase_selected)
        else:
            menu.addAction(icons.icon("trash"), self.tr("Move to trash"), self.trash_selected)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # -- privacy: the right of access and the right to erasure -------------------------

    def _ask_erase(self, count: int) -> bool:
        answer = QMessageBox.warning(
            self,
            self.tr("Erase permanently"),
            self.tr(
                "Erase %n contact(s) for good? Their interactions, meetings, tasks and "
                "purchases go too, and nothing of them stays in the database file. "
                "This cannot be undone.",
                "",
                count,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _ask_directory(self) -> str:
        return QFileDialog.getExistingDirectory(self, self.tr("Export into folder"))

    def erase_selected(self) -> None:
        """Erase contacts from the trash, after a confirmation (GDPR erasure)."""
        ids = self.selected_ids()
        if not ids or not self.full_query().trashed:
            return
        if self.confirm_erase(len(ids)):
            self.ctx.runner.mutate(lambda: self.ctx.services.contacts.erase(ids))

    def export_person(self) -> None:
        """Write everything stored about the selected person into a folder (JSON and CSV)."""
        from pathlib import Path

        contact_id = self.current_id()
        folder = self.choose_directory()
        if contact_id is None or not folder:
            return

        def job() -> int:
            from crm_desktop.services.privacy import PrivacyService

            return len(PrivacyService(self.ctx.services.db).export_person(contact_id, Path(folder)))

        self.ctx.runner.run(job, lambda n: self.exported.emit(folder, n), self._export_failed)

    def _export_failed(self, error: BaseException) -> None:
        QMessageBox.warning(
            self,
            self.tr("Export everything about this person"),
            fmt(self.tr("The export could not be written (%1)."), type(error).__name__),
        )

    def tag_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        tag, ok = QInputDialog.getText(
            self, self.tr("Add tag"), self.tr("Tag for %n contact(s):", "", len(ids))
        )
        if ok and tag.strip():
            self.ctx.runner.mutate(lambda: self.ctx.services.contacts.add_tag(ids, tag))

    def set_status_selected(self, status: str) -> None:
        ids = self.selected_ids()
        if ids:
            self.ctx.runner.mutate(lambda: self.ctx.services.contacts.set_status(ids, status))

    def trash_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.full_query().trashed:
            return
        self.ctx.runner.mutate(lambda: self.ctx.services.contacts.trash(ids))
        self.undo_bar.offer(
            self.tr("%n contact(s) moved to the trash", "", len(ids)),
            lambda: self.ctx.runner.mutate(lambda: self.ctx.services.contacts.restore(ids)),
        )

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.ctx.runner.mutate(lambda: self.ctx.services.contacts.restore(ids))
