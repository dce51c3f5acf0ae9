"""What the calendar shows: day counts, agenda items, birthdays (plain data, no SQL).

Kept apart from ``calendar`` (the service) so the window can import these
types at start-up without SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from crm_desktop.domain.recurrence import Recurrence
from crm_desktop.services.dto import EventOccurrence, TaskRow


@dataclass(frozen=True, slots=True)
class BirthdayItem:
    contact_id: int
    name: str
    date: date  # the day it is celebrated in the asked span
    age: int | None  # the age reached that day; None when the year is unknown


@dataclass(frozen=True, slots=True)
class DayCounts:
    meetings: int = 0  # not cancelled
    tasks: int = 0  # open tasks due that day
    birthdays: int = 0

    @property
    def empty(self) -> bool:
        return not (self.meetings or self.tasks or self.birthdays)


@dataclass(frozen=True, slots=True)
class AgendaEvent:
    occurrence: EventOccurrence
    contact_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Agenda:
    """Everything in a span of local days, each list in time order."""

    events: tuple[AgendaEvent, ...] = ()
    tasks: tuple[TaskRow, ...] = ()  # done ones included (the pane shows them ticked)
    birthdays: tuple[BirthdayItem, ...] = ()


@dataclass(frozen=True, slots=True)
class EventDetail:
    """An event as the editor needs it: the series' first occurrence plus what
    :class:`EventOccurrence` leaves out (notes, the rule, linked names)."""

    occurrence: EventOccurrence
    notes: str | None
    timezone: str
    recurrence: Recurrence | None
    contacts: tuple[tuple[int, str], ...] = field(default=())


def days(start: date, end: date) -> Iterator[date]:
    """The days of [start, end)."""
    for offset in range((end - start).days):
        yield start + timedelta(days=offset)


def month_grid(year: int, month: int, first_weekday: int = 0) -> tuple[date, date]:
    """[first, end) of the 6-week grid a month view draws (``first_weekday``: 0 = Monday)."""
    first = date(year, month, 1)
    back = (first.weekday() - first_weekday) % 7
    # Like QCalendarWidget: a month starting in the first column gets a full
    # week of the previous month above it.
    start = first - timedelta(days=back or 7)
    return start, start + timedelta(days=42)
