"""Default vocabularies for fields that offer a fixed list.

Why StrEnum: the value is what we store in SQLite and write to exports, so
it must be a stable, readable, untranslated key; the GUI maps each member to
a translated label. Renaming a value needs a data migration; adding one
does not.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

__all__ = [
    "DEFAULT_PIPELINE_STAGES",
    "DEFAULT_RELATIONSHIP_STATUSES",
    "DEFAULT_REMINDER_MINUTES",
    "REMINDER_OFFSET_CHOICES_MINUTES",
    "Channel",
    "DealStatus",
    "Direction",
    "EventKind",
    "EventStatus",
    "InteractionKind",
    "Outcome",
    "TaskPriority",
]


class InteractionKind(StrEnum):
    CALL = "call"
    MEETING = "meeting"
    EMAIL = "email"
    MESSAGE = "message"
    VISIT = "visit"
    NOTE = "note"
    PURCHASE = "purchase"
    VIDEO_CALL = "video_call"
    SOCIAL = "social"


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class Outcome(StrEnum):
    SUCCESSFUL = "successful"
    UNSUCCESSFUL = "unsuccessful"
    NO_ANSWER = "no_answer"
    FOLLOW_UP_NEEDED = "follow_up_needed"
    LEFT_MESSAGE = "left_message"
    RESCHEDULED = "rescheduled"
    NEUTRAL = "neutral"


class EventKind(StrEnum):
    MEETING = "meeting"
    CALL = "call"
    FOLLOW_UP = "follow_up"


class EventStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"
    MISSED = "missed"


class Channel(StrEnum):
    """Preferred way to reach a contact."""

    EMAIL = "email"
    PHONE = "phone"
    SMS = "sms"
    MESSENGER = "messenger"
    IN_PERSON = "in_person"
    POST = "post"


class DealStatus(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class TaskPriority(IntEnum):
    """An integer so that ORDER BY priority DESC sorts by urgency in SQL."""

    NONE = 0
    LOW = 1
    NORMAL = 2
    HIGH = 3


# User-editable lists seeded on first run; stored as rows, not enums,
# because every business names its stages differently.
DEFAULT_RELATIONSHIP_STATUSES: tuple[str, ...] = (
    "lead",
    "prospect",
    "customer",
    "loyal",
    "inactive",
)

# (stage name, default win probability in percent) in pipeline order.
DEFAULT_PIPELINE_STAGES: tuple[tuple[str, int], ...] = (
    ("qualification", 10),
    ("needs analysis", 25),
    ("proposal", 50),
    ("negotiation", 75),
)

# Minutes before an event: at start, 5/10/15/30 min, 1 h, 2 h, 1 day, 1 week.
REMINDER_OFFSET_CHOICES_MINUTES: tuple[int, ...] = (0, 5, 10, 15, 30, 60, 120, 1440, 10080)
DEFAULT_REMINDER_MINUTES = 15
