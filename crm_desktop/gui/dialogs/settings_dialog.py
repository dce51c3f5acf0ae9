"""File ▸ Settings…: appearance, reminders and running in the background.

- Appearance: the theme (system, light, dark) is applied as soon as it is
  picked, saved in QSettings (``ui/theme``) on OK and put back on Cancel.
- Reminders: the birthday lead times ("7, 0": a week before and on the
  day), where 29 February falls in other years and the optional morning
  digest. They live in the database; they are read on the worker and saved
  through ``ctx.runner.mutate`` (the services return ``Changes(reminders=True)``,
  which re-arms the reminder engine).
- Background: keep running in the tray when the window is closed (disabled,
  with the reason, when the desktop has no tray) and start at login (the
  XDG autostart entry, :mod:`crm_desktop.autostart`; Linux only).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTime, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop import autostart
from crm_desktop.domain.lead_days import MAX_LEAD_DAYS, LeadDaysError, parse_typed
from crm_desktop.gui import icons, theme, tray
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.i18n import fmt
from crm_desktop.gui.widgets.window_fit import show_problem

if TYPE_CHECKING:
    from crm_desktop.services.changes import Changes
    from crm_desktop.services.reminder_dto import ReminderSettings

__all__ = ["THEME_KEY", "SettingsDialog"]

THEME_KEY = "ui/theme"
DEFAULT_DIGEST = QTime(8, 0)


def _days_text(days: tuple[int, ...]) -> str:
    return ", ".join(str(d) for d in sorted(days, reverse=True))


class SettingsDialog(QDialog):
    """Window-modal settings; OK saves everything, Cancel restores the theme."""

    loaded = Signal()  # the reminder settings were read
    saved = Signal()  # everything was saved (the dialog then closes)

    def __init__(
        self,
        ctx: GuiContext,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        tray_available: Callable[[], bool] | None = None,
        autostart_home: Path | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self._tray_available = tray_available or tray.is_available
        self._autostart_home = autostart_home or autostart.config_home()
        self._data_dir = data_dir
        self._loaded: ReminderSettings | None = None
        self._initial_theme = str(settings.value(THEME_KEY, "system"))
        self.setObjectName("SettingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setWindowIcon(icons.icon("settings"))

        from crm_desktop.gui.dialogs.mail_settings import MailSettingsPage

        general = QWidget(self)
        column = QVBoxLayout(general)
        column.addWidget(self._build_appearance())
        column.addWidget(self._build_reminders())
        column.addWidget(self._build_background())
        column.addStretch(1)
        self.mail_page = MailSettingsPage(ctx, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(general, self.tr("&General"))
        self.tabs.addTab(self.mail_page, self.tr("&E-mail"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        self.reminders_box.setEnabled(False)  # until the settings are read on the worker
        ctx.runner.run(lambda: ctx.services.reminders.settings(), self._show_loaded, self._failed)

    # -- building ----------------------------------------------------------------------

    def _build_appearance(self) -> QGroupBox:
        box = QGroupBox(self.tr("Appearance"), self)
        form = QFormLayout(box)
        self.theme_combo = QComboBox(box)
        self.theme_combo.setAccessibleName(self.tr("Theme"))
        for text, mode in (
            (self.tr("Follow the system"), "system"),
            (self.tr("Light"), "light"),
            (self.tr("Dark"), "dark"),
        ):
            self.theme_combo.addItem(text, mode)
        index = self.theme_combo.findData(self._initial_theme)
        self.theme_combo.setCurrentIndex(max(index, 0))
        self.theme_combo.currentIndexChanged.connect(lambda _i: self._apply_theme(self.theme()))
        form.addRow(self._label(self.tr("&Theme:"), self.theme_combo), self.theme_combo)
        return box

    def _build_reminders(self) -> QGroupBox:
        box = self.reminders_box = QGroupBox(self.tr("Reminders"), self)
        form = QFormLayout(box)

        self.lead_days = QLineEdit(box)
        self.lead_days.setAccessibleName(self.tr("Birthday reminders, days before"))
        self.lead_days.setPlaceholderText(self.tr("for example 7, 0"))
        self.lead_days.setToolTip(
            fmt(
                self.tr(
                    "Days before a birthday to remind you, separated by commas;"
                    " 0 is the day itself (up to %1). Leave empty for none."
                ),
                MAX_LEAD_DAYS,
            )
        )
        self.lead_days.textEdited.connect(lambda _t: self._validate_days())
        days_row = QHBoxLayout()
        days_row.addWidget(self.lead_days, 1)
        days_row.addWidget(QLabel(self.tr("days before (0 = on the day)"), box))
        form.addRow(self._label(self.tr("&Birthday reminders:"), self.lead_days), days_row)
        self.lead_error = QLabel(box)
        self.lead_error.setObjectName("leadDaysError")
        self.lead_error.setWordWrap(True)
        theme.mark_as_problem(self.lead_error)
        self.lead_error.setAccessibleName(self.tr("Birthday reminders error"))
        self.lead_error.hide()
        form.addRow("", self.lead_error)

        self.feb29 = QComboBox(box)
        self.feb29.setAccessibleName(self.tr("29 February in other years"))
        self.feb29.addItem(self.tr("28 February"), "feb28")
        self.feb29.addItem(self.tr("1 March"), "mar1")
        form.addRow(self._label(self.tr("29 &February in other years:"), self.feb29), self.feb29)

        self.digest = QCheckBox(self.tr("&Morning digest at"), box)
        self.digest.setAccessibleName(self.tr("Morning digest"))
        self.digest.setToolTip(
            self.tr("One reminder listing today's meetings, birthdays and overdue follow-ups")
        )
        self.digest_time = QTimeEdit(DEFAULT_DIGEST, box)
        self.digest_time.setDisplayFormat("HH:mm")
        self.digest_time.setAccessibleName(self.tr("Morning digest time"))
        self.digest_time.setEnabled(False)
        self.digest.toggled.connect(self.digest_time.setEnabled)
        digest_row = QHBoxLayout()
        digest_row.addWidget(self.digest)
        digest_row.addWidget(self.digest_time)
        digest_row.addStretch(1)
        form.addRow(digest_row)
        return box

    def _build_background(self) -> QGroupBox:
        box = QGroupBox(self.tr("Background"), self)
        column = QVBoxLayout(box)
        self.keep_running = QCheckBox(
            self.tr("&Keep running in the tray when the window is closed"), box
        )
        self.keep_running.setAccessibleName(self.tr("Keep running in the tray"))
        self.keep_running.setToolTip(self.tr("Reminders keep arriving while the window is closed"))
        column.addWidget(self.keep_running)
        self.tray_note = self._note(
            self.tr(
                "This desktop has no system tray, so closing the window quits the"
                " application. Reminders arrive while it is open, and the ones missed"
                " while it was closed are shown at the next start."
            ),
            box,
        )
        column.addWidget(self.tray_note)
        if self._tray_available():
            self.keep_running.setChecked(tray.keep_running(self.settings))
            self.tray_note.hide()
        else:
            self.keep_running.setEnabled(False)
            self.keep_running.setChecked(False)

        self.start_at_login = QCheckBox(self.tr("&Start at login"), box)
        self.start_at_login.setAccessibleName(self.tr("Start at login"))
        self.start_at_login.setToolTip(
            self.tr("Start hidden in the tray when you log in, so reminders arrive")
        )
        column.addWidget(self.start_at_login)
        self.login_note = self._note(
            self.tr("Starting at login can only be set up on Linux in this version."), box
        )
        column.addWidget(self.login_note)
        if autostart.supported():
            self.start_at_login.setChecked(autostart.is_enabled(self._autostart_home))
            self.login_note.hide()
        else:
            self.start_at_login.setEnabled(False)
        return box

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _note(self, text: str, parent: QWidget) -> QLabel:
        note = QLabel(text, parent)
        note.setWordWrap(True)
        note.setEnabled(False)  # the muted colour of the palette
        return note

    # -- values ------------------------------------------------------------------------

    def theme(self) -> str:
        return str(self.theme_combo.currentData())

    def _apply_theme(self, mode: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, mode)
            icons.clear_cache()  # icons drawn from now on follow the new text colour

    def _show_loaded(self, value: object) -> None:
        from crm_desktop.services.reminder_dto import ReminderSettings

        if not isinstance(value, ReminderSettings):
            return
        self._loaded = value
        self.lead_days.setText(_days_text(value.birthday_days))
        self.feb29.setCurrentIndex(max(self.feb29.findData(value.feb29), 0))
        self.digest.setChecked(value.digest_at is not None)
        if value.digest_at is not None:
            self.digest_time.setTime(QTime(value.digest_at.hour, value.digest_at.minute))
        self.reminders_box.setEnabled(True)
        self.loaded.emit()

    def _validate_days(self) -> tuple[int, ...] | None:
        try:
            days = parse_typed(self.lead_days.text())
        except LeadDaysError as bad:
            show_problem(
                self.lead_error,
                fmt(
                    self.tr('"%1" is not a number of days from 0 to %2. Example: 7, 0'),
                    bad.entry,
                    MAX_LEAD_DAYS,
                ),
            )
            return None
        self.lead_error.hide()
        return days

    def digest_at(self) -> time | None:
        if not self.digest.isChecked():
            return None
        t = self.digest_time.time()
        return time(t.hour(), t.minute())

    # -- saving ------------------------------------------------------------------------

    def accept(self) -> None:
        if self.mail_page.changed() and not self.mail_page.save():
            self.tabs.setCurrentWidget(self.mail_page)  # its errors are shown on the page
            return
        loaded = self._loaded
        days = self._validate_days() if loaded is not None else None
        if loaded is not None and days is None:
            self.lead_days.setFocus()
            self.lead_days.selectAll()
            return
        self.settings.setValue(THEME_KEY, self.theme())
        self._initial_theme = self.theme()
        if self.keep_running.isEnabled():
            self.settings.setValue(tray.KEEP_RUNNING_KEY, self.keep_running.isChecked())
        self.settings.sync()
        self._save_autostart()
        if loaded is None or days is None:
            self._done()
            return
        feb29, digest = str(self.feb29.currentData()), self.digest_at()
        if (days, feb29, digest) == (loaded.birthday_days, loaded.feb29, loaded.digest_at):
            self._done()
            return
        self.buttons.setEnabled(False)
        lead: tuple[int, ...] = days

        def job() -> Changes:
            from crm_desktop.domain.dates import Feb29Policy

            service = self.ctx.services.reminders
            service.set_birthday_days(lead)
            service.set_feb29_policy(Feb29Policy(feb29))
            return service.set_digest_time(digest)

        self.ctx.runner.mutate(job, lambda _c: self._done(), self._save_failed)

    def _save_autostart(self) -> None:
        box = self.start_at_login
        if not box.isEnabled() or box.isChecked() == autostart.is_enabled(self._autostart_home):
            return
        try:
            if box.isChecked():
                line = autostart.exec_line(autostart.command(self._data_dir))
                autostart.enable(self._autostart_home, line)
            else:
                autostart.disable(self._autostart_home)
        except (OSError, autostart.AutostartUnsupported) as error:
            QMessageBox.warning(
                self,
                self.windowTitle(),
                fmt(self.tr("Starting at login could not be changed: %1"), error),
            )

    def _done(self) -> None:
        self.saved.emit()
        super().accept()

    def _save_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self._failed(error)

    def _failed(self, error: BaseException) -> None:
        QMessageBox.warning(
            self,
            self.windowTitle(),
            fmt(self.tr("The reminder settings could not be read or saved: %1"), error),
        )

    def reject(self) -> None:
        if self.theme() != self._initial_theme:
            self._apply_theme(self._initial_theme)
        super().reject()
