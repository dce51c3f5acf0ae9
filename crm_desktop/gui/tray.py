"""The system tray icon: Show window, Reminders (count), Quit, and reminder messages.

There often is no tray (offscreen, Xvfb, stock GNOME without an extension:
FIELD_NOTES), so nothing may depend on one: :func:`create` returns None
then, and the in-app reminder window stays the way reminders arrive.

:func:`is_available` is looked up on this module each time, so a test can
replace it with a function returning True.

One tray object per application: the main window owns it and hands its
icon to the reminder window, which shows its desktop messages through it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from crm_desktop.gui import icons
from crm_desktop.gui.i18n import fmt

__all__ = ["KEEP_RUNNING_KEY", "Tray", "create", "is_available", "keep_running"]

#: QSettings key: closing the main window hides it in the tray (when there is one).
KEEP_RUNNING_KEY = "background/keep_running"


def is_available() -> bool:
    """Whether the desktop has a system tray (replaceable in tests)."""
    return bool(QSystemTrayIcon.isSystemTrayAvailable())


def keep_running(settings: QSettings) -> bool:
    """The "keep running in the tray" option as saved (off by default)."""
    value = settings.value(KEEP_RUNNING_KEY, False)
    return value is True or str(value).lower() in {"true", "1"}


class Tray(QObject):
    """The application's tray icon and its menu; the window decides what each entry does."""

    show_requested = Signal()  # Show window, or a click on the icon
    reminders_requested = Signal()
    quit_requested = Signal()
    message_clicked = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.icon = QSystemTrayIcon(icons.app_icon(), parent)
        self.icon.setToolTip(self.tr("CRM Desktop"))
        self.menu = QMenu(parent)
        self.menu.setAccessibleName(self.tr("CRM Desktop tray menu"))
        self.act_show = QAction(self.tr("&Show window"), self.menu)
        self.act_reminders = QAction(icons.icon("reminder"), self.tr("&Reminders"), self.menu)
        self.act_quit = QAction(self.tr("&Quit"), self.menu)
        self.act_show.triggered.connect(self.show_requested)
        self.act_reminders.triggered.connect(self.reminders_requested)
        self.act_quit.triggered.connect(self.quit_requested)
        self.menu.addAction(self.act_show)
        self.menu.addAction(self.act_reminders)
        self.menu.addSeparator()
        self.menu.addAction(self.act_quit)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.message_clicked)
        self.count = 0
        self.icon.show()

    def set_count(self, count: int) -> None:
        """How many reminders are due: in the menu entry and the tooltip."""
        self.count = count
        if count:
            self.act_reminders.setText(fmt(self.tr("&Reminders (%1)"), count))
            self.icon.setToolTip(
                fmt(self.tr("CRM Desktop: %1"), self.tr("%n reminder(s) due", "", count))
            )
        else:
            self.act_reminders.setText(self.tr("&Reminders"))
            self.icon.setToolTip(self.tr("CRM Desktop"))

    def hide(self) -> None:
        self.icon.hide()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_requested.emit()


def create(parent: QWidget) -> Tray | None:
    """The tray, or None when the desktop has none."""
    return Tray(parent) if is_available() else None
