"""Tasks: to-dos due on a day, at an instant, or whenever.

A task is due either on a plain date (all day, wherever the user is) or at
an instant (stored UTC), never both: a calendar must know whether to draw
it in the all-day strip or at a time. Every mutation also says
``reminders=True`` because the scheduler reminds of due tasks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from sqlalchemy import false, func, select
from sqlmodel import Session, col

from crm_desktop.domain.choices import TaskPriority
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.text import NOTES_MAX, SHORT_TEXT_MAX, clean_text
from crm_desktop.services.base import NotFoundError, Service
from crm_desktop.services.changes import Changes, Saved
from crm_desktop.services.dto import TaskInput, TaskRow
from crm_desktop.storage.models import Contact, Task

_BEFORE_ANY_TIME = datetime.min.replace(tzinfo=UTC)
_OPEN = col(Task.done) == false()  # renders "done = 0": the partial indexes' own WHERE


@dataclass(frozen=True, slots=True)
class _CleanTask:
    title: str
    notes: str | None
    due_date: str | None
    due_at: datetime | None
    priority: int
    contact_id: int | None


def _clean(data: TaskInput) -> _CleanTask:
    """Check everything that needs no database; raise on the first bad field."""
    title = clean_text(data.title, field="Title", max_length=SHORT_TEXT_MAX, required=True)
    notes = clean_text(data.notes, field="Notes", max_length=NOTES_MAX, multiline=True)
    if data.priority not in {p.value for p in TaskPriority}:
        raise ValidationError(
            "Priority", f"must be between {min(TaskPriority)} and {max(TaskPriority)}"
        )
    if data.due_date is not None and data.due_at is not None:
        raise ValidationError("Due", "is either a day or a time, not both")
    if data.due_at is not None and data.due_at.utcoffset() is None:
        # A naive instant is a bug in the caller: we cannot guess its zone.
        raise ValidationError("Due", "needs a time zone")
    return _CleanTask(
        title=title or "",
        notes=notes,
        due_date=data.due_date.isoformat() if data.due_date else None,
        due_at=data.due_at,
        priority=int(data.priority),
        contact_id=data.contact_id,
    )


def _check_contact(session: Session, contact_id: int | None) -> None:
    if contact_id is not None and session.get(Contact, contact_id) is None:
        raise ValidationError("Contact", "does not exist (perhaps it was just erased)")


def _changes(*contact_ids: int | None) -> Changes:
    return Changes(
        tasks=True,
        reminders=True,
        contacts=frozenset(i for i in contact_ids if i is not None),
    )


def _row(task: Task) -> TaskRow:
    assert task.id is not None
    return TaskRow(
        id=task.id,
        title=task.title,
        due_date=date.fromisoformat(task.due_date) if task.due_date else None,
        due_at=task.due_at,
        done=task.done,
        priority=task.priority,
        contact_id=task.contact_id,
        notes=task.notes,
    )


class TaskService(Service):
    # -- mutations -------------------------------------------------------------

    def create(self, data: TaskInput) -> Saved:
        clean = _clean(data)
        now = self.clock()
        with self.db.write() as session:
            _check_contact(session, clean.contact_id)
            task = Task(title=clean.title, created_at=now, updated_at=now)
            _apply(task, clean)
            session.add(task)
            session.flush()
            assert task.id is not None
            return Saved(task.id, _changes(clean.contact_id))

    def update(self, task_id: int, data: TaskInput) -> Saved:
        """Replace the task's fields; ``done`` is left alone (see :meth:`set_done`)."""
        clean = _clean(data)
        with self.db.write() as session:
            task = _get(session, task_id)
            _check_contact(session, clean.contact_id)
            before = task.contact_id
            _apply(task, clean)
            task.updated_at = self.clock()
            session.add(task)
            return Saved(task_id, _changes(before, clean.contact_id))

    def set_done(self, task_id: int, done: bool) -> Changes:
        """Tick or untick. Ticking twice keeps the first ``done_at`` (when it was really done)."""
        now = self.clock()
        with self.db.write() as session:
            task = _get(session, task_id)
            if done and not task.done:
                task.done_at = now
            elif not done:
                task.done_at = None
            task.done = done
            task.updated_at = now
            session.add(task)
            return _changes(task.contact_id)

    def delete(self, task_id: int) -> Changes:
        with self.db.write() as session:
            task = _get(session, task_id)
            contact_id = task.contact_id
            session.delete(task)
        return _changes(contact_id)

    # -- reads -----------------------------------------------------------------

    def get(self, task_id: int) -> TaskRow:
        with self.db.read() as session:
            return _row(_get(session, task_id))

    def due_between(
        self, start: datetime, end: datetime, *, tz: tzinfo, include_done: bool = False
    ) -> list[TaskRow]:
        """Tasks due in ``[start, end)``, for a calendar showing that span in zone ``tz``.

        Timed tasks count when their instant is in the span; date-only tasks
        when their day, as a day in ``tz``, overlaps it. Ordered by local day,
        all-day tasks first within a day (as a calendar draws them), then by time.
        """
        if end <= start:
            return []
        first_day = start.astimezone(tz).date()
        last_day = (end - timedelta(microseconds=1)).astimezone(tz).date()
        timed = select(Task).where(col(Task.due_at) >= start).where(col(Task.due_at) < end)
        dated = (
            select(Task)
            .where(col(Task.due_date) >= first_day.isoformat())
            .where(col(Task.due_date) <= last_day.isoformat())
        )
        if not include_done:
            timed, dated = timed.where(_OPEN), dated.where(_OPEN)
        with self.db.read() as session:
            tasks = [*session.scalars(timed), *session.scalars(dated)]
        return [_row(t) for t in sorted(tasks, key=_by_local_day(tz))]

    def open_tasks(self, *, contact_id: int | None = None, limit: int = 200) -> list[TaskRow]:
        """Undone tasks, soonest due first, undated last; higher priority first on ties.

        Date-only and timed tasks are ordered on one text axis (ISO date vs
        UTC timestamp), so a date-only task sorts before timed ones of the
        same UTC day: close enough for a list, exact per day in ``due_between``.
        """
        due = func.coalesce(col(Task.due_at), col(Task.due_date))
        stmt = (
            select(Task)
            .where(_OPEN)
            .order_by(due.is_(None), due, col(Task.priority).desc(), col(Task.id))
            .limit(limit)
        )
        if contact_id is not None:
            stmt = stmt.where(col(Task.contact_id) == contact_id)
        with self.db.read() as session:
            return [_row(t) for t in session.scalars(stmt)]

    def overdue(self, now: datetime, *, tz: tzinfo) -> list[TaskRow]:
        """Undone tasks whose instant has passed, or whose day (in ``tz``) is over."""
        today = now.astimezone(tz).date().isoformat()
        timed = select(Task).where(_OPEN).where(col(Task.due_at) < now)
        dated = select(Task).where(_OPEN).where(col(Task.due_date) < today)
        with self.db.read() as session:
            tasks = [*session.scalars(timed), *session.scalars(dated)]
        return [_row(t) for t in sorted(tasks, key=_by_local_day(tz))]


def _by_local_day(tz: tzinfo) -> Callable[[Task], tuple[date, datetime, int, int]]:
    """Sort key: local day, then all-day tasks before timed ones, then time and priority."""

    def key(task: Task) -> tuple[date, datetime, int, int]:
        if task.due_at is not None:
            return (task.due_at.astimezone(tz).date(), task.due_at, -task.priority, task.id or 0)
        day = date.fromisoformat(task.due_date or "")
        return (day, _BEFORE_ANY_TIME, -task.priority, task.id or 0)

    return key


def _get(session: Session, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFoundError("Task", task_id)
    return task


def _apply(task: Task, clean: _CleanTask) -> None:
    task.title = clean.title
    task.notes = clean.notes
    task.due_date = clean.due_date
    task.due_at = clean.due_at
    task.priority = clean.priority
    task.contact_id = clean.contact_id
