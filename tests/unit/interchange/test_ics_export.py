"""The .ics export parsed back with icalendar: TZID, VTIMEZONE, RRULE, VALARM, VTODO, birthdays."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

import icalendar
from dateutil.rrule import rrulestr

from crm_desktop.domain.dates import Feb29Policy, PartialDate
from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.interchange.ics_write import IcsBirthday, IcsEvent, IcsTask, write_calendar

NOW = datetime(2026, 3, 1, 8, tzinfo=UTC)
BUDAPEST = ZoneInfo("Europe/Budapest")

WEEKLY = IcsEvent(
    1,
    "Weekly sync",
    "meeting",
    "Europe/Budapest",
    datetime(2026, 3, 16, 9),
    datetime(2026, 3, 16, 10),
    location="Office",
    notes="Agenda, notes; more",
    recurrence=Recurrence(Frequency.WEEKLY, until=date(2026, 4, 13)),
    reminder_minutes=(15, 1440),
)
CALL = IcsEvent(
    2,
    "Call Ann",
    "call",
    "America/New_York",
    datetime(2026, 5, 1, 14, 30),
    datetime(2026, 5, 1, 15),
    status="cancelled",
)
ALL_DAY = IcsEvent(
    3,
    "Fair",
    "meeting",
    "Europe/Budapest",
    datetime(2026, 6, 1),
    datetime(2026, 6, 3),
    all_day=True,
    recurrence=Recurrence(Frequency.YEARLY, count=3),
)


def parsed(**kwargs: object) -> icalendar.Calendar:
    cal = write_calendar(
        [WEEKLY, CALL, ALL_DAY],
        [
            IcsTask(7, "Send offer", due_date=date(2026, 3, 5), priority=3),
            IcsTask(
                8,
                "Invoice",
                due_at=datetime(2026, 3, 6, 15, tzinfo=UTC),
                done=True,
                done_at=datetime(2026, 3, 6, 16, tzinfo=UTC),
            ),
        ],
        [
            IcsBirthday(10, "Ann", PartialDate(2, 29, 1980)),
            IcsBirthday(11, "Bob", PartialDate(7, 4)),
        ],
        now=NOW,
        **kwargs,  # type: ignore[arg-type]
    )
    return icalendar.Calendar.from_ical(cal)


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_meetings_keep_their_zone_and_have_a_vtimezone_each() -> None:
    cal = parsed()
    found = events(cal)
    raw = cal.to_ical().decode()
    assert "DTSTART;TZID=Europe/Budapest:20260316T090000" in raw
    assert "DTSTART;TZID=America/New_York:20260501T143000" in raw
    assert {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")} == {
        "Europe/Budapest",
        "America/New_York",
    }
    start = found["Weekly sync"].decoded("DTSTART")
    assert start.replace(tzinfo=None) == datetime(2026, 3, 16, 9)
    assert start.utcoffset() == timedelta(hours=1)
    assert found["Call Ann"]["STATUS"] == "CANCELLED"
    assert found["Weekly sync"]["LOCATION"] == "Office"
    assert found["Weekly sync"]["DESCRIPTION"] == "Agenda, notes; more"


def test_weekly_series_stays_at_nine_local_across_dst() -> None:
    event = events(parsed())["Weekly sync"]
    rule = event["RRULE"].to_ical().decode()
    assert rule == "FREQ=WEEKLY;UNTIL=20260413T215959Z"
    start = event.decoded("DTSTART").replace(tzinfo=BUDAPEST)
    occurrences = list(rrulestr(rule, dtstart=start))
    assert [o.date() for o in occurrences] == [
        date(2026, 3, 16),
        date(2026, 3, 23),
        date(2026, 3, 30),
        date(2026, 4, 6),
        date(2026, 4, 13),
    ]
    assert {o.astimezone(BUDAPEST).hour for o in occurrences} == {9}
    # the summer-time change on 29 March: the UTC hour moves, the wall clock does not
    assert {o.astimezone(UTC).hour for o in occurrences} == {8, 7}


def test_each_reminder_is_a_display_alarm() -> None:
    event = events(parsed())["Weekly sync"]
    alarms = event.walk("VALARM")
    assert [a.decoded("TRIGGER") for a in alarms] == [timedelta(minutes=-15), timedelta(days=-1)]
    assert {str(a["ACTION"]) for a in alarms} == {"DISPLAY"}
    assert "TRIGGER:-PT15M" in event.to_ical().decode()
    assert events(parsed())["Call Ann"].walk("VALARM") == []


def test_all_day_events_are_dates_with_rrule_count() -> None:
    fair = events(parsed())["Fair"]
    assert fair.decoded("DTSTART") == date(2026, 6, 1)
    assert fair.decoded("DTEND") == date(2026, 6, 3)
    assert fair["RRULE"].to_ical() == b"FREQ=YEARLY;COUNT=3"


def test_tasks_are_vtodos() -> None:
    todos = {str(t["SUMMARY"]): t for t in parsed().walk("VTODO")}
    assert todos["Send offer"].decoded("DUE") == date(2026, 3, 5)
    assert todos["Send offer"]["PRIORITY"] == 1
    assert todos["Send offer"]["STATUS"] == "NEEDS-ACTION"
    assert todos["Invoice"].decoded("DUE") == datetime(2026, 3, 6, 15, tzinfo=UTC)
    assert todos["Invoice"]["STATUS"] == "COMPLETED"


def test_birthdays_are_yearly_all_day_events_and_29_february_follows_the_policy() -> None:
    found = events(parsed())
    bob = found["Birthday: Bob"]
    assert bob.decoded("DTSTART") == date(2000, 7, 4)
    assert bob["RRULE"].to_ical() == b"FREQ=YEARLY"
    ann = found["Birthday: Ann"]
    assert ann.decoded("DTSTART") == date(1980, 2, 29)
    first = datetime(1980, 2, 29)
    feb28 = list(islice(rrulestr(ann["RRULE"].to_ical().decode(), dtstart=first), 3))
    assert [d.date() for d in feb28] == [date(1980, 2, 29), date(1981, 2, 28), date(1982, 2, 28)]
    ann_mar1 = events(parsed(feb29=Feb29Policy.MAR_1))["Birthday: Ann"]
    mar1 = list(islice(rrulestr(ann_mar1["RRULE"].to_ical().decode(), dtstart=first), 5))
    assert [d.date() for d in mar1] == [
        date(1980, 2, 29),
        date(1981, 3, 1),
        date(1982, 3, 1),
        date(1983, 3, 1),
        date(1984, 2, 29),
    ]


def test_uids_are_unique_and_stable() -> None:
    uids = [str(c["UID"]) for c in parsed().walk() if "UID" in c]
    assert len(uids) == len(set(uids)) == 7
    assert uids == [str(c["UID"]) for c in parsed().walk() if "UID" in c]


def test_text_is_escaped_and_folded_at_75_octets() -> None:
    name = "Łukasz Őri-Ελληνικά, Jr.; 日本語の名前 " * 3
    notes = "first line\nsecond, with; separators \\ and a backslash\r\nthird " + "é" * 60
    data = write_calendar(
        [],
        [IcsTask(1, name, due_date=date(2026, 3, 5), notes=notes)],
        [IcsBirthday(2, name, PartialDate(1, 31))],
        now=NOW,
    )
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert data.endswith(b"END:VCALENDAR\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    cal = icalendar.Calendar.from_ical(data)
    [todo] = cal.walk("VTODO")
    [birthday] = cal.walk("VEVENT")
    assert str(todo["SUMMARY"]) == name
    assert str(todo["DESCRIPTION"]) == notes.replace("\r\n", "\n")
    assert str(birthday["SUMMARY"]) == f"Birthday: {name}"
    assert birthday.decoded("DTSTART") == date(2000, 1, 31)
    assert birthday.decoded("DTEND") == date(2000, 2, 1)
    assert str(birthday["TRANSP"]) == "TRANSPARENT"
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]).startswith("-//CRM Desktop")
