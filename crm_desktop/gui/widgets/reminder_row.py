"""One due reminder in the reminder window, and the snooze menu it shares with "Snooze all".

The row renders the reminder from its structured fields in the user's
language (the DTO's English ``text`` is the fallback, e.g. for other
important dates and the digest). It never calls a service: it emits
signals and the window decides.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QSize, Qt, QTime, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from crm_desktop.gui import icons
from crm_desktop.gui.i18n import fmt

if TYPE_CHECKING:
    from crm_desktop.services.reminder_dto import DueReminder

__all__ = [
    "CUSTOM",
    "DEFAULT_SNOOZE_MINUTES",
    "SNOOZE_MINUTES",
    "TOMORROW",
    "ReminderRow",
    "SnoozeMenu",
    "kind_icon",
    "local_when",
]

#: The snooze presets, in minutes; the first is what a plain click (and closing) does.
SNOOZE_MINUTES = (5, 10, 15, 30, 60)
DEFAULT_SNOOZE_MINUTES = SNOOZE_MINUTES[0]
TOMORROW = "tomorrow"  # tomorrow morning at 09:00 local time
CUSTOM = "custom"  # a small date-time dialog

_ICONS = {
    "event": "calendar",
    "task": "task",
    "birthday": "birthday",
    "date": "today",
    "stay_in_touch": "contact",
    "digest": "reminder",
}


def kind_icon(kind: str) -> str:
    return _ICONS.get(kind, "reminder")


def local_when(when: datetime, zone: ZoneInfo, today: date) -> str:
    """A short local time: "15:45" today, "Tue 24 Nov 15:45" otherwise (locale-aware)."""
    from PySide6.QtCore import QLocale

    local = when.astimezone(zone)
    locale = QLocale()
    clock = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if local.date() == today:
        return clock
    day = locale.toString(QDate(local.year, local.month, local.day), "ddd d MMM")
    return f"{day} {clock}"


class SnoozeMenu(QMenu):
    """5, 10, 15, 30 min, 1 h, tomorrow morning, custom…; ``chosen`` carries minutes or a tag."""

    chosen = Signal(object)  # int minutes, TOMORROW or CUSTOM

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for minutes in SNOOZE_MINUTES:
            self._add(self._label(minutes), minutes)
        self.addSeparator()
        self._add(self.tr("Tomorrow morning (09:00)"), TOMORROW)
        self._add(self.tr("Custom…"), CUSTOM)

    def _label(self, minutes: int) -> str:
        if minutes % 60 == 0:
            return self.tr("%n hour(s)", "", minutes // 60)
        return self.tr("%n minute(s)", "", minutes)

    def _add(self, text: str, choice: int | str) -> QAction:
        action = self.addAction(text)
        action.triggered.connect(lambda _checked=False, c=choice: self.chosen.emit(c))
        return action


class ReminderRow(QFrame):
    """Icon, what is due and when, and its buttons: contact, log, snooze ▾, dismiss."""

    open_contact = Signal(object)  # DueReminder
    log_interaction = Signal(object)
    send_greeting = Signal(object)  # a birthday reminder
    snooze = Signal(object, object)  # DueReminder, minutes | TOMORROW | CUSTOM
    dismiss = Signal(object)

    def __init__(
        self, reminder: DueReminder, zone: ZoneInfo, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.reminder = reminder
        self.setObjectName("reminderRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 8, 8)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)

        icon = QLabel(self)
        icon.setPixmap(icons.icon(kind_icon(reminder.kind)).pixmap(QSize(24, 24)))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        grid.addWidget(icon, 0, 0, 2, 1)

        self.title = QLabel(self.title_text(zone, today), self)
        self.title.setObjectName("reminderTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        grid.addWidget(self.title, 0, 1)

        details = QHBoxLayout()
        details.setSpacing(6)
        self.detail = QLabel(self.detail_text(zone, today), self)
        self.detail.setObjectName("reminderDetail")
        self.detail.setEnabled(False)  # the palette's secondary text colour
        details.addWidget(self.detail)
        if reminder.missed:
            details.addWidget(self._badge(self.tr("missed"), "#b3261e"))
        if reminder.snoozed:
            details.addWidget(self._badge(self.tr("snoozed"), "#6750a4"))
        details.addStretch(1)
        grid.addLayout(details, 1, 1)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        has_contact = bool(reminder.contact_ids)
        self.contact_button = self._tool(
            "contact", self.tr("Open contact"), lambda: self.open_contact.emit(self.reminder)
        )
        self.log_button = self._tool(
            "interaction-log",
            self.tr("Log interaction"),
            lambda: self.log_interaction.emit(self.reminder),
        )
        row_buttons = [self.contact_button, self.log_button]
        if reminder.kind == "birthday":
            self.greeting_button = self._tool(
                "kind-email",
                self.tr("Send a birthday greeting…"),
                lambda: self.send_greeting.emit(self.reminder),
            )
            row_buttons.append(self.greeting_button)
        for button in row_buttons:
            button.setEnabled(has_contact)
            buttons.addWidget(button)
        self.snooze_button = QToolButton(self)
        self.snooze_button.setText(self.tr("Snooze"))
        self.snooze_button.setIcon(icons.icon("clock"))
        self.snooze_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.snooze_button.setToolTip(
            fmt(self.tr("Remind me again in %1 minutes"), DEFAULT_SNOOZE_MINUTES)
        )
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = SnoozeMenu(self.snooze_button)
        menu.chosen.connect(lambda choice: self.snooze.emit(self.reminder, choice))
        self.snooze_button.setMenu(menu)
        self.snooze_button.clicked.connect(
            lambda: self.snooze.emit(self.reminder, DEFAULT_SNOOZE_MINUTES)
        )
        buttons.addWidget(self.snooze_button)
        self.dismiss_button = QToolButton(self)
        self.dismiss_button.setText(self.tr("Dismiss"))
        self.dismiss_button.setIcon(icons.icon("close"))
        self.dismiss_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.dismiss_button.setToolTip(self.tr("Do not remind me of this again"))
        self.dismiss_button.clicked.connect(lambda: self.dismiss.emit(self.reminder))
        buttons.addWidget(self.dismiss_button)
        grid.addLayout(buttons, 0, 2, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        grid.setColumnStretch(1, 1)

    # -- text ------------------------------------------------------------------------------

    def title_text(self, zone: ZoneInfo, today: date) -> str:
        r = self.reminder
        name = r.subject
        if not name:
            return r.text
        if r.kind == "birthday":
            on_the_day = r.occurs_on is None or r.occurs_on == today
            day = self._day(r.occurs_on) if r.occurs_on else ""
            if r.age is not None:
                if on_the_day:
                    return fmt(self.tr("%1 turns %2 today"), name, r.age)
                return fmt(self.tr("%1 turns %2 on %3"), name, r.age, day)
            if on_the_day:
                return fmt(self.tr("%1's birthday is today"), name)
            return fmt(self.tr("%1's birthday is on %2"), name, day)
        if r.kind == "stay_in_touch":
            return fmt(self.tr("Time to get in touch with %1"), name)
        if r.kind in ("event", "task"):
            return name
        return r.text

    def detail_text(self, zone: ZoneInfo, today: date) -> str:
        r = self.reminder
        parts = [self.kind_label()]
        if r.kind == "event" and r.starts_at is not None:
            parts.append(fmt(self.tr("starts %1"), local_when(r.starts_at, zone, today)))
        elif r.kind == "task" and r.starts_at is not None:
            parts.append(fmt(self.tr("due %1"), local_when(r.starts_at, zone, today)))
        else:
            parts.append(fmt(self.tr("due %1"), local_when(r.due_at, zone, today)))
        return " · ".join(parts)

    def kind_label(self) -> str:
        labels = {
            "event": self.tr("Meeting"),
            "task": self.tr("Task"),
            "birthday": self.tr("Birthday"),
            "date": self.tr("Important date"),
            "stay_in_touch": self.tr("Stay in touch"),
            "digest": self.tr("Today"),
        }
        return labels.get(self.reminder.kind, self.tr("Reminder"))

    @staticmethod
    def _day(day: date) -> str:
        from PySide6.QtCore import QLocale

        return QLocale().toString(QDate(day.year, day.month, day.day), "d MMMM")

    # -- widgets ---------------------------------------------------------------------------

    def _tool(self, icon: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icons.icon(icon))
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _badge(self, text: str, color: str) -> QLabel:
        badge = QLabel(text, self)
        badge.setObjectName("reminderBadge")
        badge.setStyleSheet(
            f"QLabel {{ color: white; background: {color}; border-radius: 4px; padding: 0px 5px; }}"
        )
        return badge
