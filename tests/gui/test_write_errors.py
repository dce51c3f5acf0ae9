"""A save the disk refuses: a status line, one non-modal box per kind, and reading goes on."""

from __future__ import annotations

import sqlite3
from typing import Any

from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot
from sqlalchemy import event
from support.factories import contact_input

from crm_desktop.gui import storage_errors
from crm_desktop.gui.context import GuiContext
from crm_desktop.services.registry import Services


def fill_up(services: Services) -> None:
    db = services.db
    db.engine.dispose()

    def cap(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(db.engine, "connect", cap)


def test_a_full_disk_is_told_once_and_the_list_still_loads(
    gui_ctx: GuiContext, services: Services, qtbot: QtBot
) -> None:
    services.contacts.create(contact_input(given_name="Kept"))
    window = QMainWindow()
    qtbot.addWidget(window)
    notifier = storage_errors.install(gui_ctx.runner, window)
    fill_up(services)
    errors: list[BaseException] = []

    def big_saves() -> Any:
        last = None
        for i in range(300):
            last = services.contacts.create(contact_input(given_name=f"F{i}", notes="z" * 3000))
        return last

    with qtbot.waitSignal(gui_ctx.runner.write_failed, timeout=20_000):
        gui_ctx.runner.mutate(big_saves, on_error=errors.append)
    assert errors and storage_errors.refusal_of(errors[0]) is storage_errors.Refusal.DISK_FULL
    assert "disk is full" in window.statusBar().currentMessage()
    box = notifier.box
    assert box is not None and box.isVisible() and not box.isModal()
    assert "nothing was saved" in box.text()

    # A second refusal: the status line again, no second box.
    with qtbot.waitSignal(gui_ctx.runner.write_failed, timeout=20_000):
        gui_ctx.runner.mutate(big_saves)
    assert notifier.box is box

    # Reading goes on: the list loads, and the contact saved before is there.
    with qtbot.waitCallback(timeout=10_000) as loaded:
        gui_ctx.runner.run(lambda: services.contacts.search("Kept"), loaded)
    assert [row.display_name for row in loaded.args[0]][:1] == ["Kept"]


def test_a_read_only_error_has_its_own_message(gui_ctx: GuiContext, qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    notifier = storage_errors.install(gui_ctx.runner, window)
    failed: list[object] = []
    gui_ctx.runner.failed.connect(failed.append)

    def refused() -> Any:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    with qtbot.waitSignal(gui_ctx.runner.write_failed, timeout=10_000):
        gui_ctx.runner.mutate(refused)
    assert "read-only" in window.statusBar().currentMessage()
    assert notifier.box is not None and "read-only" in notifier.box.text()
    assert failed == []  # told once, as a refusal, not as an unexpected failure


def test_other_errors_are_not_shown_as_refusals(gui_ctx: GuiContext, qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    notifier = storage_errors.install(gui_ctx.runner, window)
    assert notifier.show(ValueError("database or disk is full")) is False
    assert window.statusBar().currentMessage() == ""
    assert notifier.box is None
