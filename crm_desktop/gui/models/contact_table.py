"""The customer list model: ids for the whole list, rows fetched a page at a time.

A QSortFilterProxyModel over 100,000 rows costs 0.1-1.6 s per keystroke;
here SQLite filters and sorts, the model keeps only the ordered ids and a
cache of the rows it has shown. Rows not cached yet read as empty while
their page is fetched on the worker; ``dataChanged`` repaints them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.plurals import ago
from crm_desktop.services.changes import Changes
from crm_desktop.services.contact_queries import ContactQuery, ContactSort
from crm_desktop.services.dto import ContactRow

PAGE = 100
#: Pages of rows kept in memory: scrolling through 100,000 contacts must not keep them all.
MAX_CACHED_PAGES = 30
Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[tuple[str, ContactSort | None], ...] = (
    ("name", ContactSort.NAME),
    ("organization", ContactSort.ORGANIZATION),
    ("status", ContactSort.STATUS),
    ("tags", ContactSort.TAGS),
    ("last_contacted", ContactSort.LAST_CONTACTED),
    ("next_meeting", ContactSort.NEXT_MEETING),
    ("phone", ContactSort.PHONE),
    ("email", ContactSort.EMAIL),
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: ids in list order, the first page's rows, live contacts in all, next meetings of the page
ListResult = tuple[list[int], list[ContactRow], int, dict[int, datetime]]
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        ID_ROLE,
    }
)


def _when(start: datetime) -> str:
    """A next meeting as the list shows it: "Tue 24 Nov 14:00"."""
    day = QLocale().toString(QDate(start.year, start.month, start.day), "ddd d MMM")
    return f"{day} {start:%H:%M}"


class ContactTableModel(QAbstractTableModel):
    """Rows are contacts in the order SQLite returned their ids."""

    loaded = Signal(int, int)  # shown, total live contacts
    HEADERS: tuple[str, ...] = (
        str(QT_TRANSLATE_NOOP("ContactTableModel", "Name")),
        str(QT_TRANSLATE_NOOP("ContactTableModel", "Organization")),
        str(QT_TRANSLATE_NOOP("ContactTableModel", "Status")),
        str(QT_TRANSLATE_NOOP("ContactTableModel", "Tags")),
        str(QT_TRANSLATE_NOOP("ContactTableModel", "Last contacted")),
        str(QT_TRANSLATE_NOOP("ContactTableModel", "Next meeting")),
        str(QT_TRANSLATE_NOOP("ContactTableModel", "Phone")),
        str(QT_TRANSLATE_NOOP("ContactTableModel", "E-mail")),
    )

    def __init__(
        self,
        ctx: GuiContext,
        parent: QObject | None = None,
        *,
        max_cached_pages: int = MAX_CACHED_PAGES,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.max_cached_pages = max_cached_pages
        self.query = ContactQuery()
        self._ids: list[int] = []
        self._rows: dict[int, ContactRow] = {}
        self._next: dict[int, datetime] = {}  # next planned meeting of the cached rows
        self._cached_pages: OrderedDict[int, None] = OrderedDict()  # least recently used first
        self._pending_pages: set[int] = set()
        self._generation = 0
        self._now = datetime.now(UTC)
        self._total = -1  # live contacts in the database; -1 until counted
        ctx.runner.changed.connect(self._on_changed)

    # -- loading ---------------------------------------------------------------

    def set_query(self, query: ContactQuery) -> None:
        """Show the contacts matching ``query``; older requests are dropped."""
        self.query = query
        known_total = self._total

        def job() -> ListResult:  # runs on the worker
            service = self.ctx.services.contacts
            ids = service.ids(query)
            if query == ContactQuery():
                total = len(ids)
            else:  # counted once, then only after changes
                total = known_total if known_total >= 0 else service.count(ContactQuery())
            rows, meetings = self._page_job(ids[:PAGE])
            return ids, rows, total, meetings

        self.ctx.runner.run(job, self._reset, key=f"contact-list-{id(self)}")

    def _page_job(self, ids: list[int]) -> tuple[list[ContactRow], dict[int, datetime]]:
        """Rows and next meetings of one page (on the worker)."""
        services = self.ctx.services
        return services.contacts.rows(ids), services.events.next_starts(ids)

    def preload(self, result: tuple[list[int], list[ContactRow], int]) -> None:
        """Show a first page read before the services were open (see quick_start)."""
        if not self._ids:
            self._reset((*result, {}))

    def reload(self) -> None:
        self.set_query(self.query)

    def _reset(self, result: ListResult) -> None:
        ids, rows, total, meetings = result
        self._total = total
        self.beginResetModel()
        self._generation += 1
        self._ids = ids
        self._rows = {row.id: row for row in rows}
        self._next = dict(meetings)
        self._cached_pages = OrderedDict({0: None})
        self._pending_pages.clear()
        self._now = datetime.now(UTC)
        self.endResetModel()
        self.loaded.emit(len(ids), total)

    def _fetch_page(self, page: int) -> None:
        if page in self._pending_pages:
            return
        self._pending_pages.add(page)
        ids = self._ids[page * PAGE : (page + 1) * PAGE]
        generation = self._generation

        def done(result: tuple[list[ContactRow], dict[int, datetime]]) -> None:
            if generation != self._generation:
                return  # the list was replaced meanwhile
            rows, meetings = result
            self._pending_pages.discard(page)
            self._rows.update((row.id, row) for row in rows)
            self._next.update(meetings)
            self._cached_pages[page] = None
            self._evict()
            first, last = page * PAGE, min(len(self._ids), (page + 1) * PAGE) - 1
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

        self.ctx.runner.run(lambda: self._page_job(ids), done)

    def _evict(self) -> None:
        while len(self._cached_pages) > self.max_cached_pages:
            page, _ = self._cached_pages.popitem(last=False)
            for contact_id in self._ids[page * PAGE : (page + 1) * PAGE]:
                self._rows.pop(contact_id, None)
                self._next.pop(contact_id, None)

    def _on_changed(self, changes: Changes) -> None:
        self._total = -1
        if changes.all_contacts or changes.tags or changes.vocabularies:
            self.reload()
            return
        if not changes.contacts:
            return
        # A new or renamed contact may move or appear: re-query the ids (cheap).
        self.reload()

    # -- Qt model API ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("ContactTableModel", self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # Views ask for a dozen roles per cell; answer the unused ones first.
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        contact_id = self._ids[index.row()]
        if role == ID_ROLE:
            return contact_id
        row = self._rows.get(contact_id)
        page = index.row() // PAGE
        if page in self._cached_pages:
            self._cached_pages.move_to_end(page)
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._fetch_page(page)
                return "…" if index.column() == 0 else ""
            return None
        column = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "tags":
            return ", ".join(row.tags)
        if role == Qt.ItemDataRole.ForegroundRole and column == "last_contacted":
            return QColor("#9aa0a6") if row.last_contacted_at is None else None
        return None

    def _display(self, row: ContactRow, column: str) -> str:
        if column == "name":
            return row.display_name
        if column == "organization":
            return row.organization or ""
        if column == "status":
            return row.status or ""
        if column == "tags":
            return ", ".join(row.tags)
        if column == "last_contacted":
            if row.last_contacted_at is None:
                return ""
            today = self._now.astimezone(self.ctx.zone).date()
            return ago(row.last_contacted_at.astimezone(self.ctx.zone).date(), today)
        if column == "next_meeting":
            start = self._next.get(row.id)
            return _when(start.astimezone(self.ctx.zone)) if start else ""
        if column == "phone":
            return row.phone or ""
        return row.email or ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = COLUMNS[column][1]
        if sort is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self.query, sort=sort, descending=descending))

    # -- lookups -------------------------------------------------------------------

    def contact_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, contact_id: int) -> int:
        try:
            return self._ids.index(contact_id)
        except ValueError:
            return -1

    def cached_row(self, contact_id: int) -> ContactRow | None:
        return self._rows.get(contact_id)

    def ids(self) -> Sequence[int]:
        return self._ids
