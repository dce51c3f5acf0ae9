"""The one background worker every database call goes through.

Anki's pattern: a single-thread executor owns all disk work; results come
back to the GUI thread by a queued signal, so handlers always run where
widgets live and the event loop never waits on SQLite. Mutations return a
:class:`~crm_desktop.services.changes.Changes` that is broadcast on
:attr:`TaskRunner.changed`; every pane decides itself what to refresh.

Type-ahead and other "latest wins" queries pass a ``key``: a newer job with
the same key supersedes older ones, which are skipped if not started yet
and whose results are dropped if they finish late.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from crm_desktop.services.changes import Changes, Saved

log = logging.getLogger(__name__)
T = TypeVar("T")

Callback = Callable[[Any], None]


class TaskRunner(QObject):
    """Runs callables on one worker thread and delivers results on the GUI thread."""

    changed = Signal(object)  # Changes, after every successful mutation
    busy_changed = Signal(bool)  # for the status bar
    failed = Signal(object)  # an exception no caller handled
    write_failed = Signal(object)  # a mutation the disk refused (full, read-only): tell the user

    _deliver = Signal(object, object, object)  # callback, value, is_error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crm-db")
        self._generations: dict[str, int] = {}
        self._lock = threading.Lock()
        self._pending = 0
        self._deliver.connect(self._on_deliver)

    # -- submitting ------------------------------------------------------------

    def run(
        self,
        job: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        key: str | None = None,
    ) -> None:
        """Run ``job`` on the worker; call ``on_done(result)`` on the GUI thread."""
        generation = self._next_generation(key) if key else 0
        self._set_pending(+1)

        def work() -> None:
            if key and self._is_stale(key, generation):
                self._deliver.emit(None, None, None)  # skipped: only settle the count
                return
            try:
                value = job()
            except Exception as exc:  # delivered to the GUI thread, never lost
                self._deliver.emit(_guard(on_error, key, generation, self), exc, True)
                return
            self._deliver.emit(_guard(on_done, key, generation, self), value, False)

        self._pool.submit(work)

    def mutate(
        self,
        job: Callable[[], Changes | Saved],
        on_done: Callable[[Changes | Saved], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run a mutation; after success broadcast its :class:`Changes`, then call ``on_done``."""

        def done(result: Changes | Saved) -> None:
            changes = result.changes if isinstance(result, Saved) else result
            if on_done is not None:
                on_done(result)
            self.changed.emit(changes)

        def error(exc: BaseException) -> None:
            from crm_desktop.storage.errors import write_refusal

            refused = write_refusal(exc) is not None
            if refused:  # the caller still hears of it: an editor keeps what was typed
                self.write_failed.emit(exc)
            if on_error is not None:
                on_error(exc)
            elif not refused:
                log.error("background task failed: %s", type(exc).__name__)
                self.failed.emit(exc)

        self.run(job, done, error)

    def shutdown(self) -> None:
        """Finish queued work (saves must land) and stop the worker."""
        self._pool.shutdown(wait=True, cancel_futures=False)

    # -- internals -------------------------------------------------------------

    def _next_generation(self, key: str) -> int:
        with self._lock:
            self._generations[key] = self._generations.get(key, 0) + 1
            return self._generations[key]

    def _is_stale(self, key: str, generation: int) -> bool:
        with self._lock:
            return self._generations.get(key, 0) != generation

    def _set_pending(self, delta: int) -> None:
        before = self._pending
        self._pending += delta
        if (before == 0) != (self._pending == 0):
            self.busy_changed.emit(self._pending > 0)

    @Slot(object, object, object)
    def _on_deliver(self, callback: Callback | None, value: object, is_error: object) -> None:
        self._set_pending(-1)
        if callback is not None:
            callback(value)
        elif is_error:
            log.error("background task failed: %s", type(value).__name__)
            self.failed.emit(value)

    @property
    def pending(self) -> int:
        return self._pending


def _guard(
    callback: Callable[[Any], None] | None, key: str | None, generation: int, runner: TaskRunner
) -> Callback | None:
    """Wrap ``callback`` so a result superseded meanwhile is dropped on arrival."""
    if callback is None or key is None:
        return callback

    def guarded(value: Any) -> None:
        if not runner._is_stale(key, generation):
            callback(value)

    return guarded
