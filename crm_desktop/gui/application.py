"""Running the window: QApplication, theme, the worker, the first paint.

Order for a fast first paint: the window is built and shown at once; the
worker first reads the first page of contacts with bare ``sqlite3`` (see
``quick_start``), then opens the full service stack. A ``--screenshot``
is taken as soon as the first page of data is on screen.
"""

from __future__ import annotations

import os
import sys
import threading
import time

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from crm_desktop.gui import storage_errors, theme
from crm_desktop.gui.auto_greetings import AutoGreetings, wants_greetings
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.daily_backup import DailyBackup
from crm_desktop.gui.i18n import fmt, install_translators
from crm_desktop.gui.icons import app_icon
from crm_desktop.gui.quick_start import FirstPage, first_page
from crm_desktop.gui.reminders_bridge import ReminderBridge
from crm_desktop.gui.tasks import TaskRunner
from crm_desktop.paths import AppPaths

#: How long the service import may wait for the first paint before going ahead anyway.
PAINT_GATE_S = 3.0
#: ``crm-desktop gui --hidden`` (start at login): only the tray icon, when there is a tray.
start_hidden = False


def _open_services(ctx: GuiContext, painted: threading.Event | None = None) -> None:
    """Runs on the worker, so every job queued after it already sees the services.

    It first waits for the first paint: importing SQLAlchemy holds the GIL
    for ~0.4 s, and doing it while the GUI thread builds and paints the
    window slowed the first paint threefold.
    """
    if painted is not None:
        painted.wait(PAINT_GATE_S)
    from crm_desktop.services.registry import Services
    from crm_desktop.storage.database import open_database, open_read_only
    from crm_desktop.storage.file_check import SCHEMA_VERSION, FileKind, inspect_file

    path = ctx.paths.database
    if not os.access(ctx.paths.data_dir, os.W_OK) and path.is_file():
        # A read-only folder (a mounted backup disk, a full-quota share): the
        # data can still be read; every save says plainly why it cannot be.
        state = inspect_file(path)
        if state.kind is FileKind.OURS and state.schema_version == SCHEMA_VERSION:
            db = open_read_only(path)
            ctx.read_only = True
            ctx.attach(Services.over(db, phone_region=ctx.phone_region, zone=ctx.zone.key))
            return
    db = open_database(path, backup_dir=ctx.paths.backup_dir)
    ctx.attach(Services.over(db, phone_region=ctx.phone_region, zone=ctx.zone.key))


def run(
    paths: AppPaths,
    *,
    zone_name: str,
    phone_region: str | None,
    started_at: float,
    screenshot: str | None = None,
    quit_after_paint: bool = False,
) -> int:
    from zoneinfo import ZoneInfo

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("CRM Desktop")
    app.setDesktopFileName("crm-desktop")
    app.setWindowIcon(app_icon())
    install_translators(app)
    settings = QSettings(str(paths.config_dir / "ui.ini"), QSettings.Format.IniFormat)
    theme.apply(app, str(settings.value("ui/theme", "system")))

    from crm_desktop.gui.single_instance import SingleInstance, bring_to_front, warn_storage_risk

    instance = SingleInstance(paths.data_dir)
    if not instance.acquire():
        instance.activate_running()  # the running window comes to the front; we leave
        return 0

    from crm_desktop.gui.main_window import MainWindow

    runner = TaskRunner()
    ctx = GuiContext(
        runner=runner, paths=paths, zone=ZoneInfo(zone_name), phone_region=phone_region
    )
    exit_code = 0
    daily: DailyBackup | None = None

    def opened(_: None) -> None:
        nonlocal daily
        window.start()
        if ctx.read_only:  # reminders, greetings and backups would all have to write
            window.statusBar().showMessage(
                window.tr("The data folder is read-only: you can look, but nothing can be saved."),
            )
            return
        reminders.start()  # after the first paint and the open: the engine is imported here
        greetings.run_now()  # birthday greetings due today, for contacts who opted in
        if not (screenshot or quit_after_paint):
            daily = DailyBackup(paths, ctx.zone, window)  # its own thread: not the worker's
            daily.message.connect(lambda text: window.statusBar().showMessage(text, 15_000))
            daily.start()

    def failed(error: BaseException) -> None:
        nonlocal exit_code
        from crm_desktop.gui.dialogs.damaged_file import (
            DamagedFileDialog,
            Outcome,
            as_storage_error,
        )

        refused = as_storage_error(error, paths.database)
        if refused is not None:
            dialog = DamagedFileDialog(paths, refused, window)
            dialog.exec()
            if dialog.outcome is not Outcome.QUIT:  # a backup or nothing in place: open that
                window.statusBar().showMessage(dialog.summary(), 15_000)
                runner.run(lambda: _open_services(ctx), opened, failed)
                return
        exit_code = 1
        text = refused.message if refused is not None else type(error).__name__
        QMessageBox.critical(
            window,
            window.tr("CRM Desktop"),
            fmt(window.tr("The database could not be opened.\n\n%1"), text),
        )
        app.quit()

    painted = threading.Event()

    def first(page: FirstPage | None) -> None:
        window.show_first_page(page)
        if page is None:
            painted.set()  # nothing to paint early: open the database straight away

    def on_first_data() -> None:
        window.repaint()
        painted.set()

    # Queued before the window exists, so they run before any job a pane submits.
    runner.run(lambda: first_page(paths.database), first)
    runner.run(lambda: _open_services(ctx, painted), opened, failed)
    window = MainWindow(ctx, settings)
    storage_errors.install(runner, window)  # a full disk or read-only folder: said plainly
    window.first_data_shown.connect(on_first_data)
    instance.activate_requested.connect(lambda: bring_to_front(window))
    reminders = ReminderBridge(ctx)
    reminders.due.connect(window.show_reminders)  # queued: the engine runs on its own thread
    reminders.failed.connect(window.reminders_unavailable)
    greetings = AutoGreetings(ctx, window)
    reminders.due.connect(lambda due: greetings.run_now() if wants_greetings(due) else None)

    def report_paint() -> None:
        elapsed = time.perf_counter() - started_at
        print(f"first paint with data: {elapsed:.3f} s after process start", flush=True)
        if screenshot:
            settle()  # the picture waits until every pane has loaded
        elif quit_after_paint:
            QTimer.singleShot(0, app.quit)

    def settle() -> None:
        if not ctx.is_open or runner.pending or window.follow_pending():
            QTimer.singleShot(50, settle)
            return
        assert screenshot is not None
        window.grab().save(screenshot)
        if quit_after_paint:
            app.quit()

    if screenshot or quit_after_paint:
        window.first_data_shown.connect(lambda: QTimer.singleShot(0, report_paint))

    if window.tray is not None:
        app.setQuitOnLastWindowClosed(False)  # the window quits or hides itself (keep running)
    if not (start_hidden and window.tray is not None):
        window.show()
    if not (screenshot or quit_after_paint):
        QTimer.singleShot(0, lambda: warn_storage_risk(window, paths.data_dir, settings))
    code = app.exec()
    if daily is not None:
        daily.wait()  # a backup in progress finishes: never a half-made file
    reminders.stop()  # before the worker drains: nothing is claimed that is never shown
    runner.shutdown()
    if ctx.is_open:
        ctx.services.close()
    instance.release()
    return exit_code or code
