"""TaskService: validation refusals change nothing; calendar and list queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from support import factories

from crm_desktop.domain.errors import ValidationError
from crm_desktop.services.base import NotFoundError
from crm_desktop.services.changes import Changes
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import ContactInput, TaskInput, TaskRow
from crm_desktop.services.tasks import TaskService
from crm_desktop.storage.database import Database

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
BUDAPEST = ZoneInfo("Europe/Budapest")


# The shared fixtures copy a migrated template database instead of migrating each time.
template_db = factories.template_db
db_path = factories.db_path
db = factories.db


@pytest.fixture
def tasks(db: Database) -> TaskService:
    return TaskService(db, clock=lambda: NOW)


@pytest.fixture
def contact_id(db: Database) -> int:
    return ContactService(db).create(ContactInput(given_name="Ada", family_name="Lovelace")).id


def task_count(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(text("SELECT count(*) FROM task")).scalar_one())


def test_create_and_get_round_trip(tasks: TaskService, contact_id: int) -> None:
    saved = tasks.create(
        TaskInput(
            title="  Call back ",
            due_date=date(2026, 11, 24),
            priority=3,
            contact_id=contact_id,
            notes="line 1\r\nline 2",
        )
    )
    assert saved.changes == Changes(tasks=True, reminders=True, contacts=frozenset({contact_id}))
    row = tasks.get(saved.id)
    assert row.title == "Call back"
    assert row.due_date == date(2026, 11, 24)
    assert row.due_at is None
    assert row.priority == 3
    assert row.contact_id == contact_id
    assert row.notes == "line 1\nline 2"
    assert row.done is False


def test_due_at_is_returned_as_utc(tasks: TaskService) -> None:
    local = datetime(2026, 11, 24, 10, 30, tzinfo=BUDAPEST)
    row = tasks.get(tasks.create(TaskInput(title="Meet", due_at=local)).id)
    assert row.due_at == local
    assert row.due_at is not None and row.due_at.utcoffset() == timedelta(0)


def test_unlinked_task_changes_no_contact(tasks: TaskService) -> None:
    saved = tasks.create(TaskInput(title="Water plants"))
    assert saved.changes.contacts == frozenset()
    assert saved.changes.tasks and saved.changes.reminders


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (TaskInput(title="   "), "Title"),
        (TaskInput(title="x" * 501), "Title"),
        (TaskInput(title="a\nb"), "Title"),
        (TaskInput(title="ok", notes="n" * 100_001), "Notes"),
        (TaskInput(title="ok", priority=4), "Priority"),
        (TaskInput(title="ok", priority=-1), "Priority"),
        (
            TaskInput(title="ok", due_date=date(2026, 11, 24), due_at=NOW),
            "Due",
        ),
        (TaskInput(title="ok", due_at=datetime(2026, 11, 24, 10, 0)), "Due"),
        (TaskInput(title="ok", contact_id=9999), "Contact"),
    ],
)
def test_create_refusals_write_nothing(
    tasks: TaskService, db: Database, data: TaskInput, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        tasks.create(data)
    assert caught.value.field == field
    assert task_count(db) == 0


def test_refusal_never_echoes_the_value(tasks: TaskService) -> None:
    secret = "Secret-Title-\u202e" + "y" * 600
    with pytest.raises(ValidationError) as caught:
        tasks.create(TaskInput(title=secret))
    assert "Secret" not in str(caught.value)


def test_update_replaces_fields_and_reports_both_contacts(
    tasks: TaskService, db: Database, contact_id: int
) -> None:
    other = ContactService(db).create(ContactInput(given_name="Grace")).id
    task_id = tasks.create(TaskInput(title="Old", contact_id=contact_id)).id
    saved = tasks.update(task_id, TaskInput(title="New", contact_id=other, priority=1))
    assert saved.id == task_id
    assert saved.changes.contacts == frozenset({contact_id, other})
    row = tasks.get(task_id)
    assert (row.title, row.contact_id, row.priority) == ("New", other, 1)


def test_update_refused_leaves_task_unchanged(tasks: TaskService, contact_id: int) -> None:
    task_id = tasks.create(TaskInput(title="Keep", contact_id=contact_id)).id
    before = tasks.get(task_id)
    with pytest.raises(ValidationError):
        tasks.update(task_id, TaskInput(title="Changed", contact_id=424242))
    with pytest.raises(ValidationError):
        tasks.update(task_id, TaskInput(title=""))
    assert tasks.get(task_id) == before


def test_missing_task_raises_not_found(tasks: TaskService) -> None:
    for call in (
        lambda: tasks.get(77),
        lambda: tasks.update(77, TaskInput(title="x")),
        lambda: tasks.set_done(77, True),
        lambda: tasks.delete(77),
    ):
        with pytest.raises(NotFoundError):
            call()


def done_at(db: Database, task_id: int) -> str | None:
    with db.read() as session:
        value = session.execute(
            text("SELECT done_at FROM task WHERE id = :id"), {"id": task_id}
        ).scalar_one()
    return None if value is None else str(value)


def test_set_done_sets_and_clears_done_at(db: Database, contact_id: int) -> None:
    clock = [NOW]
    service = TaskService(db, clock=lambda: clock[0])
    task_id = service.create(TaskInput(title="Send quote", contact_id=contact_id)).id
    changes = service.set_done(task_id, True)
    assert changes == Changes(tasks=True, reminders=True, contacts=frozenset({contact_id}))
    assert service.get(task_id).done is True
    assert done_at(db, task_id) == "2026-11-23 09:00:00.000000"
    clock[0] = NOW + timedelta(hours=1)
    service.set_done(task_id, True)  # ticking again keeps when it was really done
    assert done_at(db, task_id) == "2026-11-23 09:00:00.000000"
    service.set_done(task_id, False)
    assert service.get(task_id).done is False
    assert done_at(db, task_id) is None


def test_delete(tasks: TaskService, db: Database, contact_id: int) -> None:
    task_id = tasks.create(TaskInput(title="Gone", contact_id=contact_id)).id
    assert tasks.delete(task_id).contacts == frozenset({contact_id})
    assert task_count(db) == 0


def test_erasing_the_contact_deletes_its_tasks(
    tasks: TaskService, db: Database, contact_id: int
) -> None:
    tasks.create(TaskInput(title="Linked", contact_id=contact_id))
    ContactService(db).erase([contact_id])
    assert task_count(db) == 0


def titles(rows: list[TaskRow]) -> list[str]:
    return [r.title for r in rows]


def test_due_between_budapest_week(tasks: TaskService) -> None:
    """A calendar week Mon 23 Nov - Sun 29 Nov 2026 in Budapest (UTC+1)."""
    start = datetime(2026, 11, 23, tzinfo=BUDAPEST)
    end = datetime(2026, 11, 30, tzinfo=BUDAPEST)
    add = tasks.create
    add(TaskInput(title="day before", due_date=date(2026, 11, 22)))
    add(TaskInput(title="first day", due_date=date(2026, 11, 23)))
    add(TaskInput(title="last day", due_date=date(2026, 11, 29)))
    add(TaskInput(title="day after", due_date=date(2026, 11, 30)))
    # 00:30 Budapest on Monday is 23:30 UTC on Sunday: inside the week.
    add(TaskInput(title="just after midnight", due_at=datetime(2026, 11, 22, 23, 30, tzinfo=UTC)))
    # 23:30 UTC Sunday 29th is 00:30 Monday 30th in Budapest: outside.
    add(TaskInput(title="next monday", due_at=datetime(2026, 11, 29, 23, 30, tzinfo=UTC)))
    add(TaskInput(title="monday 9", due_at=datetime(2026, 11, 23, 9, 0, tzinfo=BUDAPEST)))
    add(TaskInput(title="undated"))
    done_id = add(TaskInput(title="done one", due_date=date(2026, 11, 24))).id
    tasks.set_done(done_id, True)

    rows = tasks.due_between(start, end, tz=BUDAPEST)
    assert titles(rows) == ["first day", "just after midnight", "monday 9", "last day"]
    with_done = tasks.due_between(start, end, tz=BUDAPEST, include_done=True)
    assert titles(with_done) == [
        "first day",
        "just after midnight",
        "monday 9",
        "done one",
        "last day",
    ]


def test_due_between_partial_day_and_empty_range(tasks: TaskService) -> None:
    tasks.create(TaskInput(title="tuesday", due_date=date(2026, 11, 24)))
    # From Tuesday 12:00 to 13:00 local: the all-day task overlaps that span.
    noon = datetime(2026, 11, 24, 12, tzinfo=BUDAPEST)
    assert titles(tasks.due_between(noon, noon + timedelta(hours=1), tz=BUDAPEST)) == ["tuesday"]
    assert tasks.due_between(noon, noon, tz=BUDAPEST) == []
    # The same UTC span seen from Tokyo is Tuesday 20:00-21:00 there as well.
    tokyo = ZoneInfo("Asia/Tokyo")
    assert titles(tasks.due_between(noon, noon + timedelta(hours=1), tz=tokyo)) == ["tuesday"]
    # Monday 23:00 Budapest is already Tuesday in Tokyo, not yet in Budapest.
    late_monday = datetime(2026, 11, 23, 23, tzinfo=BUDAPEST)
    span = (late_monday, late_monday + timedelta(minutes=30))
    assert tasks.due_between(*span, tz=BUDAPEST) == []
    assert titles(tasks.due_between(*span, tz=tokyo)) == ["tuesday"]


def test_open_tasks_order_and_filter(tasks: TaskService, db: Database, contact_id: int) -> None:
    add = tasks.create
    add(TaskInput(title="undated low", priority=1))
    add(TaskInput(title="undated high", priority=3, contact_id=contact_id))
    add(TaskInput(title="later", due_at=datetime(2026, 12, 1, 10, tzinfo=UTC)))
    add(TaskInput(title="soon", due_date=date(2026, 11, 25), contact_id=contact_id))
    add(TaskInput(title="soon timed", due_at=datetime(2026, 11, 25, 8, tzinfo=UTC)))
    add(TaskInput(title="oldest", due_date=date(2026, 11, 1)))
    done = add(TaskInput(title="done", due_date=date(2026, 10, 1))).id
    tasks.set_done(done, True)

    assert titles(tasks.open_tasks()) == [
        "oldest",
        "soon",
        "soon timed",
        "later",
        "undated high",
        "undated low",
    ]
    assert titles(tasks.open_tasks(contact_id=contact_id)) == ["soon", "undated high"]
    assert titles(tasks.open_tasks(limit=2)) == ["oldest", "soon"]


def test_open_tasks_uses_the_partial_index(db: Database) -> None:
    """The list's WHERE must read "done = 0" literally, or SQLite ignores the partial index."""
    with db.read() as session:
        plan = session.execute(
            text("EXPLAIN QUERY PLAN SELECT id FROM task WHERE done = 0 AND due_at < '2027'")
        ).all()
    assert any("ix_task_open_due_at" in str(r) for r in plan)
    from sqlalchemy.dialects import sqlite

    from crm_desktop.services import tasks as module

    assert str(module._OPEN.compile(dialect=sqlite.dialect())) == "task.done = 0"


def test_overdue(tasks: TaskService) -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Budapest
    add = tasks.create
    add(TaskInput(title="yesterday", due_date=date(2026, 11, 22)))
    add(TaskInput(title="today", due_date=date(2026, 11, 23)))  # not over until midnight
    add(TaskInput(title="an hour ago", due_at=now - timedelta(hours=1)))
    add(TaskInput(title="in an hour", due_at=now + timedelta(hours=1)))
    add(TaskInput(title="last week", due_at=now - timedelta(days=7), priority=2))
    add(TaskInput(title="undated"))
    done = add(TaskInput(title="done late", due_date=date(2026, 11, 1))).id
    tasks.set_done(done, True)
    assert titles(tasks.overdue(now, tz=BUDAPEST)) == ["last week", "yesterday", "an hour ago"]
    # At 23:30 UTC it is already the 24th in Budapest, so "today" is over there.
    late = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    assert "today" in titles(tasks.overdue(late, tz=BUDAPEST))
    assert "today" not in titles(tasks.overdue(late, tz=UTC))
