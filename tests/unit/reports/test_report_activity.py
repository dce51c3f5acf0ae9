"""``interactions`` and ``meeting-outcomes`` on hand-built data with known answers."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from support import factories
from support.factories import NOW, FixedClock

from crm_desktop.reports.activity import interactions_table, meeting_outcomes_table
from crm_desktop.reports.period import ReportParams, offset_changes
from crm_desktop.reports.writer import CsvOptions, write_csv
from crm_desktop.services.dto import InteractionInput, TaskInput
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


def read(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def log(db: Database, contacts: tuple[int, ...], at: datetime, **kw: object) -> int:
    kind = str(kw.pop("kind", "meeting"))
    data = InteractionInput(contact_ids=contacts, kind=kind, occurred_at=at, **kw)  # type: ignore[arg-type]
    return InteractionService(db).log(data).id


def test_interactions_local_time_names_period_and_safety(
    db: Database, make_contact: factories.Factory, tmp_path: Path
) -> None:
    anna = make_contact(given_name="Anna", family_name="Alpha")
    bob = make_contact(given_name="Bob", family_name="Beta")
    # 23:30 UTC on 8 Nov is 00:30 on 9 Nov in Berlin: inside a period that starts on the 9th.
    late = log(db, (anna, bob), datetime(2026, 11, 8, 23, 30, tzinfo=UTC), subject="=1+1",
               duration_minutes=45, outcome="successful", direction="inbound")  # fmt: skip
    summer = log(db, (anna,), datetime(2026, 7, 1, 10, 0, tzinfo=UTC), kind="call", notes="-2+3")
    log(db, (bob,), datetime(2026, 11, 30, 9, 0, tzinfo=UTC), kind="email")  # after the period

    out = tmp_path / "i.csv"
    params = ReportParams(BERLIN, NOW)
    with db.read_raw() as conn:
        write_csv(interactions_table(conn, params), out, CsvOptions())
    rows = read(out)
    assert rows[0][:3] == ["id", "occurred_at", "contacts"]
    assert rows[1] == [str(summer), "2026-07-01T12:00:00", "Anna Alpha", "call", "", "", "",
                       "", "'-2+3"]  # fmt: skip
    assert rows[2] == [str(late), "2026-11-09T00:30:00", "Anna Alpha | Bob Beta", "meeting",
                       "inbound", "successful", "45", "'=1+1", ""]  # fmt: skip
    assert len(rows) == 4

    period = ReportParams(BERLIN, NOW, date(2026, 11, 9), date(2026, 11, 29), safe=False)
    with db.read_raw() as conn:
        write_csv(interactions_table(conn, period), out, CsvOptions(raw=True))
    rows = read(out)
    assert [r[0] for r in rows[1:]] == [str(late)]
    assert rows[1][7] == "=1+1"


def test_offset_changes_find_both_dst_switches() -> None:
    changes = offset_changes(
        BERLIN, datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
    )
    assert [(at.isoformat(), off) for at, off in changes[1:]] == [
        ("2026-03-29T01:00:00+00:00", 7200),
        ("2026-10-25T01:00:00+00:00", 3600),
    ]


def test_meeting_outcomes_answer_the_week_before_last(
    db: Database, make_contact: factories.Factory, clock: FixedClock
) -> None:
    anna = make_contact(given_name="Anna")
    week_before_last = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)  # Tuesday of the week of 9 Nov
    for day, kind in ((10, "meeting"), (11, "video_call"), (13, "meeting")):
        log(db, (anna,), week_before_last.replace(day=day), kind=kind, outcome="successful")
    log(db, (anna,), week_before_last.replace(day=12), outcome="unsuccessful")
    log(db, (anna,), week_before_last, kind="call", outcome="successful")  # a call: not a meeting
    # Last week: one meeting, and a task for Anna booked four days later (more than
    # a week after the meetings of the week before).
    last_week = datetime(2026, 11, 17, 15, 0, tzinfo=UTC)
    log(db, (anna,), last_week, outcome="follow_up_needed")
    TaskService(db, clock=FixedClock(datetime(2026, 11, 21, 8, 0, tzinfo=UTC))).create(
        TaskInput(title="Send the offer", contact_id=anna, due_date=date(2026, 11, 30))
    )
    # A meeting marked held without a log entry counts as held, outcome unknown.
    from crm_desktop.services.dto import EventInput

    events = EventService(db, clock=clock)
    held = events.create(
        EventInput("Site visit", datetime(2026, 11, 18, 10, tzinfo=UTC),
                   datetime(2026, 11, 18, 11, tzinfo=UTC), "Europe/Berlin", contact_ids=(anna,))
    ).id  # fmt: skip
    events.set_status(held, "held")

    params = ReportParams(BERLIN, NOW, date(2026, 11, 9), date(2026, 11, 22), by="week")
    with db.read_raw() as conn:
        table = meeting_outcomes_table(conn, params)
    rows = [list(r) for batch in table.batches for r in batch]
    assert [r[:2] for r in rows] == [
        [date(2026, 11, 9), date(2026, 11, 15)],
        [date(2026, 11, 16), date(2026, 11, 22)],
    ]
    held_, ok, bad, other, booked, rate = rows[0][2:]
    assert (held_, ok, bad, other, booked, str(rate)) == (4, 3, 1, 0, 0, "75.0")
    assert rows[1][2:7] == [2, 0, 0, 2, 1]

    # Without a period: the last 12 weeks, the current one last.
    with db.read_raw() as conn:
        default = meeting_outcomes_table(conn, ReportParams(BERLIN, NOW))
    weeks = [r for batch in default.batches for r in batch]
    assert len(weeks) == 12 and weeks[-1][0] == date(2026, 11, 23)
    assert weeks[-3][2:4] == (4, 3)  # the week before last

    with db.read_raw() as conn:
        months = meeting_outcomes_table(conn, ReportParams(BERLIN, NOW, by="month"))
    november = [r for batch in months.batches for r in batch][-1]
    assert november[:4] == (date(2026, 11, 1), date(2026, 11, 30), 6, 3)
