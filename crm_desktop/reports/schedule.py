"""What is coming and what is late: ``upcoming`` and ``follow-ups``.

Both are small (a calendar's worth of rows), so they reuse the services'
rules instead of re-deriving them in SQL: recurring meetings expand through
``EventService.between``, birthdays (29 February in common years included)
through ``CalendarService.birthdays_between``, overdue tasks through
``TaskService.overdue``; the losing-touch rule is the contact list's.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from crm_desktop.domain.choices import EventStatus
from crm_desktop.reports.period import ReportParams
from crm_desktop.reports.writer import Row, Table
from crm_desktop.services.calendar import CalendarService
from crm_desktop.services.sqltime import parse_utc, to_sql
from crm_desktop.services.tasks import TaskService
from crm_desktop.storage.database import Database

__all__ = ["UPCOMING_DAYS", "follow_ups_table", "upcoming_table"]

#: Without --to, ``upcoming`` looks this many days ahead.
UPCOMING_DAYS = 30

UPCOMING_HEADER = (
    "date",
    "time",
    "type",
    "title",
    "contacts",
    "status",
    "location",
    "recurring",
    "detail",
)


def _names(db: Database, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    with db.read_raw() as conn:
        rows = conn.execute(f"SELECT id, display_name FROM contact WHERE id IN ({marks})", [*ids])
        return {int(i): str(n) for i, n in rows}


def upcoming_table(db: Database, params: ReportParams) -> Table:
    """Meetings (series expanded, cancelled left out), open tasks and birthdays."""
    start = params.start or params.today
    end = params.end or start + timedelta(days=UPCOMING_DAYS)
    lo, hi = params.instant(start), params.instant(end + timedelta(days=1))
    calendar = CalendarService(db, clock=lambda: params.now)
    events = [o for o in calendar.events.between(lo, hi) if o.status != EventStatus.CANCELLED]
    tasks = calendar.tasks.due_between(lo, hi, tz=params.zone)
    names = _names(
        db,
        {c for o in events for c in o.contact_ids}
        | {t.contact_id for t in tasks if t.contact_id is not None},
    )
    rows: list[tuple[tuple[object, ...], Row]] = []
    row: Row
    who: str | None
    for occ in events:
        local = occ.start.astimezone(params.zone)
        when = None if occ.all_day else local.strftime("%H:%M")
        who = " | ".join(names[c] for c in occ.contact_ids if c in names)
        row = (
            local.date(),
            when,
            occ.kind,
            occ.title,
            who,
            occ.status,
            occ.location,
            "yes" if occ.recurring else "no",
            None,
        )
        rows.append(((local.date(), 1, when or "", occ.event_id), row))
    for task in tasks:
        due = task.due_at.astimezone(params.zone) if task.due_at else None
        day = due.date() if due else task.due_date
        assert day is not None
        when = due.strftime("%H:%M") if due else None
        who = names.get(task.contact_id) if task.contact_id is not None else None
        row = (day, when, "task", task.title, who, "open", None, "no", f"priority {task.priority}")
        rows.append(((day, 2, when or "", task.id), row))
    for bday in calendar.birthdays_between(start, end + timedelta(days=1)):
        detail = f"turns {bday.age}" if bday.age is not None else None
        row = (
            bday.date,
            None,
            "birthday",
            f"Birthday: {bday.name}",
            bday.name,
            None,
            None,
            "yes",
            detail,
        )
        rows.append(((bday.date, 0, "", bday.contact_id), row))
    rows.sort(key=lambda pair: pair[0])
    return Table(UPCOMING_HEADER, [[row for _, row in rows]])


FOLLOW_UP_HEADER = (
    "type",
    "contact",
    "title",
    "due",
    "days_overdue",
    "last_contacted",
    "stay_in_touch_days",
)

# The contact list's losing-touch rule (contact_queries.where), with the lateness.
_LOSING_TOUCH_SQL = """
SELECT c.display_name, c.last_contacted_at, c.stay_in_touch_days,
       CAST(julianday(:now) - julianday(c.last_contacted_at) AS INTEGER) - c.stay_in_touch_days
FROM contact c
WHERE c.trashed_at IS NULL AND c.stay_in_touch_days IS NOT NULL
  AND (c.last_contacted_at IS NULL
       OR julianday(:now) - julianday(c.last_contacted_at) > c.stay_in_touch_days)
ORDER BY c.last_contacted_at IS NOT NULL, c.last_contacted_at, c.sort_key, c.id
"""


def follow_ups_table(db: Database, params: ReportParams) -> Table:
    """Overdue open tasks (oldest first), then contacts losing touch (never contacted first).

    Both are "as of now": the period does not apply.
    """
    today = params.today
    tasks = TaskService(db, clock=lambda: params.now).overdue(params.now, tz=params.zone)
    names = _names(db, {t.contact_id for t in tasks if t.contact_id is not None})
    rows: list[Row] = []
    for task in tasks:
        due = task.due_at.astimezone(params.zone).date() if task.due_at else task.due_date
        assert due is not None
        who = names.get(task.contact_id) if task.contact_id is not None else None
        rows.append(("overdue_task", who, task.title, due, (today - due).days, None, None))
    with db.read_raw() as conn:
        found = conn.execute(_LOSING_TOUCH_SQL, {"now": to_sql(params.now)}).fetchall()
    for name, last, cadence, late in found:
        last_at: datetime | None = parse_utc(last)
        last_day = last_at.astimezone(params.zone).date() if last_at else None
        due = last_day + timedelta(days=int(cadence)) if last_day else None
        rows.append(("losing_touch", name, None, due, late, last_day, cadence))
    return Table(FOLLOW_UP_HEADER, [rows])
