"""Dates whose year may be unknown: the birthday and other important dates.

Why day + month + optional year instead of a date picker: a calendar widget
always has a year, and inventing one (1900, 1604) leaks into ages and
sorting. Three small inputs say plainly that the year is optional, and
29 February without a year is accepted (someone may be born on a leap day).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from PySide6.QtCore import QLocale, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from crm_desktop.domain.dates import PartialDate
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.text import NAME_MAX
from crm_desktop.gui.widgets.contact_editor_fields import (
    ErrorLabel,
    FieldCheck,
    problem,
    remove_button,
    text_check,
    tr,
)
from crm_desktop.gui.widgets.multi_value import EditorRow, RowList
from crm_desktop.services.dto import ImportantDate


class PartialDateEdit(QWidget):
    """Day, month and an optional year; all three empty means "no date"."""

    changed = Signal()

    def __init__(self, field_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field_label = field_label
        self.day = QSpinBox(self)
        self.day.setRange(0, 31)
        self.day.setSpecialValueText(self.tr("day"))
        self.day.setAccessibleName(self.tr("%1 day").replace("%1", field_label))
        self.day.setMinimumWidth(70)
        self.month = QComboBox(self)
        self.month.addItem(self.tr("month"), 0)
        locale = QLocale()
        for m in range(1, 13):
            self.month.addItem(locale.standaloneMonthName(m, QLocale.FormatType.LongFormat), m)
        self.month.setAccessibleName(self.tr("%1 month").replace("%1", field_label))
        self.year = QLineEdit(self)
        self.year.setPlaceholderText(self.tr("year (optional)"))
        self.year.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), self.year)
        )
        self.year.setAccessibleName(self.tr("%1 year (optional)").replace("%1", field_label))
        self.year.setMaximumWidth(130)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.day)
        layout.addWidget(self.month, 1)
        layout.addWidget(self.year)
        self.day.valueChanged.connect(self.changed)
        self.month.currentIndexChanged.connect(self.changed)
        self.year.textChanged.connect(self.changed)

    def inputs(self) -> list[QWidget]:
        return [self.day, self.month, self.year]

    def is_blank(self) -> bool:
        return self.day.value() == 0 and self.month.currentIndex() == 0 and not self.year.text()

    def state(self) -> Hashable:
        return (self.day.value(), self.month.currentIndex(), self.year.text())

    def value(self) -> PartialDate | None:
        """The date, None when blank; raises ValidationError naming this field."""
        if self.is_blank():
            return None
        day, month, year = self.day.value(), int(self.month.currentData()), self.year.text()
        if day == 0 or month == 0:
            raise ValidationError(self.field_label, tr("needs both a day and a month"))
        if year and len(year) != 4:
            raise ValidationError(
                self.field_label,
                tr("has a year that is not four digits; leave it empty if unknown"),
            )
        try:
            return PartialDate(month=month, day=day, year=int(year) if year else None)
        except ValidationError as exc:
            raise ValidationError(self.field_label, exc.message) from None

    def set_value(self, value: PartialDate | None) -> None:
        self.day.setValue(value.day if value else 0)
        self.month.setCurrentIndex(value.month if value else 0)
        self.year.setText(str(value.year) if value and value.year is not None else "")

    def message(self) -> str | None:
        try:
            self.value()
        except ValidationError as exc:
            return problem(self.field_label, exc)
        return None


def date_checks(edit: PartialDateEdit, error: ErrorLabel) -> list[FieldCheck]:
    """One check for the whole date, run when leaving any of its three parts."""
    return [FieldCheck(edit.year, error, edit.message, extra=(edit.day, edit.month))]


class ImportantDateRow(EditorRow):
    """ "Anniversary, 12 June 2010": a label and a date whose year is optional."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLineEdit(self)
        self.label.setPlaceholderText(self.tr("What, e.g. anniversary"))
        self.label.setAccessibleName(self.tr("Date label"))
        self.date = PartialDateEdit(self.tr("Date"), self)
        self.remove = remove_button(self.tr("Remove date"), self)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.error = ErrorLabel(self.tr("Date"), self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.label, 0, 0)
        grid.addWidget(self.date, 0, 1)
        grid.addWidget(self.remove, 0, 2)
        grid.addWidget(self.error, 1, 0, 1, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        label_name = self.tr("Date label")
        plain_label = text_check(self.label, label_name, limit=NAME_MAX)

        def validate_label() -> str | None:
            if not self.label.text().strip() and not self.date.is_blank():
                return problem(label_name, ValidationError(label_name, tr("is required")))
            return plain_label()

        def validate_date() -> str | None:
            if self.date.is_blank() and self.label.text().strip():
                return problem(self.tr("Date"), ValidationError("", tr("needs a day and a month")))
            return self.date.message()

        self.checks = [
            FieldCheck(self.label, self.error, validate_label),
            FieldCheck(
                self.date.year, self.error, validate_date, extra=(self.date.day, self.date.month)
            ),
        ]

    def inputs(self) -> list[QWidget]:
        return [self.label, *self.date.inputs(), self.remove]

    def first_input(self) -> QWidget:
        return self.label

    def state(self) -> Hashable:
        return (self.label.text(), self.date.state())

    def set_item(self, item: ImportantDate) -> None:
        self.label.setText(item.label)
        self.date.set_value(item.date)

    def item(self) -> ImportantDate | None:
        value = self.date.value()
        if value is None or not self.label.text().strip():
            return None
        return ImportantDate(self.label.text(), value)


class ImportantDateList(RowList[ImportantDateRow]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Other important dates"),
            tr("Add date"),
            tr("No other dates. Add anniversaries, name days or the start of a contract."),
            parent,
        )

    def make_row(self) -> ImportantDateRow:
        return ImportantDateRow(self)

    def set_items(self, items: Sequence[ImportantDate]) -> None:
        self.clear_rows()
        for item in items:
            self.add_row().set_item(item)

    def items(self) -> tuple[ImportantDate, ...]:
        return tuple(d for row in self._rows if (d := row.item()) is not None)
