"""Table models of the import wizard: the file's first rows, and the dry run row by row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    """The header and the first rows of a file, as read with the current choices."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._header: tuple[str, ...] = ()
        self._rows: tuple[tuple[str, ...], ...] = ()

    def set_table(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        width = max([len(header), *(len(r) for r in rows)]) if (header or rows) else 0
        self._header = tuple(header) + ("",) * (width - len(header))
        self._rows = tuple(tuple(r) + ("",) * (width - len(r)) for r in rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._header)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._rows[index.row()][index.column()]
            if role == Qt.ItemDataRole.DisplayRole and len(value) > 200:
                return value[:200] + "…"
            return value
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._header[section] if 0 <= section < len(self._header) else None
        return str(section + 2)  # the spreadsheet row: the header is row 1


class OutcomeModel(QAbstractTableModel):
    """One line per imported row: its number, what happens to it, and why."""

    COLUMNS = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: tuple[tuple[str, str, str], ...] = ()
        self._titles: tuple[str, str, str] = (
            self.tr("Row"),
            self.tr("Result"),
            self.tr("Details"),
        )
        self._errors: frozenset[int] = frozenset()

    def set_lines(self, lines: Sequence[tuple[str, str, str]], errors: Sequence[int] = ()) -> None:
        self.beginResetModel()
        self._lines = tuple(lines)
        self._errors = frozenset(errors)
        self.endResetModel()

    def line(self, row: int) -> tuple[str, str, str]:
        return self._lines[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._lines):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._lines[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self._titles[section] if 0 <= section < self.COLUMNS else None
