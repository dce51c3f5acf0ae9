"""The day's backup at start, off the database worker, reported in the status bar.

A backup of a 575 MB database takes ~10 s; on the worker it would hold up
every query the window makes meanwhile. SQLite's online backup API reads
through its own connection, so it runs on a plain Python thread while the
worker keeps serving the panes; the result comes back by a queued signal.

:func:`run_off_thread` is the same pattern for the backup dialogs' long jobs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal, Slot

from crm_desktop.gui.i18n import fmt
from crm_desktop.paths import AppPaths

if TYPE_CHECKING:
    from crm_desktop.storage.backups import BackupInfo

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DailyResult:
    created: BackupInfo | None  # None: today's backup existed already (or no database yet)
    removed: int  # backups rotation deleted
    error: str | None = None  # why no backup could be made (for the user)


def make_daily_backup(paths: AppPaths, now: datetime) -> DailyResult:
    """The day's backup if due, then rotation; own connections, any thread."""
    from crm_desktop.storage.backups import BackupError, BackupStore, read_policy

    store = BackupStore(paths)
    try:
        created = store.daily_if_due(paths.database, now)
    except (BackupError, OSError) as exc:
        return DailyResult(None, 0, str(exc))
    removed = store.rotate(read_policy(paths.database)) if created is not None else []
    return DailyResult(created, len(removed))


class DailyBackup(QObject):
    """Starts :func:`make_daily_backup` on its own thread; ``finished`` on the GUI thread."""

    finished = Signal(object)  # DailyResult
    message = Signal(str)  # the same, in words for the status bar

    def __init__(
        self,
        paths: AppPaths,
        zone: ZoneInfo,
        parent: QObject | None = None,
        clock: Callable[[ZoneInfo], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.zone = zone
        self._clock = clock
        self._thread: threading.Thread | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)

    def start(self) -> None:
        if self._thread is not None:
            return
        now = self._clock(self.zone)
        self._thread = run_off_thread(
            lambda: make_daily_backup(self.paths, now), self._relay, name="crm-daily-backup"
        )

    def wait(self, timeout: float | None = None) -> None:
        """On quit: let a backup in progress finish (a half-made one is only a .partial)."""
        if self._thread is not None:
            self._thread.join(timeout)

    @Slot(object, object)
    def _on_done(self, value: object, error: object) -> None:
        if isinstance(error, BaseException):
            log.error("daily backup failed: %s", type(error).__name__)
            result = DailyResult(None, 0, type(error).__name__)
        else:
            assert isinstance(value, DailyResult)
            result = value
        self.finished.emit(result)
        text = self.describe(result)
        if text:
            self.message.emit(text)

    def describe(self, result: DailyResult) -> str:
        if result.error is not None:
            return fmt(self.tr("The daily backup could not be made: %1"), result.error)
        if result.created is None:
            return ""
        return fmt(
            self.tr("Daily backup made and verified (%1)."),
            result.created.created.astimezone(self.zone).strftime("%Y-%m-%d %H:%M"),
        )


class _Relay(QObject):
    """Carries a thread's result to the GUI thread (the receiver lives there: queued)."""

    done = Signal(object, object)  # value, error


def run_off_thread(job: Callable[[], Any], relay: _Relay, *, name: str) -> threading.Thread:
    def work() -> None:
        try:
            value = job()
        except Exception as exc:  # delivered to the GUI thread, never lost
            relay.done.emit(None, exc)
            return
        relay.done.emit(value, None)

    thread = threading.Thread(target=work, name=name, daemon=False)
    thread.start()
    return thread


class OffThread(QObject):
    """One long job at a time on a plain thread; ``done(value, error)`` on the GUI thread."""

    done = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.done.connect(self._finish)
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, job: Callable[[], Any], name: str = "crm-backup-job") -> None:
        if self._thread is not None:
            raise RuntimeError("a job is already running")
        self._thread = run_off_thread(job, self._relay, name=name)

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    @Slot(object, object)
    def _finish(self, value: object, error: object) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join()
        self.done.emit(value, error)
