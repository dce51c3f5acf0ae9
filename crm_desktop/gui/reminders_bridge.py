"""The bridge between the reminder engine (scheduler thread) and the window (GUI thread).

Why a bridge: the engine calls ``notify`` on an APScheduler worker thread,
where no widget may be touched (FIELD_NOTES). :meth:`ReminderBridge.notify`
only emits :attr:`ReminderBridge.due`; the bridge lives on the GUI thread,
so Qt queues the signal and every slot runs where the widgets live.

The engine module imports SQLAlchemy (through the services), so it is
imported inside the worker job that creates it, after the first paint and
after the services are open: start-up stays light.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from crm_desktop.gui.context import GuiContext

if TYPE_CHECKING:
    from crm_desktop.scheduling.engine import ReminderEngine
    from crm_desktop.services.changes import Changes
    from crm_desktop.services.reminder_dto import DueReminder

__all__ = ["ReminderBridge"]

log = logging.getLogger(__name__)


class ReminderBridge(QObject):
    """Owns the engine's lifetime; re-emits its deliveries on the GUI thread."""

    due = Signal(list)  # list[DueReminder], always received on the GUI thread
    failed = Signal(object)  # the engine could not be started

    def __init__(self, ctx: GuiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._engine: ReminderEngine | None = None
        self._lock = threading.Lock()
        self._stopped = False
        ctx.runner.changed.connect(self._on_changed)

    @property
    def engine(self) -> ReminderEngine | None:
        return self._engine

    def notify(self, reminders: list[DueReminder]) -> None:
        """The engine's callback: any thread; only emits (queued to the GUI thread)."""
        if reminders:
            self.due.emit(list(reminders))

    def attach(self, engine: ReminderEngine) -> None:
        """Use an engine built elsewhere (tests inject one with a fake clock)."""
        with self._lock:
            self._engine = engine

    def start(self) -> None:
        """Create and start the engine on the worker (the services must be open).

        ``ReminderEngine.start`` returns at once; the catch-up of what fell
        due while the app was closed runs on the scheduler's own thread.
        """

        def create() -> None:
            from crm_desktop.scheduling.engine import ReminderEngine

            with self._lock:
                if self._stopped or self._engine is not None:
                    return
                engine = ReminderEngine(
                    self.ctx.services.reminders, self.notify, timezone=self.ctx.zone
                )
                engine.start()
                self._engine = engine

        self.ctx.runner.run(create, None, self._start_failed)

    def stop(self) -> None:
        """On quit: stop the scheduler (waits for a run in progress); no engine starts after."""
        with self._lock:
            self._stopped = True
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.stop()

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        engine = self._engine
        if engine is not None and getattr(changes, "reminders", False):
            engine.reschedule()  # cheap: replaces one in-memory job

    def _start_failed(self, error: BaseException) -> None:
        log.error("the reminder engine could not start: %s", type(error).__name__)
        self.failed.emit(error)
