"""A read-only data folder: the window opens, shows the data, says why nothing can be saved."""

from __future__ import annotations

import threading
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSettings
from support.read_only import read_only_folder

from crm_desktop.gui.application import _open_services
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.main_window import MainWindow
from crm_desktop.gui.tasks import TaskRunner
from crm_desktop.paths import AppPaths
from crm_desktop.services.demo_data import generate_demo
from crm_desktop.storage.database import open_database
from tests.support.qt import wait_idle


def test_read_only_folder_opens_for_reading(qtbot, tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "data").ensure()
    db = open_database(paths.database)
    generate_demo(db, contacts=50, interactions=0)
    db.close()
    before = paths.database.read_bytes()
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    runner = TaskRunner()
    ctx = GuiContext(runner=runner, paths=paths, zone=ZoneInfo("UTC"))
    with read_only_folder(paths.data_dir):
        painted = threading.Event()
        painted.set()
        runner.run(lambda: _open_services(ctx, painted))
        window = MainWindow(ctx, settings)
        qtbot.addWidget(window)
        wait_idle(qtbot, runner)
        assert ctx.read_only
        window.start()
        qtbot.waitUntil(lambda: window.contacts.model.rowCount() == 50, timeout=5000)
        with qtbot.waitSignal(runner.write_failed, timeout=5000):
            runner.mutate(lambda: ctx.services.contacts.trash([1]))
        wait_idle(qtbot, runner)
        runner.shutdown()
        ctx.services.close()
    assert paths.database.read_bytes() == before  # nothing was written
