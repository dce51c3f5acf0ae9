"""A small dialog to correct one interaction: kind, outcome, when, duration, direction, text.

It edits a full :class:`InteractionRow` (fetched with ``interactions.get``, so
participants and attachments survive the update) and returns the input to
save; the caller runs the save through the task runner.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from crm_desktop.domain.dates import localize
from crm_desktop.domain.text import SHORT_TEXT_MAX
from crm_desktop.gui.panes import timeline_labels as labels
from crm_desktop.services.dto import InteractionInput, InteractionRow

MAX_MINUTES = 7 * 24 * 60


def _combo(
    parent: QWidget, items: dict[str, str], current: str | None, none: str | None
) -> QComboBox:
    combo = QComboBox(parent)
    if none is not None:
        combo.addItem(none, None)
    for value, label in items.items():
        combo.addItem(label, str(value))
    if current is not None and combo.findData(current) < 0:
        combo.addItem(current, current)  # a value from an import we have no label for
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class InteractionEditDialog(QDialog):
    def __init__(self, row: InteractionRow, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.zone = zone
        self.setWindowTitle(self.tr("Edit interaction"))
        self.setAccessibleName(self.tr("Edit interaction"))
        self.kind = _combo(self, labels.kind_labels(), row.kind, None)
        self.kind.setAccessibleName(self.tr("Kind"))
        self.outcome = _combo(self, labels.outcome_labels(), row.outcome, self.tr("—"))
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.direction = _combo(self, labels.direction_labels(), row.direction, self.tr("—"))
        self.direction.setAccessibleName(self.tr("Direction"))
        local = row.occurred_at.astimezone(zone)
        self.when = QDateTimeEdit(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)),
            self,
        )
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setAccessibleName(self.tr("When"))
        self.duration = QSpinBox(self)
        self.duration.setRange(0, MAX_MINUTES)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setSpecialValueText(self.tr("—"))
        self.duration.setValue(row.duration_minutes or 0)
        self.duration.setAccessibleName(self.tr("Duration in minutes"))
        self.subject = QLineEdit(row.subject or "", self)
        self.subject.setMaxLength(SHORT_TEXT_MAX)
        self.subject.setAccessibleName(self.tr("Subject"))
        self.notes = QPlainTextEdit(row.notes or "", self)
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(self.tr("Notes"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Outcome:"), self.outcome)
        form.addRow(self.tr("&When:"), self.when)
        form.addRow(self.tr("D&uration:"), self.duration)
        form.addRow(self.tr("D&irection:"), self.direction)
        form.addRow(self.tr("&Subject:"), self.subject)
        form.addRow(self.tr("&Notes:"), self.notes)
        form.addRow(buttons)
        self.resize(420, 420)

    def occurred_at(self) -> datetime:
        value = self.when.dateTime()
        d, t = value.date(), value.time()
        wall = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
        if (wall.date(), wall.hour, wall.minute) == _minute(self.row.occurred_at, self.zone):
            return self.row.occurred_at  # untouched: keep the seconds
        return localize(wall, self.zone)

    def result_input(self) -> InteractionInput:
        return InteractionInput(
            contact_ids=self.row.contact_ids,
            kind=str(self.kind.currentData()),
            occurred_at=self.occurred_at(),
            direction=self.direction.currentData(),
            duration_minutes=self.duration.value() or None,
            subject=self.subject.text().strip() or None,
            notes=self.notes.toPlainText().strip() or None,
            outcome=self.outcome.currentData(),
            attachments=self.row.attachments,
        )


def _minute(at: datetime, zone: ZoneInfo) -> tuple[object, int, int]:
    local = at.astimezone(zone)
    return (local.date(), local.hour, local.minute)
