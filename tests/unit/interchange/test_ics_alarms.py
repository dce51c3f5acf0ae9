"""VALARMs of birthdays and tasks in the .ics export: the alarms the app itself fires.

Known answers by hand (09:00 local, N days before the birthday; at a task's
instant or 09:00 on its day), then the same instants as the reminders
engine computes them (``ReminderService.due``), parsed back with icalendar.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr
from support import factories

from crm_desktop.domain.dates import Feb29Policy, PartialDate, localize
from crm_desktop.interchange.ics_write import (
    IcsBirthday,
    IcsTask,
    calendar_ics,
    load_calendar,
    write_calendar,
)
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import ContactInput, TaskInput
from crm_desktop.services.reminders import ReminderService
from crm_desktop.services.tasks import TaskService
from crm_desktop.storage.database import Database

db = factories.db
db_path = factories.db_path
template_db = factories.template_db

NOW = datetime(2026, 3, 1, 8, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


def parsed(tasks: list[IcsTask], birthdays: list[IcsBirthday]) -> tuple[icalendar.Calendar, str]:
    """The calendar parsed back by icalendar, and our text of it."""
    data = write_calendar([], tasks, birthdays, now=NOW)
    return icalendar.Calendar.from_ical(data), data.decode()


def triggers(component: icalendar.cal.Component) -> list[str]:
    return [a["TRIGGER"].to_ical().decode() for a in component.walk("VALARM")]


def test_birthday_alarms_are_nine_o_clock_lead_days_before_the_all_day_start() -> None:
    cal, raw = parsed([], [IcsBirthday(1, "Ann", PartialDate(3, 12, 1980), (0, 7, 1))])
    [event] = cal.walk("VEVENT")
    assert triggers(event) == ["-P6DT15H", "-PT15H", "PT9H"]  # 7, 1 and 0 days before
    alarms = event.walk("VALARM")
    assert {str(a["ACTION"]) for a in alarms} == {"DISPLAY"}
    assert {str(a["DESCRIPTION"]) for a in alarms} == {"Birthday: Ann"}
    assert all("RELATED" not in a["TRIGGER"].params for a in alarms)  # relative to DTSTART
    start = datetime.combine(event.decoded("DTSTART"), time(0))  # floating local midnight
    fired = [start + a.decoded("TRIGGER") for a in alarms]
    assert fired == [
        datetime(1980, 3, 5, 9),
        datetime(1980, 3, 11, 9),
        datetime(1980, 3, 12, 9),
    ]
    assert "TRIGGER:-P6DT15H\r\n" in raw and "TRIGGER:PT9H\r\n" in raw


def test_a_muted_birthday_has_no_alarm() -> None:
    [event] = parsed([], [IcsBirthday(1, "Ann", PartialDate(3, 12), ())])[0].walk("VEVENT")
    assert event.walk("VALARM") == []


def test_open_tasks_alarm_at_their_instant_or_at_nine_on_their_day() -> None:
    cal, raw = parsed(
        [
            IcsTask(1, "On a day", due_date=date(2026, 3, 5)),
            IcsTask(2, "At an instant", due_at=datetime(2026, 3, 6, 15, 30, tzinfo=UTC)),
            IcsTask(3, "Done", due_date=date(2026, 3, 5), done=True),
            IcsTask(4, "Someday"),
        ],
        [],
    )
    todos = {str(t["SUMMARY"]): t for t in cal.walk("VTODO")}
    assert triggers(todos["On a day"]) == ["PT9H"]
    assert triggers(todos["At an instant"]) == ["P0D"]
    assert triggers(todos["Done"]) == [] and triggers(todos["Someday"]) == []
    for title in ("On a day", "At an instant"):
        [alarm] = todos[title].walk("VALARM")
        assert alarm["TRIGGER"].params["RELATED"] == "END"  # END of a VTODO is its DUE
        assert str(alarm["DESCRIPTION"]) == title
    assert "TRIGGER;RELATED=END:PT9H\r\n" in raw


def test_lead_days_come_from_the_contact_else_the_default(db: Database) -> None:
    contacts = ContactService(db)
    own = contacts.create(
        ContactInput(given_name="Own", birthday=PartialDate(5, 1), birthday_reminder_days=(14, 0))
    ).id
    muted = contacts.create(
        ContactInput(given_name="Muted", birthday=PartialDate(5, 2), birthday_reminder_days=())
    ).id
    default = contacts.create(ContactInput(given_name="Default", birthday=PartialDate(5, 3))).id
    _, _, birthdays = load_calendar(db, birthday_days=(3, 1))
    assert {b.contact_id: b.leads for b in birthdays} == {
        own: (0, 14),
        muted: (),
        default: (1, 3),
    }
    _, _, off = load_calendar(db, birthday_days=())
    assert {b.contact_id: b.leads for b in off} == {own: (0, 14), muted: (), default: ()}


def alarm_instants(cal: icalendar.Calendar, year: int, zone: ZoneInfo) -> set[datetime]:
    """Every alarm instant of the birthdays (in ``year``) and tasks, as UTC."""
    found: set[datetime] = set()
    for event in cal.walk("VEVENT"):
        first = datetime.combine(event.decoded("DTSTART"), time(0))
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=first)
        [day] = rule.between(datetime(year, 1, 1), datetime(year, 12, 31), inc=True)
        for alarm in event.walk("VALARM"):
            found.add(localize(day + alarm.decoded("TRIGGER"), zone).astimezone(UTC))
    for todo in cal.walk("VTODO"):
        due = todo.decoded("DUE")
        for alarm in todo.walk("VALARM"):
            if isinstance(due, datetime):
                found.add((due + alarm.decoded("TRIGGER")).astimezone(UTC))
            else:
                floating = datetime.combine(due, time(0)) + alarm.decoded("TRIGGER")
                found.add(localize(floating, zone).astimezone(UTC))
    return found


@pytest.mark.parametrize("feb29", [Feb29Policy.FEB_28, Feb29Policy.MAR_1])
def test_the_alarms_are_the_instants_the_reminders_engine_fires(
    db: Database, feb29: Feb29Policy
) -> None:
    contacts = ContactService(db)
    reminders = ReminderService(db, timezone=BERLIN)
    reminders.set_birthday_days((7, 0))
    reminders.set_feb29_policy(feb29)
    # 2027: 29 February moves (a setting); late March crosses the change to summer time.
    contacts.create(ContactInput(given_name="Leap", birthday=PartialDate(2, 29, 1980)))
    contacts.create(ContactInput(given_name="Spring", birthday=PartialDate(3, 30)))
    contacts.create(
        ContactInput(given_name="Own", birthday=PartialDate(3, 20), birthday_reminder_days=(3,))
    )
    contacts.create(
        ContactInput(given_name="Muted", birthday=PartialDate(3, 10), birthday_reminder_days=())
    )
    tasks = TaskService(db)
    tasks.create(TaskInput("Day task", due_date=date(2027, 3, 29)))
    tasks.create(TaskInput("Timed task", due_at=datetime(2027, 3, 2, 13, 45, tzinfo=UTC)))

    settings = reminders.settings()
    data, _ = calendar_ics(
        db,
        now=NOW,
        feb29=Feb29Policy(settings.feb29),
        birthday_days=settings.birthday_days,
    )
    ours = alarm_instants(icalendar.Calendar.from_ical(data), 2027, BERLIN)

    engine = {
        r.due_at
        # Two 30-day look-backs (the engine's longest) cover 14 February to 14 April 2027.
        for at in (datetime(2027, 3, 16, 12, tzinfo=UTC), datetime(2027, 4, 14, 12, tzinfo=UTC))
        for r in reminders.due(at, include_claimed=True)
        if r.kind in ("birthday", "task")
    }
    assert ours == engine
    assert len(ours) == 7  # leap 2, spring 2, own 1, muted 0, the two tasks 1 each
    leap = date(2027, 2, 28) if feb29 is Feb29Policy.FEB_28 else date(2027, 3, 1)
    nine = localize(datetime.combine(leap, time(9)), BERLIN).astimezone(UTC)
    assert nine in engine and nine - timedelta(days=7) in engine
    assert localize(datetime(2027, 3, 30, 9), BERLIN).astimezone(UTC) == datetime(
        2027, 3, 30, 7, tzinfo=UTC
    )  # summer time: 09:00 is 07:00 UTC
    assert datetime(2027, 3, 30, 7, tzinfo=UTC) in ours
