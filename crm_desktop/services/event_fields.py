"""Turning an :class:`EventInput` into a clean event row.

Validation happens before anything is written; the wall time and zone
name are kept as the truth and the UTC instants derived from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crm_desktop.domain.choices import EventKind, EventStatus
from crm_desktop.domain.dates import localize
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.recurrence import Recurrence, occurrences
from crm_desktop.domain.text import NOTES_MAX, SHORT_TEXT_MAX, clean_text
from crm_desktop.services.dto import EventInput
from crm_desktop.storage.models import Event

MAX_REMINDERS = 10
MAX_REMINDER_MINUTES = 4 * 7 * 24 * 60
MAX_EVENT_DAYS = 31


@dataclass(frozen=True, slots=True)
class CleanEvent:
    title: str
    kind: str
    status: str
    location: str | None
    notes: str | None
    all_day: bool
    zone: ZoneInfo
    local_start: datetime
    local_end: datetime
    reminders: tuple[int, ...]
    contact_ids: tuple[int, ...]
    recurrence: Recurrence | None


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError("Time zone", "is not a known time zone") from exc


def clean_event(data: EventInput) -> CleanEvent:
    title = clean_text(data.title, field="Title", max_length=SHORT_TEXT_MAX, required=True)
    if data.kind not in set(EventKind):
        raise ValidationError("Kind", "must be a meeting, a call or a follow-up")
    if data.status not in set(EventStatus):
        raise ValidationError("Status", "must be planned, held, cancelled or missed")
    if data.start.tzinfo is None or data.end.tzinfo is None:
        raise ValidationError("Start", "needs a time zone")
    tz = zone(data.timezone)
    local_start = data.start.astimezone(tz).replace(tzinfo=None)
    local_end = data.end.astimezone(tz).replace(tzinfo=None)
    if data.all_day:  # whole local days: [first day 00:00, day after the last 00:00)
        local_start = datetime.combine(local_start.date(), time())
        local_end = datetime.combine(local_end.date(), time())
        if local_end <= local_start:
            local_end = local_start + timedelta(days=1)
    if local_end < local_start:
        raise ValidationError("End", "is before the start")
    if local_end - local_start > timedelta(days=MAX_EVENT_DAYS):
        raise ValidationError("End", f"is more than {MAX_EVENT_DAYS} days after the start")
    reminders = tuple(sorted(set(data.reminder_minutes)))
    if len(reminders) > MAX_REMINDERS:
        raise ValidationError("Reminders", f"at most {MAX_REMINDERS} per event")
    if any(not 0 <= m <= MAX_REMINDER_MINUTES for m in reminders):
        raise ValidationError("Reminders", "must be between 0 minutes and 4 weeks before")
    return CleanEvent(
        title=title or "",
        kind=data.kind,
        status=data.status,
        location=clean_text(data.location, field="Location", max_length=SHORT_TEXT_MAX),
        notes=clean_text(data.notes, field="Notes", max_length=NOTES_MAX, multiline=True),
        all_day=data.all_day,
        zone=tz,
        local_start=local_start,
        local_end=local_end,
        reminders=reminders,
        contact_ids=tuple(dict.fromkeys(data.contact_ids)),
        recurrence=data.recurrence,
    )


def _series_end(clean: CleanEvent, starts_at: datetime) -> datetime | None:
    """The end of the last occurrence (None: the series never ends)."""
    rule = clean.recurrence
    duration = clean.local_end - clean.local_start
    if rule is None:
        return None
    if rule.until is not None:
        last_wall = datetime.combine(rule.until, time(23, 59, 59)) + duration
        return localize(last_wall, clean.zone).astimezone(UTC)
    if rule.count is not None:
        last = None
        for last in occurrences(  # noqa: B007  (we want the final one)
            clean.local_start,
            clean.zone,
            rule,
            window_start=starts_at,
            window_end=datetime.max.replace(tzinfo=UTC) - timedelta(days=2),
        ):
            pass
        end = (last or starts_at).astimezone(clean.zone).replace(tzinfo=None) + duration
        return localize(end, clean.zone).astimezone(UTC)
    return None


def apply_to_row(row: Event, clean: CleanEvent, now: datetime) -> None:
    starts_at = localize(clean.local_start, clean.zone).astimezone(UTC)
    row.title = clean.title
    row.kind = clean.kind
    row.status = clean.status
    row.location = clean.location
    row.notes = clean.notes
    row.all_day = clean.all_day
    row.timezone = clean.zone.key
    row.local_start = clean.local_start.isoformat(timespec="seconds")
    row.local_end = clean.local_end.isoformat(timespec="seconds")
    row.starts_at = starts_at
    row.ends_at = localize(clean.local_end, clean.zone).astimezone(UTC)
    rule = clean.recurrence
    row.recur_freq = rule.freq.value if rule else None
    row.recur_interval = rule.interval if rule else 1
    row.recur_until = rule.until.isoformat() if rule and rule.until else None
    row.recur_count = rule.count if rule else None
    row.series_ends_at = _series_end(clean, starts_at)
    row.updated_at = now
