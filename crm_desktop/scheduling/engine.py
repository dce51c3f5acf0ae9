"""The reminder engine: two APScheduler jobs, whatever the size of the data.

Why so few jobs: our tables are the truth (ARCHITECTURE rule 5). The
engine asks :meth:`ReminderService.next_due_after` for the one next instant
and arms ONE date job for it; when it runs, it claims what is due in the
ledger (exactly once), hands the claimed reminders to ``notify`` and arms
the next one. A second job, the heartbeat, runs every 30 s and compares the
wall clock with the armed instant: APScheduler waits on the monotonic
clock, which stops while the laptop sleeps, and a manual clock change
moves the wall clock under it (FIELD_NOTES, APScheduler 3.11).

Why BackgroundScheduler and not QtScheduler: the latter leaks timers with
PySide6. The consequence: ``notify`` is called on a scheduler worker
thread. The GUI must not touch widgets there; it emits a Qt signal (a
queued connection) and shows the popup on the GUI thread. The GUI calls
:meth:`ReminderEngine.reschedule` (cheap, non-blocking) whenever a
mutation returns ``Changes(reminders=True)``.

Tests drive :meth:`catch_up`, :meth:`run_due` and :meth:`heartbeat`
directly with a fake clock; no test sleeps.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

# WORKAROUND: APScheduler 3.x ships no type information (no py.typed).
from apscheduler.executors.pool import ThreadPoolExecutor  # type: ignore[import-untyped]
from apscheduler.jobstores.memory import MemoryJobStore  # type: ignore[import-untyped]
from apscheduler.schedulers.background import BackgroundScheduler  # type: ignore[import-untyped]
from apscheduler.triggers.date import DateTrigger  # type: ignore[import-untyped]
from apscheduler.triggers.interval import IntervalTrigger  # type: ignore[import-untyped]

from crm_desktop.services.base import Clock, utc_now
from crm_desktop.services.reminders import DueReminder, ReminderService, safe_zone

__all__ = ["HEARTBEAT", "IDLE_RECHECK", "RUN_MARGIN", "Notify", "ReminderEngine"]

log = logging.getLogger(__name__)

Notify = Callable[[list[DueReminder]], None]

#: How often the wall clock is compared with the armed instant (resume within 60 s).
HEARTBEAT = timedelta(seconds=30)
#: With nothing due, look again after this long (another process may have added data).
IDLE_RECHECK = timedelta(hours=6)
#: A run looks back this far before the previous run (items saved already overdue).
RUN_MARGIN = timedelta(days=1)
#: Beats between two unconditional re-arms (catches edits made by the CLI).
_REARM_EVERY = 10
_RUN_JOB = "reminders.next"
_HEARTBEAT_JOB = "reminders.heartbeat"


class ReminderEngine:
    """Delivers due reminders to ``notify`` exactly once; see the module docstring."""

    def __init__(
        self,
        service: ReminderService,
        notify: Notify,
        clock: Clock = utc_now,
        *,
        timezone: str | ZoneInfo | None = None,
    ) -> None:
        self.service = service
        self._notify = notify
        self._clock = clock
        # An explicit zone: APScheduler raises on a TZ it cannot read (e.g. POSIX "CET-1CEST").
        zone = safe_zone(timezone) if timezone is not None else service.zone
        self._scheduler = BackgroundScheduler(
            timezone=zone,
            jobstores={"default": MemoryJobStore()},
            executors={"default": ThreadPoolExecutor(max_workers=1)},
            # A late run is still a run: the default grace of 1 s drops reminders.
            job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
        )
        self._lock = threading.RLock()
        self._armed_for: datetime | None = None
        self._last_beat: datetime | None = None
        self._checked_until: datetime | None = None  # the last complete run's "now"
        self._beats = 0

    # -- lifecycle ----------------------------------------------------------------------

    def start(self, *, paused: bool = False) -> None:
        """Start the scheduler; the catch-up runs at once on its thread (never the caller's).

        ``paused`` keeps jobs from running (tests that inspect the wiring).
        """
        self._scheduler.start(paused=paused)
        self._scheduler.add_job(
            self._job(self.heartbeat),
            IntervalTrigger(seconds=HEARTBEAT.total_seconds(), timezone=UTC),
            id=_HEARTBEAT_JOB,
            replace_existing=True,
        )
        self._schedule_run(datetime.now(UTC), self.catch_up)

    def stop(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=True)

    def reschedule(self) -> None:
        """Recompute what is due and the next instant, on the scheduler thread.

        Call on every ``Changes(reminders=True)``. Runs a due check at once,
        so a meeting saved with a reminder already in the past still shows.
        """
        if self._scheduler.running:
            self._schedule_run(datetime.now(UTC), self.run_due)
        else:
            log.debug("reschedule ignored: the engine is not running")

    @property
    def armed_for(self) -> datetime | None:
        """The instant the next run is armed for (UTC)."""
        return self._armed_for

    @property
    def job_count(self) -> int:
        return len(self._scheduler.get_jobs())

    # -- runs (public so tests drive them with a fake clock) -----------------------------

    def catch_up(self) -> list[DueReminder]:
        """On start: deliver once, as missed, what fell due while the app was closed."""
        with self._lock:
            now = self._clock()
            self.service.ensure_epoch(now)
            due = [
                r if r.snoozed or r.due_at >= now else replace(r, missed=True)
                for r in self.service.due(now)
            ]
            return self._deliver(due, now)

    def run_due(self) -> list[DueReminder]:
        """Claim and deliver what is due now, then arm the next run."""
        with self._lock:
            now = self._clock()
            since = None
            if self._checked_until is not None:  # a clock set back must not hide anything
                since = min(self._checked_until, now) - RUN_MARGIN
            return self._deliver(self.service.due(now, since=since), now)

    def heartbeat(self) -> list[DueReminder]:
        """Fire what the monotonic timer missed (sleep, clock change); re-arm now and then."""
        with self._lock:
            now = self._clock()
            last, self._last_beat = self._last_beat, now
            self._beats += 1
            jumped = last is not None and not timedelta(0) <= now - last <= 3 * HEARTBEAT
            overdue = self._armed_for is None or now >= self._armed_for
            if overdue or jumped or self._beats % _REARM_EVERY == 0:
                return self.run_due()
            return []

    # -- internals ------------------------------------------------------------------------

    def _deliver(self, due: list[DueReminder], now: datetime) -> list[DueReminder]:
        claimed = self.service.claim(due, now) if due else []
        self._checked_until = now
        self._arm(now)  # armed before the callback: the schedule never depends on the GUI
        if claimed:
            log.info("delivering %d reminder(s)", len(claimed))  # counts only: no personal data
            try:
                self._notify(claimed)
            except Exception:  # a failing GUI bridge must not stop the engine
                log.exception("the reminder callback failed")
        return claimed

    def _arm(self, now: datetime) -> None:
        armed = self.service.next_due_after(now) or now + IDLE_RECHECK
        self._armed_for = armed
        if self._scheduler.running:
            self._schedule_run(armed, self.run_due)

    def _schedule_run(self, when: datetime, run: Callable[[], list[DueReminder]]) -> None:
        # Same id, replaced: the job count stays at two. Safe from inside the job
        # itself: APScheduler removes a spent date job under the lock add_job takes.
        self._scheduler.add_job(
            self._job(run),
            DateTrigger(run_date=when, timezone=UTC),
            id=_RUN_JOB,
            replace_existing=True,
            # A reschedule while a run is finishing must queue, not be skipped as a second
            # instance of the same job id; the engine's lock serializes the runs.
            max_instances=4,
        )

    @staticmethod
    def _job(run: Callable[[], list[DueReminder]]) -> Callable[[], Any]:
        def job() -> None:
            try:
                run()
            except Exception:  # logged; the heartbeat tries again in 30 s
                log.exception("the reminder run failed")

        return job
