"""Fixtures for widget tests: a real database, the real services, the real task runner.

Tests wait on signals (``qtbot.waitSignal``/``waitUntil``), never on sleeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication

from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.i18n import install_translators
from crm_desktop.gui.tasks import TaskRunner
from crm_desktop.paths import AppPaths
from crm_desktop.services.registry import Services
from crm_desktop.storage.database import open_database

ZONE = ZoneInfo("Europe/Budapest")


@pytest.fixture(scope="session", autouse=True)
def english_catalogue(qapp: QApplication) -> None:
    """What the app installs at start: plural forms read "1 day", "3 days"."""
    install_translators(qapp, QLocale(QLocale.Language.English))


@pytest.fixture
def gui_ctx(tmp_path: Path, qtbot: object) -> Iterator[GuiContext]:
    """A GuiContext over a fresh database in ``tmp_path``, services attached."""
    paths = AppPaths.under(tmp_path / "data").ensure()
    db = open_database(paths.database)
    runner = TaskRunner()
    ctx = GuiContext(runner=runner, paths=paths, zone=ZONE, phone_region="HU")
    ctx.attach(Services.over(db, phone_region="HU"))
    yield ctx
    runner.shutdown()
    db.close()


@pytest.fixture
def services(gui_ctx: GuiContext) -> Services:
    """The same services, for arranging data directly in a test (on the test thread)."""
    return gui_ctx.services


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
