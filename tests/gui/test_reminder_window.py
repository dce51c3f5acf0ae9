"""The reminder window: a due reminder opens it, snooze re-fires, dismiss never returns.

The engine runs with an injected clock and is driven directly (catch_up,
run_due), as in tests/unit/scheduling; its deliveries go through the real
bridge into the real window. No sleeps: waits are on signals and the runner.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from support import factories
from support.factories import NOW, FixedClock, contact_input
from support.qt import wait_idle

from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.dialogs.reminder_window import HISTORY_SIZE, ReminderWindow
from crm_desktop.gui.reminders_bridge import ReminderBridge
from crm_desktop.scheduling.engine import ReminderEngine
from crm_desktop.services.changes import Changes
from crm_desktop.services.dto import TaskInput
from crm_desktop.services.registry import Services
from crm_desktop.services.reminder_dto import DueReminder
from crm_desktop.services.reminders import ReminderService
from crm_desktop.services.sqltime import parse_utc
from crm_desktop.services.tasks import TaskService

ZONE = "Europe/Budapest"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def window(gui_ctx: GuiContext, clock: FixedClock, qtbot: object) -> Iterator[ReminderWindow]:
    win = ReminderWindow(gui_ctx, clock=clock)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    yield win


@pytest.fixture
def bridge(gui_ctx: GuiContext, window: ReminderWindow) -> Iterator[ReminderBridge]:
    b = ReminderBridge(gui_ctx)
    b.due.connect(window.add)
    yield b
    b.stop()


def new_engine(services: Services, bridge: ReminderBridge, clock: FixedClock) -> ReminderEngine:
    """An engine over the same database, with the fake clock (a "restart" makes another)."""
    service = ReminderService(services.db, clock=clock, timezone=ZONE)
    engine = ReminderEngine(service, bridge.notify, clock, timezone=ZONE)
    bridge.attach(engine)
    return engine


def add_task(services: Services, clock: FixedClock, title: str, minutes: int) -> tuple[int, int]:
    contact = services.contacts.create(contact_input(given_name="Ελένη", family_name="Π.")).id
    task = TaskService(services.db, clock=clock).create(
        TaskInput(title=title, due_at=NOW + timedelta(minutes=minutes), contact_id=contact)
    )
    return task.id, contact


def ledger(services: Services, task_id: int) -> tuple[str, datetime | None]:
    state = factories.scalar(
        services.db, "SELECT state FROM reminder_ledger WHERE source_id = :id", id=task_id
    )
    until = factories.scalar(
        services.db, "SELECT snoozed_until FROM reminder_ledger WHERE source_id = :id", id=task_id
    )
    return state, parse_utc(until)


def sample(key: str = "a", **kw: object) -> DueReminder:
    fields: dict[str, object] = {
        "kind": "task",
        "source_id": 1,
        "occurrence_key": key,
        "due_at": NOW,
        "text": f"Task {key}",
        "subject": f"Task {key}",
        "contact_ids": (7,),
    }
    fields.update(kw)
    return DueReminder(**fields)  # type: ignore[arg-type]


def test_due_reminder_opens_window_and_snooze_refires_once(
    qtbot: object,
    gui_ctx: GuiContext,
    services: Services,
    window: ReminderWindow,
    bridge: ReminderBridge,
    clock: FixedClock,
) -> None:
    engine = new_engine(services, bridge, clock)
    assert engine.catch_up() == []  # the first start: the epoch
    task_id, _ = add_task(services, clock, "Send the offer", 5)
    clock.advance(minutes=6)

    (shown,) = engine.run_due()
    assert window.isVisible() and [r.identity for r in window.reminders()] == [shown.identity]
    row = window.row(shown)
    assert row is not None and row.title.text() == "Send the offer"

    row.snooze_button.click()  # a plain click: the default 5 minutes
    wait_idle(qtbot, gui_ctx.runner)
    assert ledger(services, task_id) == ("snoozed", clock.now + timedelta(minutes=5))
    assert window.reminders() == [] and not window.isVisible()
    assert window.history_entries()[0][1].startswith("snoozed until")

    clock.advance(minutes=4)
    assert engine.run_due() == []
    clock.advance(minutes=2)
    (again,) = engine.run_due()
    assert again.snoozed and again.identity == shown.identity
    assert engine.run_due() == []
    assert window.isVisible() and [r.identity for r in window.reminders()] == [shown.identity]
    assert len(window.history_entries()) == 2


def test_snooze_menu_choices(window: ReminderWindow, clock: FixedClock) -> None:
    assert window.snooze_until(30) == NOW + timedelta(minutes=30)
    assert window.snooze_until(60) == NOW + timedelta(hours=1)
    tomorrow = window.snooze_until("tomorrow")
    assert tomorrow is not None
    local = tomorrow.astimezone(window.ctx.zone)
    assert (local.date(), local.hour, local.minute) == (
        NOW.astimezone(window.ctx.zone).date() + timedelta(days=1),
        9,
        0,
    )
    window.add([sample()])
    row = window.row(sample())
    assert row is not None and row.snooze_button.menu() is not None
    texts = [a.text() for a in row.snooze_button.menu().actions() if a.text()]
    assert texts[:5] == ["5 minutes", "10 minutes", "15 minutes", "30 minutes", "1 hour"]


def test_dismiss_never_comes_back_after_restart(
    qtbot: object,
    gui_ctx: GuiContext,
    services: Services,
    window: ReminderWindow,
    bridge: ReminderBridge,
    clock: FixedClock,
) -> None:
    engine = new_engine(services, bridge, clock)
    engine.catch_up()
    task_id, _ = add_task(services, clock, "Pay invoice", 1)
    clock.advance(minutes=2)
    (shown,) = engine.run_due()
    row = window.row(shown)
    assert row is not None
    row.dismiss_button.click()
    wait_idle(qtbot, gui_ctx.runner)
    assert ledger(services, task_id) == ("dismissed", None)
    assert window.count == 0

    for hours in (1, 24, 24 * 20):
        clock.now = NOW + timedelta(hours=hours)
        assert new_engine(services, bridge, clock).catch_up() == []
    assert window.count == 0 and len(window.history_entries()) == 1
    assert window.history_entries()[0][1] == "dismissed"


def test_closing_the_window_snoozes_what_is_listed(
    qtbot: object,
    gui_ctx: GuiContext,
    services: Services,
    window: ReminderWindow,
    bridge: ReminderBridge,
    clock: FixedClock,
) -> None:
    engine = new_engine(services, bridge, clock)
    engine.catch_up()
    first, _ = add_task(services, clock, "Call back", 1)
    second, _ = add_task(services, clock, "Renew contract", 2)
    clock.advance(minutes=3)
    assert len(engine.run_due()) == 2 and window.count == 2
    window.close()
    wait_idle(qtbot, gui_ctx.runner)
    until = clock.now + timedelta(minutes=5)
    assert ledger(services, first) == ("snoozed", until)
    assert ledger(services, second) == ("snoozed", until)
    assert window.count == 0


def test_open_contact_and_log_emit_the_contact(qtbot: object, window: ReminderWindow) -> None:
    window.add([sample(contact_ids=(42,))])
    row = window.row(sample())
    assert row is not None
    with qtbot.waitSignal(window.contact_requested) as opened:  # type: ignore[attr-defined]
        row.contact_button.click()
    assert opened.args == [42]
    with qtbot.waitSignal(window.log_requested) as logged:  # type: ignore[attr-defined]
        row.log_button.click()
    assert logged.args == [42]
    assert window.count == 1  # opening a contact does not answer the reminder


def test_bridge_delivers_from_another_thread(
    qtbot: object, window: ReminderWindow, bridge: ReminderBridge
) -> None:
    """notify runs on the scheduler thread; the window is filled on the GUI thread."""
    with qtbot.waitSignal(bridge.due):  # type: ignore[attr-defined]
        worker = threading.Thread(target=bridge.notify, args=([sample("x"), sample("y")],))
        worker.start()
        worker.join()
    assert [r.occurrence_key for r in window.reminders()] == ["y", "x"]  # newest on top


def test_missed_and_snoozed_are_marked_and_history_is_bounded(window: ReminderWindow) -> None:
    window.add([sample("m", missed=True), sample("s", snoozed=True)])
    statuses = dict((r.occurrence_key, s) for r, s in window.history_entries())
    assert statuses == {"m": "due (missed)", "s": "due again (snoozed)"}
    missed = window.row(sample("m"))
    assert missed is not None and "missed" in [
        b.text()
        for b in missed.findChildren(type(missed.title))
        if b.objectName() == "reminderBadge"
    ]
    window.add([sample(str(i)) for i in range(HISTORY_SIZE + 5)])
    assert len(window.history_entries()) == HISTORY_SIZE
    assert window.history.topLevelItemCount() == HISTORY_SIZE


def test_engine_starts_after_open_and_reschedules_on_changes(
    qtbot: object, gui_ctx: GuiContext, bridge: ReminderBridge
) -> None:
    bridge.start()
    wait_idle(qtbot, gui_ctx.runner)
    engine = bridge.engine
    assert engine is not None and 1 <= engine.job_count <= 2  # the catch-up may have run
    gui_ctx.runner.changed.emit(Changes(reminders=True))  # re-armed, not blocking
    bridge.stop()
    assert bridge.engine is None


def test_main_window_reminders_action_and_open_contact(
    qtbot: object, gui_ctx: GuiContext, settings: QSettings
) -> None:
    from crm_desktop.gui.main_window import MainWindow

    main = MainWindow(gui_ctx, settings)
    qtbot.addWidget(main)  # type: ignore[attr-defined]
    contact = gui_ctx.services.contacts.create(contact_input(given_name="Ana")).id
    main.show_reminders([sample(contact_ids=(contact,))])
    assert main.act_reminders.text() == "Reminders (1)"
    reminders = main.reminder_window()
    assert reminders.isVisible()
    assert reminders.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    row = reminders.row(sample())
    assert row is not None
    row.contact_button.click()
    assert main.detail.contact_id == contact
    reminders.dismiss(reminders.reminders())
    wait_idle(qtbot, gui_ctx.runner)
    assert main.act_reminders.text() == "&Reminders"


def test_a_reminder_engine_that_cannot_start_is_said_in_the_status_bar(
    qtbot: object, gui_ctx: GuiContext, settings: QSettings
) -> None:
    from crm_desktop.gui.main_window import MainWindow

    main = MainWindow(gui_ctx, settings)
    qtbot.addWidget(main)  # type: ignore[attr-defined]
    main.reminders_unavailable(RuntimeError("no engine"))
    assert "Reminders could not start" in main.statusBar().currentMessage()
