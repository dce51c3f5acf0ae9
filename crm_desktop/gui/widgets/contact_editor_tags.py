"""Tags as a comma-separated line with completion of the tag being typed.

Why a line edit and not chips: it is fast with the keyboard, pastes and
copies as plain text, and reads well to a screen reader. The completer
works on the text after the last comma only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.text import NAME_MAX, clean_text
from crm_desktop.gui.widgets.contact_editor_fields import problem, tr


class TagCompleter(QCompleter):
    """Completes the last comma-separated part and keeps the parts before it."""

    def __init__(self, edit: QLineEdit) -> None:
        self._names = QStringListModel()
        super().__init__(self._names, edit)
        self._edit = edit
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchStartsWith)

    def set_names(self, names: Sequence[str]) -> None:
        self._names.setStringList(list(names))

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        head, sep, _ = self._edit.text().rpartition(",")
        name = str(index.data())
        return f"{head}{sep} {name}, " if sep else f"{name}, "


class TagEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.completer_ = TagCompleter(self)
        self.setCompleter(self.completer_)
        self.setPlaceholderText(tr("Comma-separated, e.g. vip, newsletter"))

    def set_known_tags(self, names: Sequence[str]) -> None:
        self.completer_.set_names(names)

    def tags(self) -> tuple[str, ...]:
        parts = (part.strip() for part in self.text().split(","))
        return tuple(dict.fromkeys(part for part in parts if part))

    def set_tags(self, tags: Sequence[str]) -> None:
        self.setText(", ".join(tags))

    def message(self) -> str | None:
        label = tr("Tag")
        for tag in self.tags():
            try:
                clean_text(tag, field=label, max_length=NAME_MAX)
            except ValidationError as exc:
                return problem(label, exc)
        return None
