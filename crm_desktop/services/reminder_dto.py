"""What a due reminder looks like to its consumers (engine, GUI popup, CLI).

Why a frozen DTO with structured fields *and* an English ``text``: the CLI
and logs need a sentence, while the GUI re-renders from the fields in the
user's language (``kind``, ``contact_ids``, ``starts_at``, ``occurs_on``,
``age``...). The identity of a reminder is (kind, source_id,
occurrence_key): the reminder ledger's unique key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

__all__ = ["DueReminder", "ReminderKind", "ReminderSettings", "day_month"]

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class ReminderKind(StrEnum):
    EVENT = "event"
    TASK = "task"
    BIRTHDAY = "birthday"
    DATE = "date"
    STAY_IN_TOUCH = "stay_in_touch"
    DIGEST = "digest"


@dataclass(frozen=True, slots=True)
class DueReminder:
    """One occurrence of one reminder.

    ``due_at`` is the aware UTC instant it falls due; ``missed`` says it fell
    due while the application was not running (or the machine slept);
    ``snoozed`` that it comes back from a snooze. Per kind, ``source_id`` is
    an event, task, contact, contact_date id (or 0 for the digest).
    """

    kind: str
    source_id: int
    occurrence_key: str
    due_at: datetime
    text: str
    missed: bool = False
    snoozed: bool = False
    contact_ids: tuple[int, ...] = ()
    #: event: the occurrence's start; task: its due instant (or 09:00 on its day)
    starts_at: datetime | None = None
    #: birthday / date: the day it falls on this year; digest: the day summarized
    occurs_on: date | None = None
    #: birthday: the age reached on ``occurs_on``; date: the years since
    age: int | None = None
    #: event: minutes before the start; birthday: days before the day
    lead: int | None = None
    #: event / task title, date label, contact name (stay in touch)
    subject: str | None = None

    @property
    def identity(self) -> tuple[str, int, str]:
        return (self.kind, self.source_id, self.occurrence_key)


@dataclass(frozen=True, slots=True)
class ReminderSettings:
    """The reminder settings (rows of the ``setting`` table, read per computation)."""

    feb29: str = "feb28"  # a Feb29Policy value
    birthday_days: tuple[int, ...] = (7, 0)
    digest_at: time | None = None  # the morning digest is off by default
    epoch: datetime | None = None  # first engine start: nothing before it is "missed"


def day_month(d: date) -> str:
    """'12 March': locale-independent English (the GUI renders its own)."""
    return f"{d.day} {MONTHS[d.month - 1]}"
