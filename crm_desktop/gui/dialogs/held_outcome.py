"""Asks how a held meeting went, before it is logged as an interaction."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from crm_desktop.domain.choices import Outcome
from crm_desktop.gui.i18n import fmt


def outcome_labels() -> dict[str, str]:
    """Translated labels for the outcomes, in the order a user picks them."""
    return {
        Outcome.SUCCESSFUL: QCoreApplication.translate("HeldOutcome", "Successful"),
        Outcome.UNSUCCESSFUL: QCoreApplication.translate("HeldOutcome", "Unsuccessful"),
        Outcome.NO_ANSWER: QCoreApplication.translate("HeldOutcome", "No answer"),
        Outcome.FOLLOW_UP_NEEDED: QCoreApplication.translate("HeldOutcome", "Follow-up needed"),
        Outcome.LEFT_MESSAGE: QCoreApplication.translate("HeldOutcome", "Left a message"),
        Outcome.RESCHEDULED: QCoreApplication.translate("HeldOutcome", "Rescheduled"),
        Outcome.NEUTRAL: QCoreApplication.translate("HeldOutcome", "Neutral"),
    }


class HeldOutcomeDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mark meeting held"))
        self.setMinimumWidth(360)
        heading = QLabel(
            fmt(self.tr("How did “%1” go? It will be logged in the contacts' timeline."), title),
            self,
        )
        heading.setWordWrap(True)
        self.outcome = QComboBox(self)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        for value, label in outcome_labels().items():
            self.outcome.addItem(label, str(value))
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setPlaceholderText(self.tr("What was agreed, what comes next…"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(90)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log as held"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(heading)
        form.addRow(self.tr("&Outcome:"), self.outcome)
        form.addRow(self.tr("&Notes:"), self.notes)
        form.addRow(buttons)

    def selected_outcome(self) -> str:
        return str(self.outcome.currentData())

    def notes_text(self) -> str | None:
        return self.notes.toPlainText().strip() or None
