"""The center pane: the selected customer's card above their interaction timeline.

The pane only routes: ``show_contact`` hands the id to the card and the
timeline, each of which loads itself through the task runner; ``changed``
broadcasts decide what reloads (the card when the contact is touched, the
timeline when interactions, purchases or deals changed too). While hidden
the pane only remembers that it is out of date and reloads when shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QVBoxLayout, QWidget

from crm_desktop.gui import icons
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.panes.contact_card import ContactCard
from crm_desktop.gui.panes.timeline_panel import TimelinePanel
from crm_desktop.services.changes import Changes
from crm_desktop.services.dto import ContactDetail


class ContactDetailPane(QWidget):
    edit_requested = Signal(int)
    meeting_requested = Signal(int)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contact_id = 0
        self._stale_card = False
        self._stale_timeline = False
        self.setObjectName("contactDetailPane")
        self.setAccessibleName(self.tr("Customer details"))

        self.card = ContactCard(ctx, self)
        self.card.edit_requested.connect(self.edit_requested)
        self.card.meeting_requested.connect(self.meeting_requested)
        self.card.loaded.connect(self._on_card)
        self.timeline = TimelinePanel(ctx, self)
        rule = QFrame(self)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)

        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(12, 10, 12, 8)
        column.setSpacing(8)
        column.addWidget(self.card)
        column.addWidget(rule)
        column.addWidget(self.timeline, 1)

        self.empty = self._empty_page()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        ctx.runner.changed.connect(self.on_changed)

    def _empty_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("detailEmpty")
        art = QLabel(page)
        art.setPixmap(icons.icon("empty").pixmap(48, 48))
        art.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._empty_text = self.tr("Select a customer on the left to see their card and timeline.")
        self.empty_label = QLabel(self._empty_text, page)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.empty_label.setAccessibleName(self.tr("No customer selected"))
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        layout.addWidget(art)
        layout.addWidget(self.empty_label)
        layout.addStretch(2)
        return page

    # -- what main_window calls -----------------------------------------------------------

    @Slot(int)
    def show_contact(self, contact_id: int) -> None:
        """Show ``contact_id``; 0 or negative shows the empty state."""
        self.contact_id = max(int(contact_id), 0)
        self._stale_card = self._stale_timeline = False
        if not self.contact_id:
            self.empty_label.setText(self._empty_text)
            self.card.clear()
            self.timeline.set_contact(0)
            self.stack.setCurrentWidget(self.empty)
            return
        self.card.load(self.contact_id)
        self.timeline.set_contact(self.contact_id)

    def focus_quick_log(self) -> None:
        """Ctrl+L: put the cursor in the quick-log text (when a customer is shown)."""
        if self.contact_id:
            self.timeline.focus_quick_log()

    # -- refresh --------------------------------------------------------------------------

    @Slot(object)
    def on_changed(self, changes: Changes) -> None:
        if not self.contact_id or not changes.touches_contact(self.contact_id):
            return
        timeline = changes.interactions or changes.purchases or changes.deals
        if not self.isVisible():
            self._stale_card = True
            self._stale_timeline = self._stale_timeline or timeline
            return
        self.card.load(self.contact_id)
        if timeline:
            self.timeline.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.contact_id and self._stale_card:
            self.card.load(self.contact_id)
        if self.contact_id and self._stale_timeline:
            self.timeline.reload()
        self._stale_card = self._stale_timeline = False

    def _on_card(self, detail: ContactDetail | None) -> None:
        if detail is None:  # erased meanwhile (perhaps in another window)
            self.empty_label.setText(self.tr("This customer no longer exists."))
            self.contact_id = 0
            self.timeline.set_contact(0)
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentIndex(1)
