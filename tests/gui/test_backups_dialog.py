"""File ▸ Backups…: create, verify and restore, with erasures replayed; the daily backup."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from support.factories import contact_input

from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.daily_backup import DailyBackup, DailyResult
from crm_desktop.gui.dialogs.backups_dialog import BackupsDialog, Restored
from crm_desktop.paths import AppPaths
from crm_desktop.storage.backups import BackupStore
from crm_desktop.storage.database import open_database

ZONE = ZoneInfo("Europe/Budapest")
WAIT = 15_000


def _dialog(gui_ctx: GuiContext, qtbot) -> BackupsDialog:
    dialog = BackupsDialog(gui_ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog._busy, timeout=WAIT)
    return dialog


def test_create_verify_restore_round_trip_replays_erasures(gui_ctx: GuiContext, qtbot) -> None:
    contacts = gui_ctx.services.contacts
    kept = contacts.create(contact_input(given_name="Kept")).id
    erased = contacts.create(contact_input(given_name="Erased")).id
    dialog = _dialog(gui_ctx, qtbot)
    assert dialog.table.rowCount() == 0

    with qtbot.waitSignal(dialog.operation_done, timeout=WAIT) as created:
        dialog.create_button.click()
    assert created.args[0] == "create"
    backup_id = created.args[1].id
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1 and not dialog._busy, timeout=WAIT)
    dialog.select(backup_id)
    assert dialog.selected_id() == backup_id
    assert dialog.restore_button.isEnabled()

    with qtbot.waitSignal(dialog.operation_done, timeout=WAIT) as verified:
        dialog.verify_button.click()
    assert verified.args[1] == (backup_id, [])
    assert "sound" in dialog.status.text()

    # After the backup: one person erased, one added.
    contacts.erase([erased])
    later = contacts.create(contact_input(given_name="Later")).id
    qtbot.waitUntil(lambda: not dialog._busy, timeout=WAIT)

    with qtbot.waitSignals([dialog.operation_done, gui_ctx.runner.changed], timeout=WAIT):
        dialog.restore(backup_id)
    restored = dialog.last_restore
    assert isinstance(restored, Restored)
    assert restored.result.backup_id == backup_id
    assert restored.result.contacts == 2
    assert restored.erased_again == 1
    assert restored.result.safety_backup is not None
    summary = dialog.restore_summary(restored)
    assert "2 contacts" in summary and restored.result.safety_backup in summary
    assert "Erased again: 1 contact erased after this backup was made." in summary

    ids = set(gui_ctx.services.contacts.ids())
    assert kept in ids and erased not in ids and later not in ids  # exactly the snapshot
    assert erased in gui_ctx.services.contacts.erased_ids()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2 and not dialog._busy, timeout=WAIT)
    reasons = sorted(b.reason for b in dialog.backups)
    assert reasons == ["manual", "pre-restore"]
    gui_ctx.runner.run(lambda: gui_ctx.services.contacts.count())  # the worker still works
    gui_ctx.services.close()


def test_restore_of_a_missing_backup_keeps_the_database(gui_ctx: GuiContext, qtbot) -> None:
    gui_ctx.services.contacts.create(contact_input(given_name="Stays"))
    dialog = _dialog(gui_ctx, qtbot)
    with qtbot.waitSignal(dialog.operation_done, timeout=WAIT) as blocker:
        dialog.restore("manual-20200101T000000Z")
    assert isinstance(blocker.args[1], Exception)
    assert gui_ctx.services.contacts.count() == 1  # reopened, untouched
    gui_ctx.services.close()


def _database(tmp_path: Path) -> AppPaths:
    paths = AppPaths.under(tmp_path / "data").ensure()
    open_database(paths.database).close()
    return paths


def test_daily_backup_once_a_day_reported_by_signal(tmp_path: Path, qtbot) -> None:
    paths = _database(tmp_path)
    day = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    times = iter([day, day + timedelta(hours=3), day + timedelta(days=1)])
    daily = DailyBackup(paths, ZONE, clock=lambda zone: next(times).astimezone(zone))
    with qtbot.waitSignal(daily.finished, timeout=10_000) as first:
        daily.start()
    result = first.args[0]
    assert isinstance(result, DailyResult) and result.created is not None
    assert result.created.reason == "daily"

    again = DailyBackup(paths, ZONE, clock=lambda zone: next(times).astimezone(zone))
    with qtbot.waitSignal(again.finished, timeout=10_000) as second:
        again.start()
    assert second.args[0].created is None  # the same day: nothing new

    next_day = DailyBackup(paths, ZONE, clock=lambda zone: next(times).astimezone(zone))
    with qtbot.waitSignal(next_day.message, timeout=10_000) as third:
        next_day.start()
    next_day.wait()
    dailies = [b for b in BackupStore(paths).list() if b.reason == "daily"]
    assert len(dailies) == 2
    assert "Daily backup made" in third.args[0]
