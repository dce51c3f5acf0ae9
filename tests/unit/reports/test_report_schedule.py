"""``upcoming`` and ``follow-ups`` on hand-built data with known answers."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from support import factories
from support.factories import NOW, FixedClock

from crm_desktop.domain.dates import PartialDate
from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.reports.period import ReportParams
from crm_desktop.reports.schedule import follow_ups_table, upcoming_table
from crm_desktop.services.dto import EventInput, InteractionInput, TaskInput
from crm_desktop.services.events import EventService
from crm_desktop.services.interactions import InteractionService
from crm_desktop.services.tasks import TaskService
from crm_desktop.storage.database import Database

db_path, db, clock, make_contact = (
    factories.db_path,
    factories.db,
    factories.clock,
    factories.make_contact,
)
template_db = factories.template_db
BERLIN = ZoneInfo("Europe/Berlin")


def rows_of(table: object) -> list[tuple[object, ...]]:
    return [tuple(r) for batch in table.batches for r in batch]  # type: ignore[attr-defined]


def test_upcoming_expands_weekly_meetings_and_moves_29_february(
    db: Database, make_contact: factories.Factory, clock: FixedClock
) -> None:
    leap = make_contact(given_name="Leap", family_name="Day", birthday=PartialDate(2, 29, 1988))
    events = EventService(db, clock=clock)
    start = datetime(2027, 2, 16, 9, 0, tzinfo=BERLIN)
    events.create(
        EventInput("Weekly sync", start, start.replace(hour=10), "Europe/Berlin",
                   contact_ids=(leap,), recurrence=Recurrence(Frequency.WEEKLY))
    )  # fmt: skip
    cancelled = events.create(
        EventInput("Cancelled lunch", datetime(2027, 2, 24, 12, tzinfo=BERLIN),
                   datetime(2027, 2, 24, 13, tzinfo=BERLIN), "Europe/Berlin")
    ).id  # fmt: skip
    events.set_status(cancelled, "cancelled")
    TaskService(db, clock=clock).create(
        TaskInput(title="Call back", due_date=date(2027, 2, 25), contact_id=leap, priority=3)
    )

    params = ReportParams(BERLIN, NOW, date(2027, 2, 22), date(2027, 3, 7))
    rows = rows_of(upcoming_table(db, params))
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (date(2027, 2, 23), "09:00", "meeting", "Weekly sync"),
        (date(2027, 2, 25), None, "task", "Call back"),
        (date(2027, 2, 28), None, "birthday", "Birthday: Leap Day"),  # no 29 Feb in 2027
        (date(2027, 3, 2), "09:00", "meeting", "Weekly sync"),
    ]
    assert rows[0][4] == "Leap Day" and rows[0][7] == "yes"
    assert rows[2][8] == "turns 39"
    assert rows[1][8] == "priority 3"


def test_follow_ups_list_overdue_tasks_then_contacts_losing_touch(
    db: Database, make_contact: factories.Factory, clock: FixedClock
) -> None:
    drifting = make_contact(given_name="Drifting", stay_in_touch_days=30)
    never = make_contact(given_name="Never", stay_in_touch_days=10)
    fresh = make_contact(given_name="Fresh", stay_in_touch_days=30)
    interactions = InteractionService(db, clock=clock)
    for who, when in ((drifting, datetime(2026, 10, 1, 12, tzinfo=UTC)), (fresh, NOW)):
        interactions.log(InteractionInput(contact_ids=(who,), kind="call", occurred_at=when))
    tasks = TaskService(db, clock=clock)
    tasks.create(TaskInput(title="Overdue offer", due_date=date(2026, 11, 20), contact_id=fresh))
    done = tasks.create(TaskInput(title="Done already", due_date=date(2026, 11, 1))).id
    tasks.set_done(done, True)
    tasks.create(TaskInput(title="Not yet", due_date=date(2026, 11, 30)))

    rows = rows_of(follow_ups_table(db, ReportParams(BERLIN, NOW)))
    assert rows == [
        ("overdue_task", "Fresh", "Overdue offer", date(2026, 11, 20), 3, None, None),
        ("losing_touch", "Never", None, None, None, None, 10),
        ("losing_touch", "Drifting", None, date(2026, 10, 31), 23, date(2026, 10, 1), 30),
    ]
    assert never
