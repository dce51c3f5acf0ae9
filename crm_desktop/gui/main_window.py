"""The main window: customer list | card and timeline | calendar, in splitters.

It only composes panes and routes actions between them; each pane loads
its own data through the task runner and refreshes itself on ``changed``.
Splitter sizes, window geometry and the selected contact persist in
QSettings between runs.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QWidget,
)

from crm_desktop.gui import icons, tray
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.i18n import fmt
from crm_desktop.gui.panes.calendar import CalendarPane
from crm_desktop.gui.panes.contact_detail import ContactDetailPane
from crm_desktop.gui.panes.contact_list import ContactListPane
from crm_desktop.gui.quick_start import FirstPage

if TYPE_CHECKING:
    from crm_desktop.gui.dialogs.reminder_window import ReminderWindow
    from crm_desktop.services.reminder_dto import DueReminder

DEMO_CONTACTS = 300
FOLLOW_SELECTION_MS = 150
DEMO_INTERACTIONS = 4000


class MainWindow(QMainWindow):
    first_data_shown = Signal()

    def __init__(self, ctx: GuiContext, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.setWindowTitle(self.tr("CRM Desktop"))
        self.setWindowIcon(icons.app_icon())
        self.setObjectName("MainWindow")

        self.contacts = ContactListPane(ctx, settings, self)
        self.detail = ContactDetailPane(ctx, self)
        self.calendar = CalendarPane(ctx, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for pane in (self.contacts, self.detail, self.calendar):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 3)
        self.setCentralWidget(self.splitter)

        # The card follows the selection after a short pause, so typing in the
        # search box or holding an arrow key does not queue a card per row.
        self._selected = 0
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(FOLLOW_SELECTION_MS)
        self._follow.timeout.connect(lambda: self.detail.show_contact(self._selected))
        self.contacts.contact_selected.connect(self._on_contact_selected)
        self.contacts.first_data_shown.connect(self.first_data_shown)
        self.detail.edit_requested.connect(self.edit_contact)
        self.detail.meeting_requested.connect(self.calendar.new_meeting)
        self.calendar.contact_activated.connect(self.contacts.select_contact)
        self.contacts.new_contact_requested.connect(self.new_contact)
        self.contacts.demo_requested.connect(self.fill_demo)
        self.contacts.empty.import_clicked.connect(self.import_contacts)

        self._reminders: ReminderWindow | None = None  # built on first use
        self._quitting = False
        # None without a system tray (offscreen, Xvfb, stock GNOME): closing then quits.
        self.tray = tray.create(self)

        self._build_actions()
        if self.tray is not None:
            self.tray.show_requested.connect(self.show_from_tray)
            self.tray.reminders_requested.connect(self.show_reminder_history)
            self.tray.quit_requested.connect(self.quit_app)
        self._build_status_bar()
        self._restore_state()

    def _on_contact_selected(self, contact_id: int) -> None:
        first = self._selected == 0 and not self._follow.isActive()
        self._selected = contact_id
        if first:
            self.detail.show_contact(contact_id)  # nothing shown yet: no reason to wait
        else:
            self._follow.start()

    def follow_pending(self) -> bool:
        """Whether the card is still waiting to follow the selection."""
        return self._follow.isActive()

    def show_first_page(self, page: FirstPage | None) -> None:
        """The list's first page, read before the services are open (may be None)."""
        if page is not None:
            self.contacts.model.preload(page)

    def start(self) -> None:
        """The services are open: every pane loads its data."""
        self.contacts.start()
        self.calendar.go_today()

    # -- actions ---------------------------------------------------------------

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: object,
        icon: str | None = None,
        tip: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if icon:
            action.setIcon(icons.icon(icon))
        action.setToolTip(tip or text.replace("&", ""))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.act_new_contact = a(
            self.tr("&New contact…"), QKeySequence.StandardKey.New, self.new_contact, "contact-new"
        )
        self.act_edit_contact = a(
            self.tr("&Edit contact…"), "Ctrl+E", self.edit_current, "contact-edit"
        )
        self.act_log = a(
            self.tr("&Log interaction"), "Ctrl+L", self.detail.focus_quick_log, "interaction-log"
        )
        self.act_meeting = a(
            self.tr("New &meeting…"), "Ctrl+Shift+M", self.new_meeting, "meeting-new"
        )
        self.act_task = a(self.tr("New &task…"), "Ctrl+T", self.new_task, "task-new")
        self.act_search = a(
            self.tr("&Search"), QKeySequence.StandardKey.Find, self.contacts.focus_search, "search"
        )
        self.act_search_k = a(self.tr("Search (alternative)"), "Ctrl+K", self.contacts.focus_search)
        self.act_next = a(self.tr("Ne&xt contact"), "Alt+Down", self.contacts.select_next)
        self.act_prev = a(self.tr("Pre&vious contact"), "Alt+Up", self.contacts.select_previous)
        self.act_trash = a(
            self.tr("Move to &trash"),
            QKeySequence.StandardKey.Delete,
            self.contacts.trash_selected,
            "trash",
        )
        self.act_today = a(self.tr("&Today"), "Ctrl+Shift+T", self.calendar.go_today)
        self.act_quit = a(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.quit_app)
        self.act_import = a(self.tr("&Import…"), "Ctrl+I", self.import_contacts, "import")
        self.act_reports = a(self.tr("&Reports and export…"), "Ctrl+R", self.open_reports, "report")
        self.act_settings = a(
            self.tr("Se&ttings…"),
            QKeySequence.StandardKey.Preferences,
            self.open_settings,
            "settings",
        )
        self.act_about = a(self.tr("&About CRM Desktop"), None, self.about)
        self.act_reminders = a(
            self.tr("&Reminders"), "Ctrl+Shift+R", self.show_reminder_history, "reminder"
        )

        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for act in (self.act_import, self.act_reports, self.act_settings):
            file_menu.addAction(act)
        self.act_backups = a(self.tr("&Backups…"), None, self.open_backups)
        file_menu.addAction(self.act_backups)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        contact_menu = bar.addMenu(self.tr("&Contact"))
        for act in (self.act_new_contact, self.act_edit_contact, self.act_log, self.act_trash):
            contact_menu.addAction(act)
        calendar_menu = bar.addMenu(self.tr("C&alendar"))
        for act in (self.act_meeting, self.act_task, self.act_today):
            calendar_menu.addAction(act)
        calendar_menu.addSeparator()
        calendar_menu.addAction(self.act_reminders)
        view_menu = bar.addMenu(self.tr("&View"))
        for act in (self.act_search, self.act_next, self.act_prev):
            view_menu.addAction(act)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_about)

        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for act in (self.act_new_contact, self.act_log, self.act_meeting, self.act_task):
            toolbar.addAction(act)
        toolbar.addAction(self.act_reminders)
        toolbar.addSeparator()
        for act in (self.act_import, self.act_reports, self.act_settings):
            toolbar.addAction(act)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel(self)
        self.work_label = QLabel(self)
        self.statusBar().addWidget(self.count_label, 1)
        self.statusBar().addPermanentWidget(self.work_label)
        self.contacts.count_changed.connect(self._show_count)
        self.ctx.runner.busy_changed.connect(self._show_busy)

    def _show_count(self, shown: int, total: int) -> None:
        if shown == total:
            self.count_label.setText(self.tr("%n contact(s)", "", total))
        else:
            self.count_label.setText(fmt(self.tr("%1 of %2 contacts"), f"{shown:,}", f"{total:,}"))

    def _show_busy(self, busy: bool) -> None:
        self.work_label.setText(self.tr("Working…") if busy else "")

    # -- reminders -------------------------------------------------------------------

    def reminder_window(self) -> ReminderWindow:
        """The reminder window (one per main window, created on first use)."""
        if self._reminders is None:
            from crm_desktop.gui.dialogs.reminder_window import ReminderWindow

            window = ReminderWindow(self.ctx, self)
            window.count_changed.connect(self._show_reminder_count)
            window.contact_requested.connect(self.open_contact)
            window.log_requested.connect(self.log_for_contact)
            if self.tray is not None:  # one tray: its messages and its Reminders (count)
                window._tray = self.tray.icon
                window.count_changed.connect(self.tray.set_count)
                self.tray.message_clicked.connect(window.show_due)
            self._reminders = window
        return self._reminders

    def show_reminders(self, reminders: list[DueReminder]) -> None:
        """The bridge's ``due`` (GUI thread): list them in the reminder window."""
        self.reminder_window().add(reminders)

    def show_reminder_history(self) -> None:
        self.reminder_window().show_history()

    def _show_reminder_count(self, count: int) -> None:
        text = fmt(self.tr("Reminders (%1)"), count) if count else self.tr("&Reminders")
        self.act_reminders.setText(text)
        self.act_reminders.setToolTip(
            self.tr("%n reminder(s) due", "", count) if count else self.tr("Reminders")
        )

    def open_contact(self, contact_id: int) -> None:
        """Select ``contact_id`` and show its card at once (from a reminder)."""
        if contact_id <= 0:
            return
        self.contacts.select_contact(contact_id)
        self._follow.stop()
        self._selected = contact_id
        if self.detail.contact_id != contact_id:
            self.detail.show_contact(contact_id)
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def log_for_contact(self, contact_id: int) -> None:
        """Open the contact and put the cursor in the quick-log bar."""
        self.open_contact(contact_id)
        self.detail.focus_quick_log()

    # -- slots -------------------------------------------------------------------

    def new_contact(self) -> QWidget:
        from crm_desktop.gui.dialogs.contact_editor import ContactEditorDialog

        dialog = ContactEditorDialog(self.ctx, None, self)
        dialog.saved.connect(self.contacts.select_contact)
        dialog.open()
        return dialog

    def edit_contact(self, contact_id: int) -> None:
        from crm_desktop.gui.dialogs.contact_editor import ContactEditorDialog

        ContactEditorDialog(self.ctx, contact_id, self).open()

    def edit_current(self) -> None:
        current = self.contacts.current_id()
        if current is not None:
            self.edit_contact(current)

    def new_meeting(self) -> QWidget:
        return self.calendar.new_meeting(self.contacts.current_id() or 0)

    def new_task(self) -> QWidget:
        return self.calendar.new_task(self.contacts.current_id() or 0)

    def fill_demo(self) -> None:
        """First run: a small realistic database to explore (only into an empty one)."""
        from crm_desktop.services.changes import Changes

        def job() -> Changes:
            from crm_desktop.services.demo_data import generate_demo

            generate_demo(
                self.ctx.services.db, contacts=DEMO_CONTACTS, interactions=DEMO_INTERACTIONS
            )
            return Changes(
                all_contacts=True,
                interactions=True,
                events=True,
                tasks=True,
                deals=True,
                purchases=True,
                tags=True,
                vocabularies=True,
                reminders=True,
            )

        self.ctx.runner.mutate(job, on_error=self._demo_failed)

    def _demo_failed(self, error: BaseException) -> None:
        QMessageBox.warning(
            self, self.windowTitle(), fmt(self.tr("Demo data could not be created: %1"), error)
        )

    def open_backups(self) -> QWidget:
        """File ▸ Backups…: list, create, verify and restore backups."""
        from crm_desktop.gui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def import_contacts(self) -> QWidget:
        """File ▸ Import…: the import wizard; the panes refresh on the Changes it broadcasts."""
        from crm_desktop.gui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self)
        wizard.contact_requested.connect(self.open_contact)
        wizard.finished.connect(wizard.deleteLater)
        wizard.open()
        return wizard

    def open_settings(self) -> QWidget:
        from crm_desktop.gui.dialogs.settings_dialog import SettingsDialog
        from crm_desktop.paths import AppPaths

        custom = self.ctx.paths != AppPaths.default()  # --data-dir: start at login with it too
        dialog = SettingsDialog(
            self.ctx, self.settings, self, data_dir=self.ctx.paths.data_dir if custom else None
        )
        dialog.open()
        return dialog

    _reports: QWidget | None = None  # the Reports window, created on first use

    def open_reports(self) -> QWidget:
        """The non-modal Reports window (one per main window), raised."""
        if self._reports is None:
            from crm_desktop.gui.dialogs.reports_window import ReportsWindow

            self._reports = ReportsWindow(self.ctx, self)
        self._reports.show()
        self._reports.raise_()
        self._reports.activateWindow()
        return self._reports

    def reminders_unavailable(self, _error: BaseException) -> None:
        """The reminder engine could not start (the log says why): say so, don't stay silent."""
        self.statusBar().showMessage(
            self.tr("Reminders could not start; the log file in the data folder says why.")
        )

    def about(self) -> None:
        from crm_desktop import __version__

        QMessageBox.about(
            self,
            self.tr("About CRM Desktop"),
            fmt(
                self.tr("CRM Desktop %1\nYour customers, on your computer, in one file."),
                __version__,
            ),
        )

    # -- state -------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            # Once the window has its real width: list 42 %, card 30 %, calendar 28 %.
            QTimer.singleShot(0, self._default_splitter)
        selected = self.settings.value("window/contact")
        if selected is not None:
            with contextlib.suppress(ValueError):
                self.contacts.select_contact(int(str(selected)))

    def _default_splitter(self) -> None:
        width = self.splitter.width()
        self.splitter.setSizes([int(width * 0.42), int(width * 0.30), int(width * 0.28)])

    # -- running in the tray --------------------------------------------------------------

    def keeps_running(self) -> bool:
        """Whether closing hides the window in the tray (the option is on and a tray exists)."""
        return self.tray is not None and tray.keep_running(self.settings)

    def show_from_tray(self) -> None:
        if self.isMinimized() or not self.isVisible():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def quit_app(self) -> None:
        """File ▸ Quit and the tray's Quit: really quit, even when closing only hides."""
        self._quitting = True
        if self.close():
            QApplication.quit()
        else:
            self._quitting = False

    def _save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        current = self.contacts.current_id()
        if current is not None:
            self.settings.setValue("window/contact", current)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._quitting and self.keeps_running():
            self._save_state()
            event.ignore()
            self.hide()  # the reminder engine keeps running; the tray brings the window back
            return
        if self._reminders is not None and self._reminders.count:
            self._reminders.close()  # unanswered reminders are snoozed, so they come back
        self._save_state()
        super().closeEvent(event)
        if self.tray is not None:
            self.tray.hide()
            QApplication.quit()  # with a tray, closing the last window does not quit by itself
