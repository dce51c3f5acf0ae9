"""A save the disk refused (full disk, read-only data folder), told to the user once.

The worker's :attr:`~crm_desktop.gui.tasks.TaskRunner.write_failed` carries
the exception; this shows a translated line in the status bar every time
and a non-modal message box once per kind, so a user clicking through the
window is not stopped by a dialog per click. Nothing else changes: the
transaction rolled back, the data on disk is intact and every pane keeps
reading.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from crm_desktop.gui.tasks import TaskRunner
from crm_desktop.storage.errors import is_disk_full, is_read_only

STATUS_TIMEOUT_MS = 30_000


class Refusal(Enum):
    DISK_FULL = "disk-full"
    READ_ONLY = "read-only"


def refusal_of(error: BaseException) -> Refusal | None:
    """Which kind of refused write ``error`` is, if any."""
    if is_disk_full(error):
        return Refusal.DISK_FULL
    if is_read_only(error):
        return Refusal.READ_ONLY
    return None


class StorageErrorNotifier(QObject):
    """Turns a refused write into a status-bar line and, once per kind, a message box."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._told: set[Refusal] = set()
        self.box: QMessageBox | None = None

    def message(self, error: BaseException) -> str | None:
        """The translated message for ``error``, or ``None`` if it is not a refused write."""
        kind = refusal_of(error)
        if kind is Refusal.DISK_FULL:
            return self.tr(
                "The disk is full: nothing was saved. Free some space and try again. "
                "Your existing data is intact."
            )
        if kind is Refusal.READ_ONLY:
            return self.tr(
                "The data folder is read-only: nothing was saved. Make it writable and try "
                "again. Your existing data is intact and can still be read."
            )
        return None

    def show(self, error: object) -> bool:
        """Tell the user about ``error``; ``False`` (and nothing shown) if it is not ours."""
        if not isinstance(error, BaseException):
            return False
        kind = refusal_of(error)
        text = self.message(error)
        if kind is None or text is None:
            return False
        self.window.statusBar().showMessage(text, STATUS_TIMEOUT_MS)
        if kind not in self._told:
            self._told.add(kind)
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Not saved"),
                text,
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setWindowModality(Qt.WindowModality.NonModal)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.show()  # never exec(): the window stays usable for reading
            self.box = box
        return True


def install(runner: TaskRunner, window: QMainWindow) -> StorageErrorNotifier:
    """Show every refused mutation of ``runner`` in ``window``; call once at start."""
    notifier = StorageErrorNotifier(window)
    runner.write_failed.connect(notifier.show)
    return notifier
