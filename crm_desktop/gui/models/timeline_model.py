"""One contact's timeline: interactions paged from SQL, purchases and deal changes merged in.

Why this shape: a contact may have 10,000 interactions, so the model holds
only the pages the user scrolled to and asks for the next one (one keyset
query) through the task runner when the view reaches the end; it never
blocks. Purchases and deal changes (created, moved, won, lost...) are few:
they are loaded with the first page and released into the list in date
order, each batch taking the extras that are newer than the oldest
interaction of that page, so the merged list stays newest first however far
the user scrolls.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from crm_desktop.domain.money import format_amount
from crm_desktop.gui import icons
from crm_desktop.gui.panes import timeline_labels as labels
from crm_desktop.services.dto import DealChangeKind, DealChangeRow, InteractionRow, PurchaseRow

if TYPE_CHECKING:
    from crm_desktop.gui.context import GuiContext
    from crm_desktop.services.interactions import TimelineCursor

PAGE_SIZE = 50
EXTRAS_LIMIT = 5000  # purchases and deal changes loaded per contact
TIMELINE_KEY = "detail-timeline"

_Index = QModelIndex | QPersistentModelIndex


class Roles:
    Entry = Qt.ItemDataRole.UserRole + 1
    Header = Qt.ItemDataRole.UserRole + 2  # day header text on a day's first row, else None
    OutcomeColor = Qt.ItemDataRole.UserRole + 3
    Expanded = Qt.ItemDataRole.UserRole + 4
    Subject = Qt.ItemDataRole.UserRole + 5
    Notes = Qt.ItemDataRole.UserRole + 6
    Meta = Qt.ItemDataRole.UserRole + 7  # "14:32 · 15 min · Outgoing"
    OutcomeText = Qt.ItemDataRole.UserRole + 8
    InteractionId = Qt.ItemDataRole.UserRole + 9
    Time = Qt.ItemDataRole.UserRole + 10
    IconName = Qt.ItemDataRole.UserRole + 11


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One row: an interaction, a purchase or a change of a deal."""

    source: str  # "interaction" | "purchase" | "deal"
    when: datetime  # aware UTC; orders the merged list
    day: date  # the local day it is grouped under
    interaction: InteractionRow | None = None
    purchase: PurchaseRow | None = None
    deal: DealChangeRow | None = None  # row_id is the change's id, not the deal's

    @property
    def row_id(self) -> int:
        item = self.interaction or self.purchase or self.deal
        assert item is not None
        return item.id

    @property
    def uid(self) -> str:
        return f"{self.source}:{self.row_id}"

    @property
    def sort_key(self) -> tuple[datetime, int, int]:
        # Extras rank above an interaction at the same instant, consistently on every page.
        rank = {"interaction": 0, "purchase": 1, "deal": 2}[self.source]
        return (self.when, rank, self.row_id)


def interaction_entry(row: InteractionRow, zone: ZoneInfo) -> TimelineEntry:
    when = row.occurred_at.astimezone(UTC)
    return TimelineEntry("interaction", when, when.astimezone(zone).date(), interaction=row)


def purchase_entry(row: PurchaseRow, zone: ZoneInfo) -> TimelineEntry:
    # A purchase has a date only: it sorts at the start of its local day.
    when = datetime.combine(row.purchased_on, time(0), tzinfo=zone).astimezone(UTC)
    return TimelineEntry("purchase", when, row.purchased_on, purchase=row)


def deal_entry(row: DealChangeRow, zone: ZoneInfo) -> TimelineEntry:
    when = row.changed_at.astimezone(UTC)
    return TimelineEntry("deal", when, when.astimezone(zone).date(), deal=row)


def merge_page(
    rows: Sequence[TimelineEntry], extras: Sequence[TimelineEntry], *, last_page: bool
) -> tuple[list[TimelineEntry], list[TimelineEntry]]:
    """This page merged with the extras it covers, and the extras left for later pages.

    ``extras`` is newest first. On the last page every remaining extra is taken.
    """
    if last_page or not rows:
        taken, left = list(extras), []
    else:
        boundary = rows[-1].sort_key
        cut = next((i for i, e in enumerate(extras) if e.sort_key < boundary), len(extras))
        taken, left = list(extras[:cut]), list(extras[cut:])
    merged = sorted([*rows, *taken], key=lambda e: e.sort_key, reverse=True)
    return merged, left


@dataclass(frozen=True, slots=True)
class _Batch:
    rows: list[InteractionRow]
    cursor: TimelineCursor | None
    purchases: list[PurchaseRow] = field(default_factory=list)
    deals: list[DealChangeRow] = field(default_factory=list)


class TimelineModel(QAbstractListModel):
    """The merged, paged timeline of one contact, newest first."""

    loaded = Signal(bool)  # after the first page of a contact (False) or a reload (True)
    page_loaded = Signal()  # after a fetchMore page landed
    failed = Signal(str)

    def __init__(self, ctx: GuiContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._contact = 0
        self._generation = 0
        self._entries: list[TimelineEntry] = []
        self._extras: list[TimelineEntry] = []
        self._cursor: TimelineCursor | None = None
        self._fetching = False
        self._ready = False
        self._expanded: set[str] = set()
        self.today: Callable[[], date] = lambda: ctx.local_now().date()

    # -- loading -----------------------------------------------------------------

    @property
    def contact_id(self) -> int:
        return self._contact

    @property
    def is_ready(self) -> bool:
        """True once the current contact's first page has arrived."""
        return self._ready

    @property
    def is_fetching(self) -> bool:
        return self._fetching

    def set_contact(self, contact_id: int) -> None:
        """Show ``contact_id`` (0: nothing); results for an earlier contact are dropped."""
        self.beginResetModel()
        self._contact = max(contact_id, 0)
        self._entries, self._extras, self._cursor = [], [], None
        self._expanded.clear()
        self._ready = False
        self.endResetModel()
        self._generation += 1
        self._fetching = False
        if self._contact:
            self._load(PAGE_SIZE, reload=False)

    def reload(self) -> None:
        """Load again as many interactions as are shown now (after a change), then reset."""
        if not self._contact:
            return
        shown = sum(1 for e in self._entries if e.source == "interaction")
        self._generation += 1
        self._load(max(PAGE_SIZE, shown), reload=True)

    def _load(self, limit: int, *, reload: bool) -> None:
        ctx, contact, generation = self._ctx, self._contact, self._generation
        self._fetching = True

        def job() -> _Batch:
            services = ctx.services
            rows, cursor = services.interactions.timeline(contact, limit=limit)
            purchases = services.purchases.for_contact(contact, limit=EXTRAS_LIMIT)
            deals = services.deals.history(contact, limit=EXTRAS_LIMIT)
            return _Batch(rows, cursor, purchases, deals)

        self._ctx.runner.run(
            job,
            lambda batch: self._on_loaded(generation, batch, reload),
            lambda exc: self._on_failed(generation, exc),
            key=TIMELINE_KEY,
        )

    def _on_loaded(self, generation: int, batch: _Batch, reload: bool) -> None:
        if generation != self._generation:
            return
        zone = self._ctx.zone
        extras = [purchase_entry(p, zone) for p in batch.purchases]
        extras += [deal_entry(d, zone) for d in batch.deals]
        extras.sort(key=lambda e: e.sort_key, reverse=True)
        rows = [interaction_entry(r, zone) for r in batch.rows]
        merged, left = merge_page(rows, extras, last_page=batch.cursor is None)
        self.beginResetModel()
        self._entries, self._extras, self._cursor = merged, left, batch.cursor
        self._expanded &= {e.uid for e in merged}
        self._fetching = False
        self._ready = True
        self.endResetModel()
        self.loaded.emit(reload)

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._ready = True
        self.failed.emit(str(exc))

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and self._contact > 0
            and self._cursor is not None
            and not self._fetching
        )

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        ctx, contact, cursor = self._ctx, self._contact, self._cursor
        generation = self._generation
        self._fetching = True

        def job() -> tuple[list[InteractionRow], TimelineCursor | None]:
            return ctx.services.interactions.timeline(contact, after=cursor, limit=PAGE_SIZE)

        self._ctx.runner.run(
            job,
            lambda result: self._on_page(generation, *result),
            lambda exc: self._on_failed(generation, exc),
            key=TIMELINE_KEY,
        )

    def _on_page(
        self, generation: int, rows: list[InteractionRow], cursor: TimelineCursor | None
    ) -> None:
        if generation != self._generation:
            return
        entries = [interaction_entry(r, self._ctx.zone) for r in rows]
        merged, self._extras = merge_page(entries, self._extras, last_page=cursor is None)
        self._cursor = cursor
        self._fetching = False
        if merged:
            first = len(self._entries)
            self.beginInsertRows(QModelIndex(), first, first + len(merged) - 1)
            self._entries.extend(merged)
            self.endInsertRows()
        self.page_loaded.emit()

    # -- state the view changes ----------------------------------------------------

    def entry(self, index: _Index) -> TimelineEntry | None:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        return self._entries[index.row()]

    def entries(self) -> list[TimelineEntry]:
        return list(self._entries)

    def row_of(self, uid: str) -> int:
        return next((i for i, e in enumerate(self._entries) if e.uid == uid), -1)

    def toggle_expanded(self, index: _Index) -> bool:
        """Show all of the notes or two lines again; returns the new state."""
        entry = self.entry(index)
        if entry is None:
            return False
        if entry.uid in self._expanded:
            self._expanded.discard(entry.uid)
        else:
            self._expanded.add(entry.uid)
        self.dataChanged.emit(index, index, [Roles.Expanded])
        return entry.uid in self._expanded

    # -- Qt model API -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index)
        if entry is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Roles.Subject):
            return self._subject(entry)
        if role == Qt.ItemDataRole.ToolTipRole and entry.deal is not None:
            return self._subject(entry)  # the whole line, when the row elides it
        if role == Roles.Entry:
            return entry
        if role == Roles.Header:
            row = index.row()
            if row == 0 or self._entries[row - 1].day != entry.day:
                return self.day_label(entry.day)
            return None
        if role == Roles.OutcomeColor:
            return labels.outcome_color(self._outcome(entry))
        if role == Roles.OutcomeText:
            return self._outcome_text(entry)
        if role == Roles.Expanded:
            return entry.uid in self._expanded
        if role in (Roles.Notes, Qt.ItemDataRole.ToolTipRole):
            return self._notes(entry)
        if role == Roles.Meta:
            return self._meta(entry)
        if role == Roles.Time:
            return self._time(entry)
        if role == Roles.InteractionId:
            return entry.row_id if entry.source == "interaction" else None
        if role == Qt.ItemDataRole.DecorationRole:
            return icons.icon(self._icon_name(entry))
        if role == Roles.IconName:
            return self._icon_name(entry)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [self.day_label(entry.day), self._time(entry), self._subject(entry)]
            parts += [self._outcome_text(entry), self._meta(entry), self._notes(entry)]
            return ". ".join(p for p in parts if p)
        return None

    # -- presentation ------------------------------------------------------------------

    def day_label(self, day: date) -> str:
        today = self.today()
        if day == today:
            return QCoreApplication.translate("Timeline", "Today")
        if day == today - timedelta(days=1):
            return QCoreApplication.translate("Timeline", "Yesterday")
        qdate = QDate(day.year, day.month, day.day)
        pattern = "dddd, d MMMM" if day.year == today.year else "dddd, d MMMM yyyy"
        return QLocale().toString(qdate, pattern)

    def _time(self, entry: TimelineEntry) -> str:
        if entry.source == "purchase":
            return ""
        local = entry.when.astimezone(self._ctx.zone)
        return f"{local.hour:02d}:{local.minute:02d}"

    @staticmethod
    def _icon_name(entry: TimelineEntry) -> str:
        if entry.interaction is not None:
            return labels.kind_icon_name(entry.interaction.kind)
        return "kind-purchase" if entry.purchase is not None else "deal"

    @staticmethod
    def _subject(entry: TimelineEntry) -> str:
        if (row := entry.interaction) is not None:
            return row.subject or labels.kind_label(row.kind)
        if (purchase := entry.purchase) is not None:
            if purchase.description:
                return QCoreApplication.translate("Timeline", "Purchase: %1").replace(
                    "%1", purchase.description
                )
            return QCoreApplication.translate("Timeline", "Purchase")
        assert entry.deal is not None
        return deal_change_text(entry.deal)

    @staticmethod
    def _outcome(entry: TimelineEntry) -> str | None:
        if entry.interaction is not None:
            return entry.interaction.outcome
        if (change := entry.deal) is not None and change.kind in _CLOSED:
            return change.kind
        return None

    def _outcome_text(self, entry: TimelineEntry) -> str:
        if entry.interaction is not None and entry.interaction.outcome:
            return labels.outcome_label(entry.interaction.outcome)
        if (change := entry.deal) is not None:
            return labels.deal_outcome_label(change.kind) if change.kind in _CLOSED else ""
        if (purchase := entry.purchase) is not None:
            return format_amount(purchase.amount_minor, purchase.currency)
        return ""

    @staticmethod
    def _notes(entry: TimelineEntry) -> str:
        if entry.interaction is not None:
            return entry.interaction.notes or ""
        return ""  # a deal's close reason is part of its one line

    @staticmethod
    def _meta(entry: TimelineEntry) -> str:
        parts: list[str] = []
        if (row := entry.interaction) is not None:
            if row.subject:
                parts.append(labels.kind_label(row.kind))
            if row.duration_minutes:
                parts.append(labels.duration_label(row.duration_minutes))
            if row.direction:
                parts.append(labels.direction_label(row.direction))
        elif (change := entry.deal) is not None and change.kind not in _CLOSED:
            parts.append(labels.probability_label(change.probability))
        return " · ".join(parts)


_CLOSED = frozenset({DealChangeKind.WON, DealChangeKind.LOST})
_PLACEHOLDER = re.compile(r"%(\d)")


def fill(template: str, *args: str) -> str:
    """``template`` with %1, %2... replaced in one pass (a title holding "%2" stays as typed)."""
    return _PLACEHOLDER.sub(
        lambda m: args[int(m[1]) - 1] if 0 < int(m[1]) <= len(args) else m[0], template
    )


def deal_change_text(change: DealChangeRow) -> str:
    """One line: "Deal 'Website redesign' moved to negotiation — 12000.00 EUR"."""
    title = change.title or QCoreApplication.translate(
        "Timeline", "untitled", "the name shown for a deal without a title"
    )
    kind, stage, reason = change.kind, change.stage or "", change.reason or ""
    if kind == DealChangeKind.CREATED:
        text = fill(QCoreApplication.translate("Timeline", "Deal '%1' created"), title)
    elif kind == DealChangeKind.STAGE and stage:
        text = fill(QCoreApplication.translate("Timeline", "Deal '%1' moved to %2"), title, stage)
    elif kind == DealChangeKind.STAGE:
        text = fill(
            QCoreApplication.translate("Timeline", "Deal '%1' taken out of the pipeline stages"),
            title,
        )
    elif kind == DealChangeKind.WON and reason:
        text = fill(QCoreApplication.translate("Timeline", "Deal '%1' won: %2"), title, reason)
    elif kind == DealChangeKind.WON:
        text = fill(QCoreApplication.translate("Timeline", "Deal '%1' won"), title)
    elif kind == DealChangeKind.LOST and reason:
        text = fill(QCoreApplication.translate("Timeline", "Deal '%1' lost: %2"), title, reason)
    elif kind == DealChangeKind.LOST:
        text = fill(QCoreApplication.translate("Timeline", "Deal '%1' lost"), title)
    elif kind == DealChangeKind.REOPENED:
        text = fill(QCoreApplication.translate("Timeline", "Deal '%1' reopened"), title)
    elif kind == DealChangeKind.VALUE:
        text = fill(QCoreApplication.translate("Timeline", "Deal '%1' changed value"), title)
    else:  # a kind written by a newer version: shown as stored
        text = fill(QCoreApplication.translate("Timeline", "Deal '%1': %2"), title, kind)
    if not change.value_minor and kind != DealChangeKind.VALUE:
        return text  # "— 0.00 EUR" on every step of an unpriced deal says nothing
    amount = format_amount(change.value_minor, change.currency)
    return fill(QCoreApplication.translate("Timeline", "%1 — %2"), text, amount)
