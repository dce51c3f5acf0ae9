"""What the window says when the database file cannot be opened, and what it offers.

A damaged file or one that is not a database at all is set aside first,
unchanged, exactly as the CLI's ``refusal`` does (a recovery tool may still
get customers out of it), so the next start is not stuck on it. The user
then chooses: the newest verified backup, an empty database, or quit.
A foreign file or one written by a newer version may be perfectly good
for its owner: it is never touched, and the only way on is Quit.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.gui.daily_backup import OffThread
from crm_desktop.gui.i18n import fmt
from crm_desktop.paths import AppPaths
from crm_desktop.storage.errors import (
    DamagedDatabaseError,
    ForeignDatabaseError,
    MigrationError,
    NewerSchemaError,
    NotADatabaseError,
    StorageError,
)

if TYPE_CHECKING:
    from crm_desktop.storage.backups import BackupInfo, RestoreResult


class Outcome(enum.Enum):
    QUIT = "quit"
    RESTORED = "restored"  # the newest verified backup is in place: open it
    EMPTY = "empty"  # nothing in place: open (and so create) an empty database


class DamagedFileDialog(QDialog):
    restored = Signal(object)  # RestoreResult, after the restore finished
    failed = Signal(str)  # the restore failed; the text says why

    def __init__(
        self,
        paths: AppPaths,
        error: StorageError,
        parent: QWidget | None = None,
        *,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.error = error
        self.outcome = Outcome.QUIT
        self.moved: Path | None = None
        self.newest: BackupInfo | None = None
        self.restore_result: RestoreResult | None = None
        self.erased_again = 0  # people erased in the damaged file, erased again after a restore
        self._move_error: str | None = None
        self._job = OffThread(self)
        self._job.done.connect(self._restore_done)
        if self.recoverable():
            self._set_aside(now or datetime.now(UTC))

        self.setWindowTitle(self.tr("The database could not be opened"))
        self.setObjectName("DamagedFileDialog")
        self.setAccessibleName(self.windowTitle())
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.message = QLabel(self.explanation(), self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(self.tr("What happened"))
        self.message.setMinimumWidth(460)
        self.message.setMaximumWidth(620)
        layout.addWidget(self.message)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Restoring the backup"))
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Progress"))
        self.status.hide()
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.restore_button = QPushButton(self)
        self.empty_button = QPushButton(self.tr("Start with an &empty database"), self)
        self.quit_button = QPushButton(self.tr("&Quit"), self)
        if self.newest is not None:
            when = self.newest.created.astimezone().strftime("%Y-%m-%d %H:%M")
            self.restore_button.setText(
                fmt(self.tr("&Restore the newest verified backup (%1)"), when)
            )
        self.restore_button.setAccessibleName(self.tr("Restore the newest verified backup"))
        self.empty_button.setAccessibleName(self.tr("Start with an empty database"))
        self.quit_button.setAccessibleName(self.tr("Quit"))
        self.restore_button.clicked.connect(self.start_restore)
        self.empty_button.clicked.connect(self.start_empty)
        self.quit_button.clicked.connect(self.reject)
        offers = self.moved is not None
        self.restore_button.setVisible(offers and self.newest is not None)
        self.empty_button.setVisible(offers)
        for button in (self.restore_button, self.empty_button, self.quit_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        (self.restore_button if self.restore_button.isVisible() else self.quit_button).setDefault(
            True
        )

    # -- what happened -----------------------------------------------------------------------

    def recoverable(self) -> bool:
        """Damaged or not a database: set aside, and the app can go on without it."""
        return isinstance(self.error, DamagedDatabaseError | NotADatabaseError)

    def _set_aside(self, now: datetime) -> None:
        from crm_desktop.storage.set_aside import file_set, newest_verified_backup, set_aside

        try:
            if file_set(self.error.path):
                self.moved = set_aside(self.error.path, self.paths.quarantine_dir, now)
        except OSError as exc:  # e.g. another file system: never copy and delete instead
            self._move_error = exc.strerror or type(exc).__name__
            return
        self.newest = newest_verified_backup(self.paths)

    def explanation(self) -> str:
        path = str(self.error.path)
        error = self.error
        if isinstance(error, NotADatabaseError):
            what = fmt(
                self.tr("The file %1 is not a CRM Desktop database: it is not a database at all."),
                path,
            )
        elif isinstance(error, DamagedDatabaseError):
            what = fmt(self.tr("The database file %1 is damaged and cannot be read."), path)
        elif isinstance(error, ForeignDatabaseError):
            return fmt(
                self.tr(
                    "The file %1 is a database of another program, not of CRM Desktop.\n\n"
                    "It was left where it is, unchanged. Move it elsewhere, or start CRM "
                    "Desktop with another data folder (crm-desktop --data-dir FOLDER)."
                ),
                path,
            )
        elif isinstance(error, NewerSchemaError):
            return fmt(
                self.tr(
                    "The database %1 was written by a newer version of CRM Desktop. Opening "
                    "it with this version could lose data, so it was left unchanged.\n\n"
                    "Install the newer version of CRM Desktop to open it."
                ),
                path,
            )
        elif isinstance(error, MigrationError):
            return fmt(
                self.tr(
                    "The database %1 could not be upgraded to this version. The upgrade "
                    "was undone; nothing was lost.\n\n%2"
                ),
                path,
                error.message,
            )
        else:
            return fmt(self.tr("The database %1 could not be opened.\n\n%2"), path, error.message)
        if self.moved is None:
            reason = self._move_error or self.tr("the file is gone")
            return fmt(
                self.tr("%1\n\nIt could not be moved out of the way (%2) and was left unchanged."),
                what,
                reason,
            )
        kept = fmt(
            self.tr(
                "%1\n\nNothing in it was changed or deleted: the file was moved to %2, where "
                "a recovery tool may still read it."
            ),
            what,
            str(self.moved),
        )
        if self.newest is None:
            return fmt(
                self.tr("%1\n\nThere is no verified backup. You can start with an empty database."),
                kept,
            )
        return fmt(
            self.tr(
                "%1\n\nThe newest verified backup was made on %2. You can restore it, or "
                "start with an empty database."
            ),
            kept,
            self.newest.created.astimezone().strftime("%Y-%m-%d %H:%M"),
        )

    # -- the choices -------------------------------------------------------------------------

    def restore_newest(self) -> RestoreResult:
        """Put the newest verified backup in place (any thread; the file set is aside).

        Whoever was erased in the damaged file since the backup was made is
        erased again (its ledger is read, never written, where it was set aside).
        """
        from crm_desktop.services.restore import erase_again, restore_backup
        from crm_desktop.storage.database import open_database

        if self.newest is None or self.moved is None:
            raise RuntimeError("nothing to restore")
        paths = self.paths
        result, pending = restore_backup(paths, self.newest.id)
        db = open_database(paths.database, backup_dir=paths.backup_dir)
        try:
            self.erased_again = erase_again(db, pending)
        finally:
            db.close()
        return result

    def start_restore(self) -> None:
        if self._job.busy:
            return
        for button in (self.restore_button, self.empty_button, self.quit_button):
            button.setEnabled(False)
        self.progress.show()
        self.status.setText(self.tr("Restoring the backup…"))
        self.status.show()
        self._job.start(self.restore_newest, name="crm-restore")

    def start_empty(self) -> None:
        self.outcome = Outcome.EMPTY
        self.accept()

    def _restore_done(self, value: object, error: object) -> None:
        self.progress.hide()
        if isinstance(error, BaseException):
            text = str(error) or type(error).__name__
            self.status.setText(fmt(self.tr("The backup could not be restored: %1"), text))
            for button in (self.restore_button, self.empty_button, self.quit_button):
                button.setEnabled(True)
            self.failed.emit(text)
            return
        self.restore_result = value  # type: ignore[assignment]
        self.outcome = Outcome.RESTORED
        self.restored.emit(value)
        self.accept()

    def summary(self) -> str:
        """For the status bar after a restore."""
        result = self.restore_result
        if result is None:
            return ""
        text = fmt(
            self.tr("Restored the backup of %1: %2 contacts, %3 interactions."),
            result.created.astimezone().strftime("%Y-%m-%d %H:%M"),
            f"{result.contacts:,}",
            f"{result.interactions:,}",
        )
        if self.erased_again:
            again = self.tr(
                "Erased again: %n contact(s) erased after this backup was made.",
                "",
                self.erased_again,
            )
            text = f"{text} {again}"
        return text

    def reject(self) -> None:
        if self._job.busy:
            return  # a restore is running: it finishes first
        super().reject()


def as_storage_error(error: BaseException, db_path: Path) -> StorageError | None:
    """The opening error as a :class:`StorageError`, or None when it is something else."""
    from crm_desktop.storage.errors import is_corruption

    if isinstance(error, StorageError):
        return error
    if is_corruption(error):
        return DamagedDatabaseError(
            db_path, "The database file is damaged and cannot be read. It was left unchanged."
        )
    return None
