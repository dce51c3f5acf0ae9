"""Birthday VEVENTs and VTODOs written as iCalendar text directly (RFC 5545).

Why not ``icalendar`` for these: building and serializing one component
through it costs about a millisecond; 100,000 contacts have some 85,000
birthdays (each with its alarms) and the file took minutes. These two
components are simple (no time zones: birthdays are all-day, task instants
UTC), so they are written like the vCards: escape, fold at 75 octets, CRLF
(the same rules: RFC 5545 3.1 and 3.3.11 are RFC 6350's). Meetings, with
their VTIMEZONEs and RRULEs, stay with ``icalendar``. The tests parse every
line back with ``icalendar``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from crm_desktop.interchange.vcard_write import escape_text, fold

__all__ = ["alarm_lines", "duration", "stamp_text", "text_component"]


def duration(value: timedelta) -> str:
    """An RFC 5545 DURATION: ``-P6DT15H``, ``PT9H``, ``P0D`` (as ``icalendar`` writes them)."""
    sign = "-" if value < timedelta(0) else ""
    value = abs(value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = (
        (f"{hours}H" if hours else "")
        + (f"{minutes}M" if minutes else "")
        + (f"{seconds}S" if seconds else "")
    )
    if not value.days and not clock:
        return "P0D"
    return f"{sign}P" + (f"{value.days}D" if value.days else "") + (f"T{clock}" if clock else "")


def stamp_text(instant: datetime) -> str:
    """A UTC DATE-TIME: ``20260301T080000Z``."""
    u = instant.astimezone(UTC)
    return f"{u.year:04d}{u.month:02d}{u.day:02d}T{u.hour:02d}{u.minute:02d}{u.second:02d}Z"


def date_text(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def alarm_lines(text: str, trigger: timedelta, *, related_end: bool = False) -> list[str]:
    """A DISPLAY VALARM; ``related_end``: relative to a VTODO's DUE (else to DTSTART)."""
    related = ";RELATED=END" if related_end else ""
    return [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape_text(text)}",
        f"TRIGGER{related}:{duration(trigger)}",
        "END:VALARM",
    ]


def text_component(lines: list[str]) -> str:
    """Content lines as text: folded, CRLF-terminated."""
    return "".join(fold(line) for line in lines)
