"""The crash dialog: plain words, a scrubbed report to copy, nothing sent anywhere.

Like Electrum's, it opens once per distinct traceback per session: an error
that repeats on every repaint must not bury the window under dialogs.
:class:`CrashReporter` may be called from any thread; a queued signal
brings the report to the GUI thread, where the dialog is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.crash_report import build_report, fingerprint


class CrashDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setMinimumSize(560, 380)
        heading = QLabel(
            self.tr(
                "<b>Something went wrong.</b><br>CRM Desktop ran into an error it did not expect."
                " Everything you saved before is safe. If the problem comes back, you can copy the"
                " report below and send it to the developers yourself: it names only places in"
                " the program, not your data. Nothing is sent anywhere automatically."
            ),
            self,
        )
        heading.setWordWrap(True)
        self.report = QPlainTextEdit(report, self)
        self.report.setReadOnly(True)
        self.report.setAccessibleName(self.tr("Error report"))
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy report"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)

    @Slot()
    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())
        self.copy_button.setText(self.tr("Copied"))


class CrashReporter(QObject):
    """Turns unhandled exceptions (from any thread) into one dialog per traceback."""

    _reported = Signal(str, str)  # fingerprint, report

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.seen: set[str] = set()
        self.dialogs: list[CrashDialog] = []  # open ones
        self.shown = 0
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def handle(self, exc: BaseException) -> None:
        """Safe from any thread: the report is built here, the dialog on the GUI thread."""
        self._reported.emit(fingerprint(exc), build_report(exc))

    @Slot(str, str)
    def _show(self, key: str, report: str) -> None:
        if key in self.seen:
            return
        self.seen.add(key)
        self.shown += 1
        dialog = CrashDialog(report)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        dialog.finished.connect(lambda _code, d=dialog: self._forget(d))
        self.dialogs.append(dialog)
        dialog.show()

    def _forget(self, dialog: CrashDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)
        dialog.deleteLater()
