"""Settings dialog and running in the tray.

The settings dialog saves the theme to QSettings and the reminder settings
through the reminder service; bad birthday lead times are refused inline.
Offscreen has no system tray (FIELD_NOTES): the keep-running option is
disabled and closing the window closes it as before. With a tray faked
available (``tray.is_available`` replaced), closing hides the window, the
reminder engine keeps delivering, and the tray's Quit really closes.
No sleeps: waits are on signals and the runner.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from support.factories import NOW, FixedClock, contact_input
from support.qt import wait_idle

from crm_desktop import autostart
from crm_desktop.gui import theme, tray
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.dialogs.settings_dialog import SettingsDialog
from crm_desktop.gui.main_window import MainWindow
from crm_desktop.gui.reminders_bridge import ReminderBridge
from crm_desktop.scheduling.engine import ReminderEngine
from crm_desktop.services.dto import TaskInput
from crm_desktop.services.registry import Services
from crm_desktop.services.reminders import ReminderService
from crm_desktop.services.tasks import TaskService


@pytest.fixture(autouse=True)
def keep_palette(qapp: QApplication) -> Iterator[None]:
    """The dialog applies the theme to the whole application: put it back after."""
    palette, sheet, style = qapp.palette(), qapp.styleSheet(), qapp.style().name()
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


def make_dialog(
    qtbot: object, ctx: GuiContext, settings: QSettings, tmp_path: Path, *, has_tray: bool
) -> SettingsDialog:
    dialog = SettingsDialog(
        ctx,
        settings,
        tray_available=lambda: has_tray,
        autostart_home=tmp_path / "xdg",
    )
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.loaded, timeout=5000):  # type: ignore[attr-defined]
        dialog.show()
    return dialog


def test_theme_is_applied_at_once_and_saved(
    qtbot: object, qapp: QApplication, gui_ctx: GuiContext, settings: QSettings, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, gui_ctx, settings, tmp_path, has_tray=False)
    assert dialog.lead_days.text() == "7, 0"  # the defaults, read through the service
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#1e2126"
    with qtbot.waitSignal(dialog.saved, timeout=5000):  # type: ignore[attr-defined]
        dialog.accept()
    assert settings.value("ui/theme") == "dark"


def test_cancel_puts_the_theme_back(
    qtbot: object, qapp: QApplication, gui_ctx: GuiContext, settings: QSettings, tmp_path: Path
) -> None:
    settings.setValue("ui/theme", "light")
    dialog = make_dialog(qtbot, gui_ctx, settings, tmp_path, has_tray=False)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.reject()
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#f6f7f9"
    assert settings.value("ui/theme") == "light"


def test_reminder_settings_save_through_the_service(
    qtbot: object, gui_ctx: GuiContext, services: Services, settings: QSettings, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, gui_ctx, settings, tmp_path, has_tray=False)
    dialog.lead_days.setText("14, 3, 0")
    dialog.feb29.setCurrentIndex(dialog.feb29.findData("mar1"))
    dialog.digest.setChecked(True)
    dialog.digest_time.setTime(dialog.digest_time.time().fromString("07:30", "HH:mm"))
    with (
        qtbot.waitSignal(gui_ctx.runner.changed, timeout=5000) as changed,  # type: ignore[attr-defined]
        qtbot.waitSignal(dialog.saved, timeout=5000),  # type: ignore[attr-defined]
    ):
        dialog.accept()
    assert changed.args[0].reminders  # re-arms the engine
    saved = services.reminders.settings()
    assert saved.birthday_days == (0, 3, 14)
    assert saved.feb29 == "mar1"
    assert saved.digest_at == time(7, 30)
    assert not dialog.isVisible()

    again = make_dialog(qtbot, gui_ctx, settings, tmp_path, has_tray=False)
    assert again.lead_days.text() == "14, 3, 0"
    assert again.digest.isChecked() and again.digest_time.time().toString("HH:mm") == "07:30"
    again.digest.setChecked(False)
    with qtbot.waitSignal(again.saved, timeout=5000):  # type: ignore[attr-defined]
        again.accept()
    assert services.reminders.settings().digest_at is None


@pytest.mark.parametrize("text", ["7, x", "90", "-1"])
def test_invalid_lead_days_are_refused_inline(
    qtbot: object,
    gui_ctx: GuiContext,
    services: Services,
    settings: QSettings,
    tmp_path: Path,
    text: str,
) -> None:
    dialog = make_dialog(qtbot, gui_ctx, settings, tmp_path, has_tray=False)
    dialog.lead_days.setText(text)
    dialog.accept()
    wait_idle(qtbot, gui_ctx.runner)
    assert dialog.isVisible()
    assert dialog.lead_error.isVisible() and "0 to 60" in dialog.lead_error.text()
    assert services.reminders.settings().birthday_days == (7, 0)
    dialog.lead_days.setText("7")
    dialog.lead_days.textEdited.emit("7")
    assert not dialog.lead_error.isVisible()


def test_start_at_login_writes_and_removes_the_entry(
    qtbot: object, gui_ctx: GuiContext, settings: QSettings, tmp_path: Path
) -> None:
    if not autostart.supported():
        pytest.skip("XDG autostart is Linux only")
    home = tmp_path / "xdg"
    dialog = make_dialog(qtbot, gui_ctx, settings, tmp_path, has_tray=False)
    assert not dialog.start_at_login.isChecked()
    dialog.start_at_login.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=5000):  # type: ignore[attr-defined]
        dialog.accept()
    assert autostart.is_enabled(home)
    assert "gui --hidden" in autostart.entry_path(home).read_text(encoding="utf-8")

    again = make_dialog(qtbot, gui_ctx, settings, tmp_path, has_tray=False)
    assert again.start_at_login.isChecked()
    again.start_at_login.setChecked(False)
    with qtbot.waitSignal(again.saved, timeout=5000):  # type: ignore[attr-defined]
        again.accept()
    assert not autostart.entry_path(home).exists()


def test_without_a_tray_keep_running_is_disabled_and_closing_closes(
    qtbot: object, gui_ctx: GuiContext, settings: QSettings, tmp_path: Path
) -> None:
    assert not tray.is_available()  # offscreen, as on Xvfb and stock GNOME
    settings.setValue(tray.KEEP_RUNNING_KEY, True)  # even if it was saved elsewhere
    dialog = make_dialog(qtbot, gui_ctx, settings, tmp_path, has_tray=False)
    assert not dialog.keep_running.isEnabled() and not dialog.keep_running.isChecked()
    assert dialog.tray_note.isVisibleTo(dialog) and "no system tray" in dialog.tray_note.text()

    window = MainWindow(gui_ctx, settings)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    assert window.tray is None and not window.keeps_running()
    assert window.act_settings.isEnabled()
    window.show()
    assert window.close()  # accepted: the last window closes and the app quits, as before
    assert not window.isVisible()
    assert settings.value("window/geometry") is not None


def test_with_a_tray_closing_hides_and_reminders_keep_arriving(
    qtbot: object,
    gui_ctx: GuiContext,
    services: Services,
    settings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tray, "is_available", lambda: True)
    window = MainWindow(gui_ctx, settings)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    assert window.tray is not None

    dialog = window.open_settings()
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitSignal(dialog.loaded, timeout=5000).wait()  # type: ignore[attr-defined]
    assert dialog.keep_running.isEnabled() and not dialog.tray_note.isVisibleTo(dialog)
    dialog.keep_running.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=5000):  # type: ignore[attr-defined]
        dialog.accept()
    assert window.keeps_running()

    clock = FixedClock()
    bridge = ReminderBridge(gui_ctx)
    bridge.due.connect(window.show_reminders)
    engine = ReminderEngine(
        ReminderService(services.db, clock=clock, timezone="Europe/Budapest"),
        bridge.notify,
        clock,
        timezone="Europe/Budapest",
    )
    bridge.attach(engine)
    engine.start(paused=True)  # running, but the test drives the runs with its clock
    try:
        assert engine.catch_up() == []
        window.show()
        assert not window.close()  # ignored: hidden in the tray instead
        assert not window.isVisible()
        assert settings.value("window/geometry") is not None  # state saved as on a real close

        contact = services.contacts.create(contact_input(given_name="Zsófia")).id
        TaskService(services.db, clock=clock).create(
            TaskInput(title="Call back", due_at=NOW + timedelta(minutes=5), contact_id=contact)
        )
        clock.advance(minutes=6)
        with qtbot.waitSignal(bridge.due, timeout=5000):  # type: ignore[attr-defined]
            (shown,) = engine.run_due()
        reminders = window.reminder_window()
        qtbot.waitUntil(lambda: reminders.count == 1, timeout=5000)  # type: ignore[attr-defined]
        assert reminders.isVisible() and not window.isVisible()
        assert window.tray.count == 1 and "(1)" in window.tray.act_reminders.text()
        assert reminders._tray is window.tray.icon  # one tray object for messages too

        window.tray.act_show.trigger()
        assert window.isVisible()
        window.close()
        assert not window.isVisible()

        window.tray.act_quit.trigger()  # really quits: the close is accepted this time
        assert not window.isVisible() and window._quitting
        assert not reminders.isVisible()  # closed on quit: its reminder is snoozed
        wait_idle(qtbot, gui_ctx.runner)
        assert services.reminders.snoozed_due(NOW + timedelta(days=1))[0].identity == (
            shown.identity
        )
    finally:
        bridge.stop()


def test_a_problem_reads_in_the_themes_red_and_follows_a_switch(
    qtbot: object, qapp: QApplication, gui_ctx: GuiContext, settings: QSettings, tmp_path: Path
) -> None:
    theme.apply(qapp, "light")
    dialog = make_dialog(qtbot, gui_ctx, settings, tmp_path, has_tray=False)
    dialog.lead_days.setText("7, soon")
    dialog.lead_days.textEdited.emit("7, soon")
    assert dialog.lead_error.isVisible()

    def red() -> str:
        return dialog.lead_error.palette().color(QPalette.ColorRole.WindowText).name()

    assert red() == "#b3261e"
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    assert red() == "#ff8a80"  # light enough on the dark window colour


def test_the_dialog_grows_to_show_a_two_line_problem_whole(
    qtbot: QtBot, gui_ctx: GuiContext, settings: QSettings, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, gui_ctx, settings, tmp_path, has_tray=False)
    opened = dialog.height()
    dialog.lead_days.setText("7, soon")
    dialog.lead_days.textEdited.emit("7, soon")
    error = dialog.lead_error

    def whole() -> bool:  # as tall as its wrapped text needs: not drawn over the next row
        return error.height() >= error.heightForWidth(error.width()) > error.fontMetrics().height()

    qtbot.waitUntil(whole, timeout=2000)
    assert dialog.height() > opened
