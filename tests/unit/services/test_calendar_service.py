"""CalendarService: per-day counts, agenda order, birthdays (29 Feb too), event detail."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from support import factories

from crm_desktop.domain.dates import Feb29Policy, PartialDate
from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.services.calendar import CalendarService, DayCounts, month_grid
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import ContactInput, EventInput, TaskInput
from crm_desktop.services.events import EventService
from crm_desktop.services.tasks import TaskService
from crm_desktop.storage.database import Database

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
BUD = ZoneInfo("Europe/Budapest")


# The shared fixtures copy a migrated template database instead of migrating each time.
template_db = factories.template_db
db_path = factories.db_path
db = factories.db


@pytest.fixture
def cal(db: Database) -> CalendarService:
    return CalendarService(db, clock=lambda: NOW)


def person(db: Database, given: str, family: str, birthday: PartialDate | None = None) -> int:
    data = ContactInput(given_name=given, family_name=family, birthday=birthday)
    return ContactService(db, clock=lambda: NOW).create(data).id


def meeting(db: Database, title: str, start: datetime, minutes: int = 60, **kw: object) -> int:
    from datetime import timedelta

    data = EventInput(
        title=title, start=start, end=start + timedelta(minutes=minutes), timezone=BUD.key, **kw
    )  # type: ignore[arg-type]
    return EventService(db, clock=lambda: NOW).create(data).id


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=BUD)


def test_month_grid_matches_a_monday_first_calendar() -> None:
    assert month_grid(2026, 11) == (date(2026, 10, 26), date(2026, 12, 7))
    # February 2027 starts on a Monday: a whole week of January is shown above it.
    assert month_grid(2027, 2) == (date(2027, 1, 25), date(2027, 3, 8))
    # Sunday first (6): 1 Nov 2026 is a Sunday, so the previous week fills the first row.
    assert month_grid(2026, 11, first_weekday=6) == (date(2026, 10, 25), date(2026, 12, 6))


def test_birthdays_with_age_and_without_year(db: Database, cal: CalendarService) -> None:
    eleni = person(db, "Ελένη", "Παπαδοπούλου", PartialDate(3, 15, 1980))
    zsofi = person(db, "Zsófia", "Kovács", PartialDate(3, 20))
    person(db, "Outside", "Range", PartialDate(4, 1, 1990))
    found = cal.birthdays_between(date(2026, 3, 1), date(2026, 4, 1))
    assert [(b.contact_id, b.date, b.age) for b in found] == [
        (eleni, date(2026, 3, 15), 46),
        (zsofi, date(2026, 3, 20), None),
    ]
    assert found[0].name == "Ελένη Παπαδοπούλου"


def test_trashed_contacts_have_no_birthday_shown(db: Database, cal: CalendarService) -> None:
    gone = person(db, "Gone", "Away", PartialDate(5, 5, 1970))
    ContactService(db, clock=lambda: NOW).trash([gone])
    assert cal.birthdays_between(date(2026, 5, 1), date(2026, 6, 1)) == []


def test_leap_day_birthday_moves_to_28_february_in_common_years(
    db: Database, cal: CalendarService
) -> None:
    leap = person(db, "Szilvia", "Nagy", PartialDate(2, 29, 2000))
    in_2027 = cal.birthdays_between(date(2027, 2, 1), date(2027, 3, 31))
    assert [(b.contact_id, b.date, b.age) for b in in_2027] == [(leap, date(2027, 2, 28), 27)]
    in_2028 = cal.birthdays_between(date(2028, 2, 1), date(2028, 3, 31))
    assert [(b.date, b.age) for b in in_2028] == [(date(2028, 2, 29), 28)]
    march = CalendarService(db, feb29=Feb29Policy.MAR_1)
    assert [b.date for b in march.birthdays_between(date(2027, 2, 1), date(2027, 3, 31))] == [
        date(2027, 3, 1)
    ]


def test_leap_day_birthday_follows_the_users_setting_like_the_reminders(
    db: Database, cal: CalendarService
) -> None:
    from crm_desktop.services.reminders import ReminderService

    person(db, "Szilvia", "Nagy", PartialDate(2, 29, 2000))
    ReminderService(db).set_feb29_policy(Feb29Policy.MAR_1)  # Settings > Reminders
    in_2027 = cal.birthdays_between(date(2027, 2, 1), date(2027, 3, 31))
    assert [b.date for b in in_2027] == [date(2027, 3, 1)]


def test_empty_or_reversed_span_is_empty(cal: CalendarService) -> None:
    assert cal.birthdays_between(date(2026, 3, 2), date(2026, 3, 1)) == []


def test_month_summary_counts_series_tasks_and_birthdays(
    db: Database, cal: CalendarService
) -> None:
    meeting(db, "Weekly", at(2026, 11, 2, 9), recurrence=Recurrence(Frequency.WEEKLY))
    meeting(db, "One-off", at(2026, 11, 9, 14))
    cancelled = meeting(db, "Cancelled", at(2026, 11, 9, 16))
    EventService(db).set_status(cancelled, "cancelled")
    tasks = TaskService(db, clock=lambda: NOW)
    tasks.create(TaskInput(title="Dated", due_date=date(2026, 11, 10)))
    tasks.create(TaskInput(title="Late evening", due_at=at(2026, 11, 10, 23, 30)))
    done = tasks.create(TaskInput(title="Done", due_date=date(2026, 11, 10))).id
    tasks.set_done(done, True)
    person(db, "Ελένη", "Παπαδοπούλου", PartialDate(11, 9, 1980))

    summary = cal.month_summary(2026, 11, BUD)
    assert summary[date(2026, 11, 2)] == DayCounts(meetings=1)
    assert summary[date(2026, 11, 9)] == DayCounts(meetings=2, birthdays=1)
    assert summary[date(2026, 11, 10)] == DayCounts(tasks=2)
    for day in (16, 23, 30):
        assert summary[date(2026, 11, day)] == DayCounts(meetings=1)
    assert set(summary) == {date(2026, 11, d) for d in (2, 9, 10, 16, 23, 30)}


def test_all_day_event_counts_on_each_of_its_days(db: Database, cal: CalendarService) -> None:
    meeting(db, "Fair", at(2026, 11, 4), minutes=3 * 24 * 60, all_day=True)
    summary = cal.summary_between(date(2026, 11, 1), date(2026, 11, 30), BUD)
    assert sorted(summary) == [date(2026, 11, d) for d in (4, 5, 6)]


def test_agenda_orders_by_time_and_names_contacts(db: Database, cal: CalendarService) -> None:
    anna = person(db, "Anna", "Szabó")
    meeting(db, "Afternoon", at(2026, 11, 5, 15), contact_ids=(anna,))
    meeting(db, "Morning", at(2026, 11, 5, 8, 30))
    meeting(db, "All day", at(2026, 11, 5), all_day=True)
    meeting(db, "Next day", at(2026, 11, 6, 8))
    tasks = TaskService(db, clock=lambda: NOW)
    tasks.create(TaskInput(title="Timed", due_at=at(2026, 11, 5, 11)))
    done = tasks.create(TaskInput(title="Dated", due_date=date(2026, 11, 5))).id
    tasks.set_done(done, True)

    agenda = cal.agenda_between(date(2026, 11, 5), date(2026, 11, 6), BUD)
    assert [e.occurrence.title for e in agenda.events] == ["All day", "Morning", "Afternoon"]
    assert agenda.events[2].contact_names == ("Anna Szabó",)
    assert [(t.title, t.done) for t in agenda.tasks] == [("Dated", True), ("Timed", False)]


def test_event_detail_has_notes_rule_and_names(db: Database, cal: CalendarService) -> None:
    anna = person(db, "Anna", "Szabó")
    rule = Recurrence(Frequency.MONTHLY, 2, count=5)
    event = meeting(
        db,
        "Review",
        at(2026, 11, 5, 10),
        contact_ids=(anna,),
        notes="Bring the offer",
        recurrence=rule,
    )
    detail = cal.event_detail(event)
    assert detail.notes == "Bring the offer"
    assert detail.recurrence == rule
    assert detail.timezone == "Europe/Budapest"
    assert detail.contacts == ((anna, "Anna Szabó"),)
    assert detail.occurrence.start == at(2026, 11, 5, 10)
