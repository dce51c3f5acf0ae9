"""The quick-log bar: kind, outcome, one text box; Enter saves.

Logging a call should cost a few seconds: Ctrl+L lands in the text box with
"Call" already chosen, the user types "Agreed on the offer", presses Enter.
The first line is the subject, further lines (Shift+Enter) the notes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.choices import InteractionKind
from crm_desktop.domain.text import SHORT_TEXT_MAX
from crm_desktop.gui import icons
from crm_desktop.gui.panes import timeline_labels as labels

MAX_LINES = 4


@dataclass(frozen=True, slots=True)
class QuickEntry:
    kind: str
    outcome: str | None
    subject: str | None
    notes: str | None


def split_text(text: str) -> tuple[str | None, str | None]:
    """First line -> subject, the rest -> notes; a first line too long for a subject is notes."""
    text = text.strip()
    if not text:
        return None, None
    first, _, rest = text.partition("\n")
    first, rest = first.strip(), rest.strip()
    if len(first) > SHORT_TEXT_MAX:
        return None, text
    return first or None, rest or None


class QuickText(QPlainTextEdit):
    """Enter submits, Shift+Enter starts a new line, Tab moves on; grows up to four lines."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if e.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.submitted.emit()
            return
        super().keyPressEvent(e)

    def _fit(self) -> None:
        lines = min(max(int(self.document().size().height()), 1), MAX_LINES)
        margin = int(self.document().documentMargin())
        frame = 2 * self.frameWidth() + 2 * margin + 2
        self.setFixedHeight(lines * self.fontMetrics().lineSpacing() + frame)
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if self.document().size().height() > MAX_LINES
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )

    def sizeHint(self) -> QSize:
        return QSize(240, self.height())


class QuickLogBar(QWidget):
    submitted = Signal(object)  # QuickEntry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickLogBar")
        self.kind = QComboBox(self)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind.setAccessibleName(self.tr("Interaction kind"))
        self.kind.setToolTip(self.tr("What kind of interaction to log"))
        for value, label in labels.kind_labels().items():
            if value != InteractionKind.PURCHASE:
                self.kind.addItem(icons.icon(labels.kind_icon_name(value)), label, str(value))
        self.outcome = QComboBox(self)
        self.outcome.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.setToolTip(self.tr("How it went"))
        self.outcome.addItem(self.tr("—"), None)
        for value, label in labels.outcome_labels().items():
            self.outcome.addItem(label, str(value))
        self.text = QuickText(self)
        self.text.setObjectName("quickLogText")
        self.text.setAccessibleName(self.tr("Interaction text"))
        self.text.setAccessibleDescription(
            self.tr("First line is the subject, further lines are notes; Enter saves")
        )
        # Short enough for a narrow card; the tooltip tells the rest.
        self.text.setPlaceholderText(self.tr("What happened? Enter saves"))
        self.text.setToolTip(self.tr("First line: subject. Shift+Enter adds lines of notes."))
        self.text.submitted.connect(self.submit)
        self.save = QToolButton(self)
        self.save.setIcon(icons.icon("interaction-log"))
        self.save.setText(self.tr("Log"))
        self.save.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.save.setAccessibleName(self.tr("Log interaction"))
        self.save.setToolTip(self.tr("Save this interaction (Enter)"))
        self.save.clicked.connect(self.submit)
        self.error = QLabel(self)
        self.error.setObjectName("quickLogError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.error.setAccessibleName(self.tr("Quick log message"))
        red = labels.outcome_color("unsuccessful")
        if red is not None:
            palette = self.error.palette()
            palette.setColor(QPalette.ColorRole.WindowText, red)
            self.error.setPalette(palette)

        choices = QHBoxLayout()
        choices.setContentsMargins(0, 0, 0, 0)
        choices.setSpacing(6)
        choices.addWidget(self.kind)
        choices.addWidget(self.outcome)
        choices.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.text, 1)
        row.addWidget(self.save, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(choices)
        layout.addLayout(row)
        layout.addWidget(self.error)
        QWidget.setTabOrder(self.kind, self.outcome)
        QWidget.setTabOrder(self.outcome, self.text)
        QWidget.setTabOrder(self.text, self.save)

    def focus_text(self) -> None:
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def entry(self) -> QuickEntry | None:
        subject, notes = split_text(self.text.toPlainText())
        if subject is None and notes is None:
            return None
        return QuickEntry(
            kind=str(self.kind.currentData()),
            outcome=self.outcome.currentData(),
            subject=subject,
            notes=notes,
        )

    def submit(self) -> None:
        entry = self.entry()
        if entry is None:
            self.show_error(self.tr("Type what happened first."))
            return
        self.submitted.emit(entry)

    def saved(self) -> None:
        """After a successful save: empty text and outcome, keep the kind for the next one."""
        self.text.clear()
        self.outcome.setCurrentIndex(0)
        self.show_error("")

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
