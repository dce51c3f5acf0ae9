"""Birthday lead days ("remind me 7, 1 and 0 days before"): the limits, typed and stored.

One place for rules that the settings dialog, the contact editor, the
contact validation, the reminder engine and the calendar export share;
they had each their own copy of the limit and of the parsing. Here in
the domain (no Qt, no SQL) so the dialogs import it without loading the
reminder engine.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "MAX_LEAD_DAYS",
    "MAX_OWN_LEADS",
    "LeadDaysError",
    "parse_stored",
    "parse_typed",
]

#: The longest lead, in days before the date (0 is the day itself).
MAX_LEAD_DAYS = 60
#: At most this many lead days of a contact's own.
MAX_OWN_LEADS = 5

_SEPARATORS = re.compile(r"[,;\s]+")


class LeadDaysError(ValueError):
    """Typed lead days that cannot be saved: ``problem`` says why, ``entry`` which one."""

    NOT_A_NUMBER = "not a number"
    OUT_OF_RANGE = "out of range"
    TOO_MANY = "too many"

    def __init__(self, problem: str, entry: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.entry = entry


def parse_typed(text: str, *, most: int | None = None) -> tuple[int, ...]:
    """Lead days as a person types them ("7, 1 0"; commas, semicolons or spaces).

    Ascending and deduplicated; blank text is (). Raises :class:`LeadDaysError`
    for the first entry that is not a whole number (checked for all entries
    first: "61, x" is about "x"), then for one over :data:`MAX_LEAD_DAYS`, then
    when there are more than ``most``. ``isascii`` too: "²" passes ``isdigit``.
    """
    parts = [p for p in _SEPARATORS.split(text.strip()) if p]
    for part in parts:
        if not (part.isascii() and part.isdigit()):
            raise LeadDaysError(LeadDaysError.NOT_A_NUMBER, part)
    for part in parts:
        if int(part) > MAX_LEAD_DAYS:
            raise LeadDaysError(LeadDaysError.OUT_OF_RANGE, part)
    days = tuple(sorted({int(p) for p in parts}))
    if most is not None and len(days) > most:
        raise LeadDaysError(LeadDaysError.TOO_MANY)
    return days


@lru_cache(maxsize=256)
def parse_stored(text: str) -> tuple[int, ...]:
    """'7,0' as stored -> (0, 7); '' -> () (muted).

    A hand-edited value gives what the reminder engine honours: entries that
    are not numbers, or leads over :data:`MAX_LEAD_DAYS`, are ignored.
    """
    leads = set()
    for part in text.split(","):
        part = part.strip()
        if part.isascii() and part.isdigit() and int(part) <= MAX_LEAD_DAYS:
            leads.add(int(part))
    return tuple(sorted(leads))
