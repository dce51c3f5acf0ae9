"""The filter bar above the customer list, and saved views.

Filters become a :class:`ContactQuery`; the model runs it in SQL. Saved
views are named queries kept in the UI settings file (they are a way of
looking at the data, not data).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, replace
from functools import partial

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QMenu,
    QToolButton,
    QWidget,
)

from crm_desktop.gui import icons
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.i18n import fmt
from crm_desktop.services.contact_queries import ContactQuery, ContactSort
from crm_desktop.services.dto import LeadSourceRow, NamedCount

BIRTHDAY_DAYS = 7


class ContactFilterBar(QWidget):
    """Status, tag, lead source and quick filters; emits the resulting query."""

    query_changed = Signal(object)  # ContactQuery from the controls (text and sort not included)
    view_opened = Signal(object)  # ContactQuery of a saved view, text and sort included

    def __init__(
        self,
        ctx: GuiContext,
        settings: QSettings,
        current_query: Callable[[], ContactQuery],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.current_query = current_query
        self._loading = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.status = self._combo(self.tr("Any status"), self.tr("Filter by status"))
        self.tag = self._combo(self.tr("Any tag"), self.tr("Filter by tag"))
        self.source = self._combo(self.tr("Any source"), self.tr("Filter by lead source"))
        # Quick filters live in a menu so the bar fits a 1366-pixel screen.
        self.quick = QToolButton(self)
        self.quick.setIcon(icons.icon("filter"))
        self.quick.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.quick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.quick.setAccessibleName(self.tr("Quick filters"))
        menu = QMenu(self.quick)
        self.losing = self._toggle(
            menu,
            self.tr("Losing touch"),
            self.tr("No interaction within the contact's stay-in-touch cadence"),
        )
        self.birthday = self._toggle(
            menu,
            self.tr("Birthday soon"),
            self.tr("Birthday in the next %n day(s)", "", BIRTHDAY_DAYS),
        )
        self.deal = self._toggle(menu, self.tr("Has an open deal"), None)
        menu.addSeparator()
        self.trash = self._toggle(
            menu, self.tr("Show the trash"), self.tr("Show the contacts in the trash (restorable)")
        )
        self.quick.setMenu(menu)
        self._update_quick_label()
        self.views = QToolButton(self)
        self.views.setIcon(icons.icon("saved-view"))
        self.views.setToolTip(self.tr("Saved views"))
        self.views.setAccessibleName(self.tr("Saved views"))
        self.views.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.views.setAutoRaise(True)
        for widget in (self.status, self.tag, self.source):
            layout.addWidget(widget, 1)
        layout.addWidget(self.quick)
        layout.addWidget(self.views)
        self._rebuild_views_menu()
        ctx.runner.changed.connect(self._on_changed)

    def _toggle(self, menu: QMenu, text: str, tip: str | None) -> QAction:
        action = menu.addAction(text)
        action.setCheckable(True)
        if tip:
            action.setToolTip(tip)
        action.toggled.connect(self._update_quick_label)
        action.toggled.connect(self._emit)
        return action

    def _update_quick_label(self) -> None:
        active = sum(a.isChecked() for a in (self.losing, self.birthday, self.deal, self.trash))
        self.quick.setText(fmt(self.tr("Filters (%1)"), active) if active else self.tr("Filters"))

    def _combo(self, everything: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        combo.setAccessibleName(accessible)
        combo.setToolTip(accessible)
        combo.setMinimumContentsLength(8)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.currentIndexChanged.connect(self._emit)
        return combo

    # -- vocabularies ------------------------------------------------------------

    def load(self) -> None:
        """Fill the combos (statuses, tags, lead sources) from the database."""

        def job() -> tuple[list[NamedCount], list[NamedCount], list[LeadSourceRow]]:
            vocab = self.ctx.services.vocabulary
            return vocab.statuses(), vocab.tags(), vocab.lead_sources()

        self.ctx.runner.run(job, self._fill, key=f"filters-{id(self)}")

    def _fill(self, result: tuple[list[NamedCount], list[NamedCount], list[LeadSourceRow]]) -> None:
        statuses, tags, sources = result
        self._loading = True
        for combo, items in (
            (self.status, [(f"{s.name} ({s.count:,})", s.id) for s in statuses]),
            (self.tag, [(f"{t.name} ({t.count:,})", t.id) for t in tags]),
            (self.source, [(s.name, s.id) for s in sources]),
        ):
            current = combo.currentData()
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in items:
                combo.addItem(text, data)
            found = combo.findData(current)
            combo.setCurrentIndex(max(0, found))
        self._loading = False

    def _on_changed(self, changes: object) -> None:
        from crm_desktop.services.changes import Changes

        if isinstance(changes, Changes) and (
            changes.tags or changes.vocabularies or changes.contacts
        ):
            self.load()

    # -- the query ---------------------------------------------------------------

    def query(self, base: ContactQuery) -> ContactQuery:
        return replace(
            base,
            status_id=self.status.currentData(),
            tag_id=self.tag.currentData(),
            lead_source_id=self.source.currentData(),
            losing_touch=self.losing.isChecked(),
            birthday_within_days=BIRTHDAY_DAYS if self.birthday.isChecked() else None,
            has_open_deal=self.deal.isChecked(),
            trashed=self.trash.isChecked(),
        )

    def _emit(self) -> None:
        if not self._loading:
            self.query_changed.emit(self.query(ContactQuery()))

    def apply(self, query: ContactQuery) -> None:
        """Set every control from ``query`` (a saved view) without emitting."""
        self._loading = True
        for combo, value in (
            (self.status, query.status_id),
            (self.tag, query.tag_id),
            (self.source, query.lead_source_id),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.losing.setChecked(query.losing_touch)
        self.birthday.setChecked(query.birthday_within_days is not None)
        self.deal.setChecked(query.has_open_deal)
        self.trash.setChecked(query.trashed)
        self._loading = False

    # -- saved views -------------------------------------------------------------

    def saved_views(self) -> dict[str, dict[str, object]]:
        raw = self.settings.value("list/views", "{}")
        try:
            views = json.loads(str(raw))
        except ValueError:
            return {}
        return views if isinstance(views, dict) else {}

    def save_view(self, name: str, query: ContactQuery) -> None:
        views = self.saved_views()
        views[name] = {
            k: (v.value if isinstance(v, ContactSort) else v) for k, v in asdict(query).items()
        }
        self.settings.setValue("list/views", json.dumps(views, ensure_ascii=False))
        self._rebuild_views_menu()

    def delete_view(self, name: str) -> None:
        views = self.saved_views()
        views.pop(name, None)
        self.settings.setValue("list/views", json.dumps(views, ensure_ascii=False))
        self._rebuild_views_menu()

    def view_query(self, name: str) -> ContactQuery | None:
        data = self.saved_views().get(name)
        if not isinstance(data, dict):
            return None
        try:
            data = {**data, "sort": ContactSort(str(data.get("sort", "name")))}
            return ContactQuery(**data)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None

    def _rebuild_views_menu(self) -> None:
        menu = QMenu(self)
        for name in sorted(self.saved_views(), key=str.casefold):
            menu.addAction(name, partial(self._open_view, name))
        if self.saved_views():
            menu.addSeparator()
        menu.addAction(self.tr("Save current view…"), self._ask_save_view)
        delete = menu.addMenu(self.tr("Delete view"))
        delete.setEnabled(bool(self.saved_views()))
        for name in sorted(self.saved_views(), key=str.casefold):
            delete.addAction(name, partial(self.delete_view, name))
        self.views.setMenu(menu)

    def _open_view(self, name: str) -> None:
        query = self.view_query(name)
        if query is not None:
            self.apply(query)
            self.view_opened.emit(query)

    def _ask_save_view(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save view"), self.tr("Name of the view:"))
        if ok and name.strip():
            self.save_view(name.strip(), self.current_query())
