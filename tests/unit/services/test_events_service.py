"""EventService: wall time + zone, recurring series expanded per window, held meetings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from support import factories
from support.factories import Factory, FixedClock, count_rows

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.services.base import NotFoundError
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import EventInput
from crm_desktop.services.events import EventService
from crm_desktop.services.interactions import InteractionService
from crm_desktop.storage.database import Database

# Shared fixtures, bound here so that pytest finds them in this module.
template_db = factories.template_db
db_path = factories.db_path
db = factories.db
clock = factories.clock
make_contact = factories.make_contact

BUDAPEST = ZoneInfo("Europe/Budapest")
YEAR_START = datetime(2026, 1, 1, tzinfo=UTC)
YEAR_END = datetime(2027, 1, 1, tzinfo=UTC)


@pytest.fixture
def events(db: Database, clock: FixedClock) -> EventService:
    return EventService(db, clock=clock)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=BUDAPEST)  # type: ignore[misc]


def meeting(start: datetime, minutes: int = 60, **kw: object) -> EventInput:
    return EventInput(
        title=str(kw.pop("title", "Meeting")),
        start=start,
        end=start + timedelta(minutes=minutes),
        timezone="Europe/Budapest",
        **kw,  # type: ignore[arg-type]
    )


def test_one_off_round_trip(events: EventService, make_contact: Factory) -> None:
    a, b = make_contact(given_name="A"), make_contact(given_name="B")
    saved = events.create(
        meeting(
            local(2026, 11, 25, 14, 0),
            90,
            contact_ids=(a, b),
            location="Office",
            reminder_minutes=(1440, 15, 10, 15),
            kind="call",
            notes="agenda",
        )
    )
    assert saved.changes.events and saved.changes.contacts == frozenset({a, b})
    occ = events.get(saved.id)
    assert occ.start == local(2026, 11, 25, 14, 0)
    assert occ.end == local(2026, 11, 25, 15, 30)
    assert occ.start.tzinfo == BUDAPEST
    assert (occ.title, occ.kind, occ.status, occ.location) == (
        "Meeting",
        "call",
        "planned",
        "Office",
    )
    assert sorted(occ.contact_ids) == sorted([a, b])
    assert occ.reminder_minutes == (10, 15, 1440)  # stored once each, sorted
    assert not occ.recurring


def test_weekly_with_count(events: EventService) -> None:
    eid = events.create(
        meeting(local(2026, 3, 2, 9, 0), recurrence=Recurrence(Frequency.WEEKLY, count=4))
    ).id
    starts = [o.start for o in events.between(YEAR_START, YEAR_END) if o.event_id == eid]
    assert starts == [
        local(2026, 3, 2, 9),
        local(2026, 3, 9, 9),
        local(2026, 3, 16, 9),
        local(2026, 3, 23, 9),
    ]
    assert all(o.recurring for o in events.between(YEAR_START, YEAR_END))
    # The stored series end bounds the query: a window after it finds nothing.
    assert events.between(datetime(2026, 3, 24, tzinfo=UTC), YEAR_END) == []


def test_monthly_on_the_31st_skips_short_months(events: EventService) -> None:
    eid = events.create(
        meeting(local(2026, 1, 31, 10, 0), recurrence=Recurrence(Frequency.MONTHLY, count=6))
    ).id
    occurrences = [o for o in events.between(YEAR_START, YEAR_END) if o.event_id == eid]
    assert [(o.start.month, o.start.day, o.start.hour) for o in occurrences] == [
        (1, 31, 10),
        (3, 31, 10),
        (5, 31, 10),
        (7, 31, 10),
        (8, 31, 10),
        (10, 31, 10),
    ]


def test_daily_across_the_dst_change_keeps_wall_time(events: EventService) -> None:
    # Europe/Budapest springs forward on 29 March 2026 (UTC+1 -> UTC+2).
    eid = events.create(
        meeting(
            local(2026, 3, 27, 9, 0),
            30,
            recurrence=Recurrence(Frequency.DAILY, until=date(2026, 3, 31)),
        )
    ).id
    occurrences = [o for o in events.between(YEAR_START, YEAR_END) if o.event_id == eid]
    assert [o.start.day for o in occurrences] == [27, 28, 29, 30, 31]
    assert {(o.start.hour, o.start.minute) for o in occurrences} == {(9, 0)}
    assert [o.start.astimezone(UTC).hour for o in occurrences] == [8, 8, 7, 7, 7]
    assert all(o.end - o.start == timedelta(minutes=30) for o in occurrences)


def test_between_returns_overlapping_occurrences(events: EventService) -> None:
    early = events.create(meeting(local(2026, 5, 4, 9, 0), 120, title="Started before")).id
    inside = events.create(meeting(local(2026, 5, 4, 10, 30), 15, title="Inside")).id
    events.create(meeting(local(2026, 5, 4, 8, 0), 60, title="Ended at the window start"))
    events.create(meeting(local(2026, 5, 4, 12, 0), 30, title="Starts at the window end"))
    weekly = events.create(
        meeting(
            local(2026, 4, 27, 9, 30), 90, title="Weekly", recurrence=Recurrence(Frequency.WEEKLY)
        )
    ).id
    window = (local(2026, 5, 4, 10, 0), local(2026, 5, 4, 12, 0))
    found = events.between(*window)
    assert [(o.event_id, o.start) for o in found] == [
        (early, local(2026, 5, 4, 9, 0)),
        (weekly, local(2026, 5, 4, 9, 30)),  # the series' occurrence that began before too
        (inside, local(2026, 5, 4, 10, 30)),
    ]


def test_open_ended_series_reaches_far_windows(events: EventService) -> None:
    eid = events.create(
        meeting(local(2026, 1, 5, 9, 0), recurrence=Recurrence(Frequency.WEEKLY, interval=2))
    ).id
    far = events.between(datetime(2030, 1, 1, tzinfo=UTC), datetime(2030, 1, 15, tzinfo=UTC))
    assert len(far) == 1 and far[0].event_id == eid
    assert far[0].start.hour == 9 and far[0].start.weekday() == 0


def test_mark_held_logs_an_interaction(
    db: Database, events: EventService, make_contact: Factory
) -> None:
    a, b = make_contact(given_name="A"), make_contact(given_name="B")
    eid = events.create(
        meeting(local(2026, 11, 20, 14, 0), 45, contact_ids=(a, b), title="Contract talk")
    ).id
    saved = events.mark_held(eid, outcome="successful", notes="signed")
    assert saved.changes.events and saved.changes.interactions
    assert events.get(eid).status == "held"
    logged = InteractionService(db).get(saved.id)
    assert logged.kind == "meeting"
    assert logged.outcome == "successful"
    assert logged.notes == "signed"
    assert logged.subject == "Contract talk"
    assert logged.duration_minutes == 45
    assert logged.occurred_at == local(2026, 11, 20, 14, 0)
    assert sorted(logged.contact_ids) == sorted([a, b])
    assert ContactService(db).get(a).last_contacted_at == local(2026, 11, 20, 14, 0)


def test_mark_held_needs_a_contact(db: Database, events: EventService) -> None:
    eid = events.create(meeting(local(2026, 11, 20, 14, 0))).id
    with pytest.raises(ValidationError):
        events.mark_held(eid, outcome="successful")
    assert events.get(eid).status == "planned"
    assert count_rows(db, "interaction") == 0


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            EventInput(
                "M",
                datetime(2026, 5, 1, 9, tzinfo=UTC),
                datetime(2026, 5, 1, 10, tzinfo=UTC),
                "Mars/Olympus_Mons",
            ),
            "Time zone",
        ),
        (
            EventInput(
                "M",
                datetime(2026, 5, 1, 9, tzinfo=UTC),
                datetime(2026, 5, 1, 10, tzinfo=UTC),
                "../../etc/passwd",
            ),
            "Time zone",
        ),
        (
            EventInput(
                "M",
                datetime(2026, 5, 1, 9, tzinfo=UTC),
                datetime(2026, 5, 1, 8, tzinfo=UTC),
                "Europe/Budapest",
            ),
            "End",
        ),
        (
            EventInput("M", datetime(2026, 5, 1, 9), datetime(2026, 5, 1, 10), "Europe/Budapest"),
            "Start",
        ),
        (
            EventInput(
                " ",
                datetime(2026, 5, 1, 9, tzinfo=UTC),
                datetime(2026, 5, 1, 10, tzinfo=UTC),
                "Europe/Budapest",
            ),
            "Title",
        ),
        (
            EventInput(
                "M",
                datetime(2026, 5, 1, 9, tzinfo=UTC),
                datetime(2026, 5, 1, 10, tzinfo=UTC),
                "Europe/Budapest",
                reminder_minutes=(-5,),
            ),
            "Reminders",
        ),
        (
            EventInput(
                "M",
                datetime(2026, 5, 1, 9, tzinfo=UTC),
                datetime(2026, 5, 1, 10, tzinfo=UTC),
                "Europe/Budapest",
                contact_ids=(999,),
            ),
            "Contacts",
        ),
    ],
)
def test_refusals(db: Database, events: EventService, data: EventInput, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        events.create(data)
    assert caught.value.field == field
    for table in ("event", "event_contact", "event_reminder"):
        assert count_rows(db, table) == 0


def test_update_and_delete(db: Database, events: EventService, make_contact: Factory) -> None:
    a, b = make_contact(given_name="A"), make_contact(given_name="B")
    eid = events.create(meeting(local(2026, 6, 1, 9, 0), contact_ids=(a,))).id
    saved = events.update(
        eid, meeting(local(2026, 6, 2, 9, 0), contact_ids=(b,), reminder_minutes=(5,))
    )
    assert saved.changes.contacts == frozenset({a, b})
    occ = events.get(eid)
    assert occ.start == local(2026, 6, 2, 9, 0) and occ.contact_ids == (b,)
    assert occ.reminder_minutes == (5,)
    events.set_status(eid, "cancelled")
    assert events.get(eid).status == "cancelled"
    with pytest.raises(ValidationError):
        events.set_status(eid, "postponed")
    events.delete(eid)
    with pytest.raises(NotFoundError):
        events.get(eid)
    assert count_rows(db, "event_reminder") == 0 and count_rows(db, "event_contact") == 0


def test_upcoming_for_contact_uses_the_clock(
    db: Database, make_contact: Factory, clock: FixedClock
) -> None:
    a = make_contact(given_name="A")
    service = EventService(db, clock=clock)
    past = service.create(meeting(clock.now - timedelta(days=1), contact_ids=(a,))).id
    soon = service.create(meeting(clock.now + timedelta(days=1), contact_ids=(a,))).id
    service.create(meeting(clock.now + timedelta(days=2)))  # not this contact's
    assert [o.event_id for o in service.upcoming_for_contact(a)] == [soon]
    assert past != soon


def test_upcoming_for_contact_expands_only_their_series(
    db: Database, make_contact: Factory, clock: FixedClock
) -> None:
    a = make_contact(given_name="A")
    b = make_contact(given_name="B")
    service = EventService(db, clock=clock)
    weekly = Recurrence(Frequency.WEEKLY, count=3)
    mine = service.create(
        meeting(clock.now + timedelta(hours=2), contact_ids=(a,), recurrence=weekly)
    ).id
    service.create(meeting(clock.now + timedelta(hours=1), contact_ids=(b,), recurrence=weekly))
    shared = service.create(meeting(clock.now + timedelta(days=1), contact_ids=(a, b))).id
    upcoming = service.upcoming_for_contact(a)
    assert [o.event_id for o in upcoming] == [mine, shared, mine, mine]
    assert all(a in o.contact_ids for o in upcoming)
    assert [o.event_id for o in service.between(clock.now, clock.now + timedelta(days=30))].count(
        mine
    ) == 3


def test_next_starts_takes_the_earliest_of_one_offs_and_series(
    db: Database, make_contact: Factory, clock: FixedClock
) -> None:
    a = make_contact(given_name="A")
    b = make_contact(given_name="B")
    c = make_contact(given_name="C")
    service = EventService(db, clock=clock)
    service.create(meeting(clock.now - timedelta(days=3), contact_ids=(a,)))  # past: ignored
    service.create(meeting(clock.now + timedelta(days=5), contact_ids=(a,)))
    weekly = Recurrence(Frequency.WEEKLY)  # started last week, next in 4 days
    service.create(meeting(clock.now - timedelta(days=3), contact_ids=(a, b), recurrence=weekly))
    cancelled = service.create(meeting(clock.now + timedelta(hours=1), contact_ids=(c,))).id
    service.set_status(cancelled, "cancelled")
    starts = service.next_starts([a, b, c])
    assert starts[a] == starts[b] == (clock.now + timedelta(days=4)).astimezone(UTC)
    assert c not in starts
