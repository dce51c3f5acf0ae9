"""The reminder window: what is due now, and this session's notification history.

A non-modal top-level tool window that stays on top. Reminders arrive from
the :class:`~crm_desktop.gui.reminders_bridge.ReminderBridge` on the GUI
thread; each row offers Open contact, Log interaction, Snooze ▾ and
Dismiss, and the bottom bar does the same for all. Closing the window
snoozes what is still listed for 5 minutes (as Thunderbird does): a
reminder the user never answered must come back, and a claimed occurrence
only comes back when it is snoozed.

Snooze and dismiss are ledger writes through ``ctx.runner.mutate``; the
``Changes(reminders=True)`` they return re-arms the engine.

The in-app history works with or without a system tray (GNOME without an
extension, Xvfb and offscreen have none); a tray message is only a bonus.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QSize, Qt, QTime, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSystemTrayIcon,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.gui import icons
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.i18n import fmt
from crm_desktop.gui.widgets.reminder_row import (
    CUSTOM,
    DEFAULT_SNOOZE_MINUTES,
    TOMORROW,
    ReminderRow,
    SnoozeMenu,
    kind_icon,
    local_when,
)

if TYPE_CHECKING:
    from crm_desktop.services.reminder_dto import DueReminder

__all__ = ["HISTORY_SIZE", "MORNING", "ReminderWindow", "SnoozeDialog"]

#: How many delivered reminders the history keeps (this session only).
HISTORY_SIZE = 200
#: "Tomorrow morning", local time.
MORNING = time(9, 0)

Identity = tuple[str, int, str]


@dataclass
class _Delivered:
    reminder: DueReminder
    delivered_at: datetime
    item: QTreeWidgetItem


class SnoozeDialog(QDialog):
    """Custom snooze: pick a local date and time (at least a minute ahead)."""

    def __init__(self, start: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Snooze until"))
        self.edit = QDateTimeEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        first = QDateTime(
            QDate(start.year, start.month, start.day), QTime(start.hour, start.minute)
        )
        self.edit.setMinimumDateTime(first.addSecs(60))
        self.edit.setDateTime(first.addSecs(3600))
        form = QFormLayout(self)
        form.addRow(self.tr("Remind me again at"), self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self, zone: ZoneInfo) -> datetime:
        """The chosen local wall time, aware in ``zone``."""
        value = self.edit.dateTime()
        d, t = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=zone)


class ReminderWindow(QWidget):
    """Due reminders (per item and all) and the session's history with each one's fate."""

    contact_requested = Signal(int)  # Open contact
    log_requested = Signal(int)  # Log interaction: select the contact, focus the quick-log bar
    count_changed = Signal(int)  # how many are listed (the main window's badge)

    def __init__(
        self,
        ctx: GuiContext,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        flags = Qt.WindowType.Window | Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint
        super().__init__(parent, flags)
        self.ctx = ctx
        self._clock = clock or ctx.now
        self.setObjectName("ReminderWindow")
        self.setWindowTitle(self.tr("Reminders"))
        self.setWindowIcon(icons.icon("reminder"))
        self._rows: dict[Identity, ReminderRow] = {}
        self._history: deque[_Delivered] = deque()
        self._tray: QSystemTrayIcon | None = None
        self._opened_by_delivery = False

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_due_page(), icons.icon("reminder"), self.tr("Due"))
        self.tabs.addTab(self._build_history_page(), icons.icon("clock"), self.tr("History"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.resize(640, 420)
        self._update_state()

    # -- building ------------------------------------------------------------------------

    def _build_due_page(self) -> QWidget:
        page = QWidget(self)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(10, 10, 10, 10)
        self.scroll_area = QScrollArea(page)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget(self.scroll_area)
        self.rows_layout = QVBoxLayout(holder)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(6)
        self.empty_label = QLabel(self.tr("Nothing is due right now."), holder)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        self.rows_layout.addWidget(self.empty_label)
        self.rows_layout.addStretch(1)
        self.scroll_area.setWidget(holder)
        outer.addWidget(self.scroll_area, 1)

        bar = QHBoxLayout()
        self.summary = QLabel(page)
        bar.addWidget(self.summary, 1)
        self.snooze_all_button = QToolButton(page)
        self.snooze_all_button.setText(self.tr("Snooze all"))
        self.snooze_all_button.setIcon(icons.icon("clock"))
        self.snooze_all_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.snooze_all_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.snooze_all_button.setToolTip(
            fmt(self.tr("Remind me of all of these again in %1 minutes"), DEFAULT_SNOOZE_MINUTES)
        )
        menu = SnoozeMenu(self.snooze_all_button)
        menu.chosen.connect(lambda choice: self.snooze_choice(self.reminders(), choice))
        self.snooze_all_button.setMenu(menu)
        self.snooze_all_button.clicked.connect(
            lambda: self.snooze_choice(self.reminders(), DEFAULT_SNOOZE_MINUTES)
        )
        bar.addWidget(self.snooze_all_button)
        self.dismiss_all_button = QPushButton(icons.icon("close"), self.tr("Dismiss all"), page)
        self.dismiss_all_button.clicked.connect(lambda: self.dismiss(self.reminders()))
        bar.addWidget(self.dismiss_all_button)
        outer.addLayout(bar)
        return page

    def _build_history_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 10, 10, 10)
        self.history = QTreeWidget(page)
        self.history.setObjectName("reminderHistory")
        self.history.setRootIsDecorated(False)
        self.history.setUniformRowHeights(True)
        self.history.setIconSize(QSize(16, 16))
        self.history.setHeaderLabels([self.tr("Arrived"), self.tr("Reminder"), self.tr("Status")])
        header = self.history.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout.addWidget(self.history)
        note = QLabel(self.tr("The reminders that arrived since the application started."), page)
        note.setEnabled(False)
        note.setWordWrap(True)
        layout.addWidget(note)
        return page

    # -- arriving ------------------------------------------------------------------------

    def add(self, reminders: Sequence[DueReminder]) -> None:
        """New due reminders (the bridge's ``due``): list them on top, show the window."""
        if not reminders:
            return
        now = self._clock()
        today = now.astimezone(self.ctx.zone).date()
        for r in reminders:
            old = self._rows.pop(r.identity, None)
            if old is not None:
                old.deleteLater()
            row = ReminderRow(r, self.ctx.zone, today, self.scroll_area.widget())
            row.open_contact.connect(self._open_contact)
            row.log_interaction.connect(self._log_interaction)
            row.send_greeting.connect(self._send_greeting)
            row.snooze.connect(lambda rem, choice: self.snooze_choice([rem], choice))
            row.dismiss.connect(lambda rem: self.dismiss([rem]))
            self.rows_layout.insertWidget(0, row)
            self._rows[r.identity] = row
            self._remember(r, now, row.title.text())
        self._update_state()
        self._notify_tray(reminders)
        if not self.isVisible():
            self._opened_by_delivery = True
        self.show_due()

    def show_due(self) -> None:
        self.tabs.setCurrentIndex(0)
        self._present()

    def show_history(self) -> None:
        """The main window's "Reminders" action: what is due, else the history."""
        self._opened_by_delivery = False
        self.tabs.setCurrentIndex(0 if self._rows else 1)
        self._present()

    def _present(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()

    # -- listed --------------------------------------------------------------------------

    def reminders(self) -> list[DueReminder]:
        """What is listed, top (newest) first."""
        found: list[DueReminder] = []
        for i in range(self.rows_layout.count()):
            item = self.rows_layout.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, ReminderRow) and widget.reminder.identity in self._rows:
                found.append(widget.reminder)
        return found

    def row(self, reminder: DueReminder) -> ReminderRow | None:
        return self._rows.get(reminder.identity)

    @property
    def count(self) -> int:
        return len(self._rows)

    def history_entries(self) -> list[tuple[DueReminder, str]]:
        """(reminder, status text) newest first: what the History tab shows."""
        return [(d.reminder, d.item.text(2)) for d in reversed(self._history)]

    # -- acting ----------------------------------------------------------------------------

    def snooze_until(self, choice: int | str) -> datetime | None:
        """When a snooze choice (minutes, TOMORROW; CUSTOM asks elsewhere) ends, aware."""
        now = self._clock()
        if choice == TOMORROW:
            local = now.astimezone(self.ctx.zone)
            day = local.date() + timedelta(days=1)
            return datetime.combine(day, MORNING, tzinfo=self.ctx.zone)
        if isinstance(choice, int):
            return now + timedelta(minutes=choice)
        return None

    def snooze_choice(self, reminders: Sequence[DueReminder], choice: int | str) -> None:
        items = list(reminders)
        if not items:
            return
        if choice == CUSTOM:
            dialog = SnoozeDialog(self._clock().astimezone(self.ctx.zone), self)
            dialog.accepted.connect(lambda: self.snooze(items, dialog.chosen(self.ctx.zone)))
            dialog.open()
            return
        until = self.snooze_until(choice)
        if until is not None:
            self.snooze(items, until)

    def snooze(self, reminders: Iterable[DueReminder], until: datetime) -> None:
        items = [r for r in reminders if r.identity in self._rows]
        if not items:
            return
        today = self._clock().astimezone(self.ctx.zone).date()
        when = local_when(until, self.ctx.zone, today)
        self._settle(items, fmt(self.tr("snoozed until %1"), when))
        self.ctx.runner.mutate(
            lambda: self.ctx.services.reminders.snooze(items, until), on_error=self._failed
        )

    def dismiss(self, reminders: Iterable[DueReminder]) -> None:
        items = [r for r in reminders if r.identity in self._rows]
        if not items:
            return
        self._settle(items, self.tr("dismissed"))
        self.ctx.runner.mutate(
            lambda: self.ctx.services.reminders.dismiss(items), on_error=self._failed
        )

    def _settle(self, items: list[DueReminder], fate: str) -> None:
        for r in items:
            row = self._rows.pop(r.identity, None)
            if row is not None:
                row.hide()
                row.deleteLater()
            for d in self._history:
                if d.reminder.identity == r.identity:
                    d.item.setText(2, fate)
        self._update_state()
        if not self._rows and self._opened_by_delivery and self.isVisible():
            self._opened_by_delivery = False
            self.hide()  # everything answered: the popup goes away (not a close: no snooze)

    def _open_contact(self, reminder: DueReminder) -> None:
        if reminder.contact_ids:
            self.contact_requested.emit(reminder.contact_ids[0])

    def _log_interaction(self, reminder: DueReminder) -> None:
        if reminder.contact_ids:
            self.log_requested.emit(reminder.contact_ids[0])

    def _send_greeting(self, reminder: DueReminder) -> None:
        """The birthday greeting, written from the template, to check and send."""
        from crm_desktop.gui.dialogs.mail_compose import ComposeDialog

        if reminder.contact_ids:
            ComposeDialog(self.ctx, reminder.contact_ids[0], self, template="birthday").open()

    def _failed(self, error: BaseException) -> None:
        QMessageBox.warning(
            self,
            self.windowTitle(),
            fmt(self.tr("The reminder could not be updated: %1"), type(error).__name__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing snoozes what is still listed for the default 5 minutes."""
        self.snooze_choice(self.reminders(), DEFAULT_SNOOZE_MINUTES)
        self._opened_by_delivery = False
        super().closeEvent(event)

    # -- state ---------------------------------------------------------------------------

    def _remember(self, r: DueReminder, now: datetime, title: str) -> None:
        today = now.astimezone(self.ctx.zone).date()
        item = QTreeWidgetItem(
            [local_when(now, self.ctx.zone, today), title, self._arrival_status(r)]
        )
        item.setIcon(1, icons.icon(kind_icon(r.kind)))
        item.setToolTip(1, title)
        self.history.insertTopLevelItem(0, item)
        self._history.append(_Delivered(r, now, item))
        while len(self._history) > HISTORY_SIZE:
            oldest = self._history.popleft()
            index = self.history.indexOfTopLevelItem(oldest.item)
            if index >= 0:
                self.history.takeTopLevelItem(index)

    def _arrival_status(self, r: DueReminder) -> str:
        if r.missed:
            return self.tr("due (missed)")
        if r.snoozed:
            return self.tr("due again (snoozed)")
        return self.tr("due")

    def _update_state(self) -> None:
        n = len(self._rows)
        self.empty_label.setVisible(n == 0)
        self.summary.setText(self.tr("%n reminder(s) due", "", n) if n else "")
        self.snooze_all_button.setEnabled(n > 0)
        self.dismiss_all_button.setEnabled(n > 0)
        self.setWindowTitle(fmt(self.tr("Reminders (%1)"), n) if n else self.tr("Reminders"))
        self.count_changed.emit(n)

    def _notify_tray(self, reminders: Sequence[DueReminder]) -> None:
        """A desktop notification when a tray exists (never required)."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self._tray is None:
            self._tray = QSystemTrayIcon(icons.app_icon(), self)
            self._tray.setToolTip(self.tr("CRM Desktop"))
            self._tray.messageClicked.connect(self.show_due)
            self._tray.activated.connect(lambda _reason: self.show_due())
            self._tray.show()
        first = self._rows.get(reminders[0].identity)
        body = first.title.text() if first is not None else reminders[0].text
        if len(reminders) > 1:
            body = fmt(self.tr("%1 and %2 more"), body, len(reminders) - 1)
        self._tray.showMessage(
            self.tr("Reminder"), body, QSystemTrayIcon.MessageIcon.Information, 10_000
        )
