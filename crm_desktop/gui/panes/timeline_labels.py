"""Translated labels and colours for interaction kinds, outcomes, directions and deal steps.

The stored values are stable English keys (``domain.choices``); what the user
reads comes from here, through ``QCoreApplication.translate`` with literal
strings so ``pyside6-lupdate`` extracts them. Unknown values (a kind typed by
hand in an import) are shown as stored.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from crm_desktop.domain.choices import Direction, InteractionKind, Outcome


def kind_labels() -> dict[str, str]:
    return {
        InteractionKind.CALL: QCoreApplication.translate("Timeline", "Call"),
        InteractionKind.MEETING: QCoreApplication.translate("Timeline", "Meeting"),
        InteractionKind.EMAIL: QCoreApplication.translate("Timeline", "E-mail"),
        InteractionKind.MESSAGE: QCoreApplication.translate("Timeline", "Message"),
        InteractionKind.VISIT: QCoreApplication.translate("Timeline", "Visit"),
        InteractionKind.NOTE: QCoreApplication.translate("Timeline", "Note"),
        InteractionKind.PURCHASE: QCoreApplication.translate("Timeline", "Purchase"),
        InteractionKind.VIDEO_CALL: QCoreApplication.translate("Timeline", "Video call"),
        InteractionKind.SOCIAL: QCoreApplication.translate("Timeline", "Social media"),
    }


def outcome_labels() -> dict[str, str]:
    return {
        Outcome.SUCCESSFUL: QCoreApplication.translate("Timeline", "Successful"),
        Outcome.UNSUCCESSFUL: QCoreApplication.translate("Timeline", "Unsuccessful"),
        Outcome.NO_ANSWER: QCoreApplication.translate("Timeline", "No answer"),
        Outcome.FOLLOW_UP_NEEDED: QCoreApplication.translate("Timeline", "Follow-up needed"),
        Outcome.LEFT_MESSAGE: QCoreApplication.translate("Timeline", "Left a message"),
        Outcome.RESCHEDULED: QCoreApplication.translate("Timeline", "Rescheduled"),
        Outcome.NEUTRAL: QCoreApplication.translate("Timeline", "Neutral"),
    }


def direction_labels() -> dict[str, str]:
    return {
        Direction.INBOUND: QCoreApplication.translate("Timeline", "Incoming"),
        Direction.OUTBOUND: QCoreApplication.translate("Timeline", "Outgoing"),
    }


def kind_label(kind: str) -> str:
    return kind_labels().get(kind, kind)


def outcome_label(outcome: str) -> str:
    return outcome_labels().get(outcome, outcome)


def direction_label(direction: str) -> str:
    return direction_labels().get(direction, direction)


def deal_outcome_label(kind: str) -> str:
    """ "Won" or "Lost" for a closing step of a deal; other steps as stored."""
    names = {
        "won": QCoreApplication.translate("Timeline", "Won"),
        "lost": QCoreApplication.translate("Timeline", "Lost"),
    }
    return names.get(kind, kind)


def probability_label(percent: int) -> str:
    return QCoreApplication.translate("Timeline", "Probability %1%").replace("%1", str(percent))


def duration_label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return QCoreApplication.translate("Timeline", "%1 min").replace("%1", str(rest))
    if not rest:
        return QCoreApplication.translate("Timeline", "%1 h").replace("%1", str(hours))
    return (
        QCoreApplication.translate("Timeline", "%1 h %2 min")
        .replace("%1", str(hours))
        .replace("%2", str(rest))
    )


def kind_icon_name(kind: str) -> str:
    """The icon file for a kind; unknown kinds get the note icon."""
    return f"kind-{kind}" if kind in set(InteractionKind) else "kind-note"


# Light palette colours have >= 4.5:1 contrast on white; dark ones on #202124.
_GOOD = ("#1b7d3a", "#6fcf86")
_BAD = ("#c62828", "#ff7b72")
_WAIT = ("#a35c00", "#f2b64a")

_OUTCOME_TONE: dict[str, tuple[str, str]] = {
    Outcome.SUCCESSFUL: _GOOD,
    Outcome.UNSUCCESSFUL: _BAD,
    Outcome.NO_ANSWER: _WAIT,
    Outcome.FOLLOW_UP_NEEDED: _WAIT,
    Outcome.LEFT_MESSAGE: _WAIT,
    Outcome.RESCHEDULED: _WAIT,
    "won": _GOOD,
    "lost": _BAD,
}


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def outcome_color(outcome: str | None, *, dark: bool | None = None) -> QColor | None:
    """Green for success, red for failure, amber for waiting; None for neutral or none."""
    tone = _OUTCOME_TONE.get(outcome or "")
    if tone is None:
        return None
    return QColor(tone[1] if (is_dark() if dark is None else dark) else tone[0])


def accent_color(*, dark: bool | None = None) -> QColor:
    """The "needs attention" colour (losing touch)."""
    return outcome_color(Outcome.NO_ANSWER, dark=dark) or QColor(_WAIT[0])
