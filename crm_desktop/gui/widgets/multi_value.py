"""Lists of rows the user adds and removes: e-mails, phones (and, by subclassing, more).

Each row owns its inputs, its error line and its checks; the list keeps the
rows in visual order and repairs the tab order after every add or remove
(a widget created later would otherwise sit at the end of the focus chain).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from itertools import pairwise
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.text import SHORT_TEXT_MAX
from crm_desktop.gui.widgets.contact_editor_fields import (
    ErrorLabel,
    FieldCheck,
    LabelCombo,
    problem,
    remove_button,
    text_check,
)
from crm_desktop.services.dto import LabeledValue


class EditorRow(QWidget):
    """One removable row; subclasses fill ``checks`` and say which inputs take focus."""

    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checks: list[FieldCheck] = []

    def inputs(self) -> list[QWidget]:
        raise NotImplementedError

    def state(self) -> Hashable:
        raise NotImplementedError

    def first_input(self) -> QWidget:
        return self.inputs()[0]


R = TypeVar("R", bound=EditorRow)


class RowList(QWidget, Generic[R]):
    """A titled list of rows with an "Add" button and a list-wide error line."""

    changed = Signal()

    def __init__(
        self, title: str, add_text: str, empty_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        header = QHBoxLayout()
        self.title = QLabel(title, self)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.add_button = QPushButton(add_text, self)
        self.add_button.setAutoDefault(False)
        self.add_button.setAccessibleName(add_text)
        self.add_button.clicked.connect(self._add_clicked)
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.add_button)
        layout.addLayout(header)
        self.empty = QLabel(empty_text, self)
        self.empty.setEnabled(False)
        layout.addWidget(self.empty)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(4)
        layout.addLayout(self._rows_layout)
        self.error = ErrorLabel(title, self)
        layout.addWidget(self.error)

    # -- rows ------------------------------------------------------------------

    def make_row(self) -> R:
        raise NotImplementedError

    def add_row(self) -> R:
        row = self.make_row()
        row.remove_requested.connect(self.remove_row)
        self._rows_layout.addWidget(row)
        self._rows.append(row)
        self._rows_changed()
        return row

    def remove_row(self, row: R) -> None:
        index = self._rows.index(row)
        self._rows.remove(row)
        row.hide()
        row.setParent(None)
        row.deleteLater()
        self._rows_changed()
        if self._rows:
            self._rows[min(index, len(self._rows) - 1)].first_input().setFocus()
        else:
            self.add_button.setFocus()

    def clear_rows(self) -> None:
        for row in list(self._rows):
            self._rows.remove(row)
            row.setParent(None)
            row.deleteLater()
        self._rows_changed()

    def rows(self) -> list[R]:
        return list(self._rows)

    def checks(self) -> list[FieldCheck]:
        return [check for row in self._rows for check in row.checks]

    def state(self) -> Hashable:
        return tuple(row.state() for row in self._rows)

    def focus_target(self) -> QWidget:
        return self._rows[0].first_input() if self._rows else self.add_button

    def _add_clicked(self) -> None:
        self.add_row().first_input().setFocus()

    def _rows_changed(self) -> None:
        self.empty.setVisible(not self._rows)
        self.error.clear_all()
        chain = [self.add_button] + [w for row in self._rows for w in row.inputs()]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.changed.emit()


class LabeledValueRow(EditorRow):
    """A label combo, the value and a remove button; the problem shows underneath."""

    def __init__(
        self,
        keys: Sequence[str],
        field_label: str,
        placeholder: str,
        parse: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.label = LabelCombo(keys, self.tr("%1 label").replace("%1", field_label), self)
        self.value = QLineEdit(self)
        self.value.setPlaceholderText(placeholder)
        self.value.setAccessibleName(field_label)
        self.remove = remove_button(self.tr("Remove %1").replace("%1", field_label), self)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.error = ErrorLabel(field_label, self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.label, 0, 0)
        grid.addWidget(self.value, 0, 1)
        grid.addWidget(self.remove, 0, 2)
        grid.addWidget(self.error, 1, 1)
        grid.setColumnStretch(1, 1)

        def validate_value() -> str | None:
            if not self.value.text().strip():
                return None  # a blank row is ignored on save
            try:
                parse(self.value.text())
            except ValidationError as exc:
                return problem(field_label, exc)
            return None

        label_name = self.tr("Label")
        self.checks = [
            FieldCheck(
                self.label, self.error, text_check(self.label, label_name, limit=SHORT_TEXT_MAX)
            ),
            FieldCheck(self.value, self.error, validate_value),
        ]

    def inputs(self) -> list[QWidget]:
        return [self.label, self.value, self.remove]

    def first_input(self) -> QWidget:
        return self.value

    def state(self) -> Hashable:
        return (self.label.currentText(), self.value.text())

    def set_item(self, item: LabeledValue) -> None:
        self.label.set_value(item.label)
        self.value.setText(item.value)

    def item(self) -> LabeledValue | None:
        if not self.value.text().strip():
            return None
        return LabeledValue(self.value.text(), self.label.value())


class LabeledValueList(RowList[LabeledValueRow]):
    """E-mail addresses or phone numbers."""

    def __init__(
        self,
        title: str,
        add_text: str,
        empty_text: str,
        field_label: str,
        placeholder: str,
        keys: Sequence[str],
        parse: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        self._field_label = field_label
        self._placeholder = placeholder
        self._keys = keys
        self._parse = parse
        super().__init__(title, add_text, empty_text, parent)

    def make_row(self) -> LabeledValueRow:
        return LabeledValueRow(self._keys, self._field_label, self._placeholder, self._parse, self)

    def set_items(self, items: Sequence[LabeledValue]) -> None:
        self.clear_rows()
        for item in items:
            self.add_row().set_item(item)

    def items(self) -> tuple[LabeledValue, ...]:
        return tuple(item for row in self._rows if (item := row.item()) is not None)
