"""Default vocabularies: stored values must not drift by accident."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from crm_desktop.domain.choices import (
    DEFAULT_PIPELINE_STAGES,
    DEFAULT_RELATIONSHIP_STATUSES,
    DEFAULT_REMINDER_MINUTES,
    REMINDER_OFFSET_CHOICES_MINUTES,
    Channel,
    DealStatus,
    Direction,
    EventKind,
    EventStatus,
    InteractionKind,
    Outcome,
    TaskPriority,
)


def test_stored_values() -> None:
    assert [k.value for k in InteractionKind] == [
        "call",
        "meeting",
        "email",
        "message",
        "visit",
        "note",
        "purchase",
        "video_call",
        "social",
    ]
    assert [d.value for d in Direction] == ["inbound", "outbound"]
    assert [o.value for o in Outcome] == [
        "successful",
        "unsuccessful",
        "no_answer",
        "follow_up_needed",
        "left_message",
        "rescheduled",
        "neutral",
    ]
    assert [k.value for k in EventKind] == ["meeting", "call", "follow_up"]
    assert [s.value for s in EventStatus] == ["planned", "held", "cancelled", "missed"]
    assert [c.value for c in Channel] == ["email", "phone", "sms", "messenger", "in_person", "post"]
    assert [s.value for s in DealStatus] == ["open", "won", "lost"]
    assert InteractionKind("video_call") is InteractionKind.VIDEO_CALL
    assert f"{Outcome.NO_ANSWER}" == "no_answer"


def test_task_priority_sorts_by_urgency() -> None:
    assert [int(p) for p in TaskPriority] == [0, 1, 2, 3]
    assert TaskPriority.HIGH > TaskPriority.NORMAL > TaskPriority.LOW > TaskPriority.NONE


def test_default_lists() -> None:
    assert DEFAULT_RELATIONSHIP_STATUSES == ("lead", "prospect", "customer", "loyal", "inactive")
    assert DEFAULT_PIPELINE_STAGES[0] == ("qualification", 10)
    assert ("negotiation", 75) in DEFAULT_PIPELINE_STAGES
    probabilities = [p for _, p in DEFAULT_PIPELINE_STAGES]
    assert probabilities == sorted(probabilities) and all(0 < p < 100 for p in probabilities)
    assert REMINDER_OFFSET_CHOICES_MINUTES == (0, 5, 10, 15, 30, 60, 120, 1440, 10080)
    assert DEFAULT_REMINDER_MINUTES in REMINDER_OFFSET_CHOICES_MINUTES


def test_domain_imports_no_qt_or_sql() -> None:
    """The domain layer must stay importable without Qt or a database."""
    code = (
        "import sys\n"
        "import crm_desktop.domain.choices, crm_desktop.domain.contact_points\n"
        "import crm_desktop.domain.dates, crm_desktop.domain.durations\n"
        "import crm_desktop.domain.money, crm_desktop.domain.recurrence\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "    {'PySide6', 'sqlalchemy', 'sqlmodel', 'sqlite3', 'crm_desktop'} and\n"
        "    not m.startswith('crm_desktop.domain') and m != 'crm_desktop')\n"
        "print(','.join(bad))\n"
    )
    repo_root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
        cwd=repo_root,
    )
    assert result.stdout.strip() == ""
