"""Birthdays and other important dates: yearly, at 09:00 on the user's clock.

Why by (month, day) and not by expanding every contact: 100,000 birthdays
are an index on (birthday_month, birthday_day). A window of days becomes a
few (month, day-range) index ranges; "the next one" is the first row at or
after today's position in the year (wrapping to 1 January). A 29 February
anniversary falls on 28 February or 1 March in common years (a setting),
so the ranges that touch those days also fetch the leap-day people.

Occurrence keys hold the anniversary's date and the lead, never a local
time: a change of zone moves the 09:00 instant but not the key.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from crm_desktop.domain.dates import Feb29Policy
from crm_desktop.domain.lead_days import parse_stored
from crm_desktop.services.reminder_dto import DueReminder, ReminderKind, day_month
from crm_desktop.storage.models.contacts import OWN_BIRTHDAY

if TYPE_CHECKING:
    from crm_desktop.services.reminder_sources import Frame

_BIRTHDAY_COLUMNS = (
    "SELECT id, display_name, birthday_month, birthday_day, birthday_year, birthday_reminder_days"
    " FROM contact WHERE trashed_at IS NULL AND birthday_month IS NOT NULL"
)
_DATE_COLUMNS = (
    "SELECT cd.id, c.display_name, cd.month, cd.day, cd.year, cd.label, cd.contact_id"
    " FROM contact_date cd JOIN contact c ON c.id = cd.contact_id WHERE c.trashed_at IS NULL"
)


@dataclass(frozen=True, slots=True)
class _Source:
    select: str  # columns and FROM ... WHERE <live rows>
    month: str
    day: str


_DEFAULT_BIRTHDAYS = _Source(
    _BIRTHDAY_COLUMNS + " AND birthday_reminder_days IS NULL", "birthday_month", "birthday_day"
)
_DATES = _Source(_DATE_COLUMNS, "cd.month", "cd.day")


def occurrence(month: int, day: int, year: int, feb29: Feb29Policy) -> date | None:
    """The anniversary in ``year`` (29 Feb moved per policy); None for an impossible date."""
    if (month, day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28) if feb29 is Feb29Policy.FEB_28 else date(year, 3, 1)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def md_ranges(first: date, last: date) -> list[tuple[int, int, int]] | None:
    """(month, first day, last day) ranges covering the days [first, last]; None: all year."""
    if (last - first).days >= 365:
        return None
    ranges: list[tuple[int, int, int]] = []
    day = first
    while day <= last:
        month_end = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        to = min(last, month_end)
        ranges.append((day.month, day.day, 29 if (day.month, to.day) == (2, 28) else to.day))
        if (to.month, to.day) == (3, 1) or (day.month, day.day) == (3, 1):
            ranges.append((2, 29, 29))  # leap-day people celebrate on 1 March (a setting)
        day = to + timedelta(days=1)
    return ranges


def lead_ranges(
    first: date, last: date, leads: tuple[int, ...]
) -> list[tuple[int, int, int]] | None:
    """md_ranges of the anniversaries reminded on [first, last] with any of ``leads``.

    Only the days each lead actually reaches: a 2-day window with leads (0, 7)
    reads 4 days of birthdays, not the 9 days from ``first`` to ``last + 7``.
    """
    spans: list[tuple[date, date]] = []
    for lead in sorted(set(leads)):
        start, end = first + timedelta(days=lead), last + timedelta(days=lead)
        if spans and start <= spans[-1][1] + timedelta(days=1):
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    ranges: list[tuple[int, int, int]] = []
    for start, end in spans:
        part = md_ranges(start, end)
        if part is None:
            return None
        ranges.extend(r for r in part if r not in ranges)
    return ranges


def _where(source: _Source, ranges: list[tuple[int, int, int]] | None) -> tuple[str, list[int]]:
    if ranges is None:
        return "", []
    terms = [f"({source.month} = ? AND {source.day} BETWEEN ? AND ?)" for _ in ranges]
    return " AND (" + " OR ".join(terms) + ")", [v for r in ranges for v in r]


def _first_on_or_after(frame: Frame, source: _Source, target: date) -> date | None:
    """The earliest anniversary on or after ``target`` among ``source``'s rows."""
    order = f" ORDER BY {source.month}, {source.day} LIMIT 8"
    leap = frame.conn.execute(
        source.select + f" AND {source.month} = 2 AND {source.day} = 29 LIMIT 1"
    ).fetchone()
    for year in (target.year, target.year + 1):
        start = (target.month, target.day) if year == target.year else (1, 1)
        found: date | None = None
        sql = source.select + f" AND ({source.month}, {source.day}) >= (?, ?)" + order
        for row in frame.conn.execute(sql, start):
            candidate = occurrence(row[2], row[3], year, frame.feb29)
            if candidate is not None and candidate >= target:
                found = candidate
                break
        if leap is not None:
            moved = occurrence(2, 29, year, frame.feb29)
            if moved is not None and moved >= target and (found is None or moved < found):
                found = moved
        if found is not None:
            return found
    return None


def _remind_days(frame: Frame, at: datetime) -> date:
    """The first local day whose 09:00 is still ahead of ``at``."""
    today = frame.local_date(at)
    return today if frame.at_local(today) > at else today + timedelta(days=1)


def _overrides(frame: Frame) -> list[tuple[object, ...]]:
    """Contacts with their own birthday lead times (rare: the user set them one by one)."""
    if frame.overrides is None:
        sql = (
            "SELECT id, display_name, birthday_month, birthday_day, birthday_year,"
            # A walk of ix_contact_birthday_own (only these rows), not a table scan (20 ms at
            # 100k); INDEXED BY: a lost plan is an error, not silently slow (see stay-in-touch).
            " birthday_reminder_days FROM contact INDEXED BY ix_contact_birthday_own"
            f" WHERE {OWN_BIRTHDAY}"
            " AND trashed_at IS NULL AND birthday_month IS NOT NULL"
            " AND birthday_reminder_days <> ''"
        )
        frame.overrides = list(frame.conn.execute(sql))
    return frame.overrides


# -- birthdays -----------------------------------------------------------------------------


def _birthday(row: tuple[object, ...], anniversary: date, lead: int, due: datetime) -> DueReminder:
    contact_id, name, born = row[0], str(row[1]), row[4]
    assert isinstance(contact_id, int)
    age = anniversary.year - born if isinstance(born, int) else None
    when = "today" if lead == 0 else f"on {day_month(anniversary)}"
    text = f"{name} turns {age} {when}" if age is not None else f"{name}'s birthday is {when}"
    return DueReminder(
        kind=ReminderKind.BIRTHDAY,
        source_id=contact_id,
        occurrence_key=f"{contact_id}:{anniversary.isoformat()}:{lead}",
        due_at=due,
        text=text,
        contact_ids=(contact_id,),
        occurs_on=anniversary,
        age=age,
        lead=lead,
        subject=name,
    )


def _reminded(
    frame: Frame, default_ranges: list[tuple[int, int, int]] | None
) -> Iterator[tuple[tuple[object, ...], tuple[int, ...]]]:
    """(row, its lead days) of every live birthday that reminds at all.

    Contacts on the default leads come from ``default_ranges`` (month, day)
    index ranges; those with their own leads are the few overrides; muted
    ones (own leads empty, or the default muted) are never yielded.
    """
    default = frame.settings.birthday_days
    if default:  # none: birthday reminders are off unless a contact has its own leads
        where, params = _where(_DEFAULT_BIRTHDAYS, default_ranges)
        for row in frame.conn.execute(_DEFAULT_BIRTHDAYS.select + where, params):
            yield row, default
    for row in _overrides(frame):
        leads = parse_stored(str(row[5]))
        if leads:
            yield row, leads


def _anniversary(row: tuple[object, ...], year: int, feb29: Feb29Policy) -> date | None:
    """The row's birthday in ``year`` (29 Feb per policy); None before they were born."""
    month, day, born = row[2], row[3], row[4]
    assert isinstance(month, int) and isinstance(day, int)
    if isinstance(born, int) and year < born:
        return None
    return occurrence(month, day, year, feb29)


def birthdays_on(frame: Frame, day: date) -> int:
    """How many birthdays the reminders announce fall on ``day`` (the digest's count).

    The same rows, 29 February policy and birth-year rule as
    :func:`birthdays_window`, so the digest never disagrees with them.
    """
    rows = _reminded(frame, md_ranges(day, day))
    return sum(1 for row, _ in rows if _anniversary(row, day.year, frame.feb29) == day)


def birthdays_window(frame: Frame, lo: datetime, hi: datetime) -> Iterator[DueReminder]:
    first, last = frame.local_date(lo), frame.local_date(hi)
    default = frame.settings.birthday_days
    for row, leads in _reminded(frame, lead_ranges(first, last, default)):
        for lead in leads:
            for year in range(first.year, (last + timedelta(days=lead)).year + 1):
                anniversary = _anniversary(row, year, frame.feb29)
                if anniversary is None:
                    continue
                remind_day = anniversary - timedelta(days=lead)
                if not first <= remind_day <= last:
                    continue
                due = frame.at_local(remind_day)
                if lo <= due <= hi:
                    yield _birthday(row, anniversary, lead, due)


def birthday_next_after(frame: Frame, at: datetime) -> datetime | None:
    start = _remind_days(frame, at)
    best: date | None = None
    for lead in frame.settings.birthday_days:
        anniversary = _first_on_or_after(frame, _DEFAULT_BIRTHDAYS, start + timedelta(days=lead))
        if anniversary is not None:
            day = anniversary - timedelta(days=lead)
            best = day if best is None else min(best, day)
    for row in _overrides(frame):
        month, day_of_month = row[2], row[3]
        assert isinstance(month, int) and isinstance(day_of_month, int)
        for lead in parse_stored(str(row[5])):
            target = start + timedelta(days=lead)
            for year in (target.year, target.year + 1):
                anniversary = occurrence(month, day_of_month, year, frame.feb29)
                if anniversary is not None and anniversary >= target:
                    day = anniversary - timedelta(days=lead)
                    best = day if best is None else min(best, day)
                    break
    return None if best is None else frame.at_local(best)


# -- other important dates -----------------------------------------------------------------


def _date(row: tuple[object, ...], anniversary: date, due: datetime) -> DueReminder:
    date_id, name, since, label, contact_id = row[0], str(row[1]), row[4], str(row[5]), row[6]
    assert isinstance(date_id, int) and isinstance(contact_id, int)
    years = anniversary.year - since if isinstance(since, int) else None
    text = f"{name}: {label} today" + (f" ({years} years)" if years else "")
    return DueReminder(
        kind=ReminderKind.DATE,
        source_id=date_id,
        occurrence_key=f"{date_id}:{anniversary.isoformat()}",
        due_at=due,
        text=text,
        contact_ids=(contact_id,),
        occurs_on=anniversary,
        age=years,
        lead=0,
        subject=label,
    )


def dates_window(frame: Frame, lo: datetime, hi: datetime) -> Iterator[DueReminder]:
    first, last = frame.local_date(lo), frame.local_date(hi)
    where, params = _where(_DATES, md_ranges(first, last))
    for row in frame.conn.execute(_DATES.select + where, params):
        for year in range(first.year, last.year + 1):
            anniversary = occurrence(row[2], row[3], year, frame.feb29)
            if anniversary is None or not first <= anniversary <= last:
                continue
            if isinstance(row[4], int) and year < row[4]:
                continue
            due = frame.at_local(anniversary)
            if lo <= due <= hi:
                yield _date(row, anniversary, due)


def date_next_after(frame: Frame, at: datetime) -> datetime | None:
    anniversary = _first_on_or_after(frame, _DATES, _remind_days(frame, at))
    return None if anniversary is None else frame.at_local(anniversary)
