"""File ▸ Backups…: list, create, verify and restore the verified backups.

Creating and verifying read the database or a backup through their own
connections, so they run on a plain thread (a backup of a large database
takes seconds) while the worker keeps serving the window. A restore
replaces the file under the services, so it runs on the worker, where no
other query can run meanwhile: it closes the engine, restores (the
current database is backed up first), opens the restored file (upgrading
an older one), erases again whoever was erased since the backup was made,
and broadcasts that everything changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.daily_backup import OffThread
from crm_desktop.gui.i18n import fmt

if TYPE_CHECKING:
    from crm_desktop.storage.backups import BackupInfo, RestoreResult


@dataclass(frozen=True, slots=True)
class Restored:
    result: RestoreResult
    erased_again: int


def restore_into(ctx: GuiContext, backup_id: str) -> Restored:
    """On the worker: close the engine, restore, reopen, replay erasures (as the CLI does)."""
    from crm_desktop.services.registry import Services
    from crm_desktop.services.restore import erase_again, restore_backup
    from crm_desktop.storage.database import open_database

    paths = ctx.paths
    ctx.services.close()  # every pooled connection: the restore needs the file to itself

    def reopen() -> Services:
        db = open_database(paths.database, backup_dir=paths.backup_dir)
        services = Services.over(db, phone_region=ctx.phone_region, zone=ctx.zone.key)
        ctx.attach(services)
        return services

    try:
        result, pending = restore_backup(paths, backup_id)
    finally:
        services = reopen()  # the restored file, or the untouched one after a failure
    return Restored(result, erase_again(services.db, pending))


class BackupsDialog(QDialog):
    #: An operation finished: ("list" | "create" | "verify" | "restore", result or exception).
    operation_done = Signal(str, object)

    COLUMNS = 4

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.backups: list[BackupInfo] = []
        self.last_restore: Restored | None = None
        self._job = OffThread(self)
        self._job.done.connect(self._job_done)
        self._operation = ""
        self._busy = False

        self.setWindowTitle(self.tr("Backups"))
        self.setObjectName("BackupsDialog")
        self.setAccessibleName(self.tr("Backups"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            fmt(
                self.tr(
                    "Verified copies of your database in %1. One is made every day at start; "
                    "a restore first backs up the current database."
                ),
                str(ctx.paths.backup_dir),
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)

        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Reason"), self.tr("Size"), self.tr("Verified")]
        )
        self.table.setAccessibleName(self.tr("Backups, newest first"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # SQLite's backup gives no useful progress: busy
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Working"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.create_button = QPushButton(self.tr("&Create now"), self)
        self.verify_button = QPushButton(self.tr("&Verify"), self)
        self.restore_button = QPushButton(self.tr("&Restore…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.create_button.setAccessibleName(self.tr("Create a backup now"))
        self.verify_button.setAccessibleName(self.tr("Verify the selected backup"))
        self.restore_button.setAccessibleName(self.tr("Restore the selected backup"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.create_button.clicked.connect(self.create_backup)
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button.clicked.connect(self.ask_restore)
        self.close_button.clicked.connect(self.reject)
        for button in (self.create_button, self.verify_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(720, 440)  # fits 1366x768 with room to spare
        self._update_buttons()
        self.refresh()

    # -- the list -----------------------------------------------------------------------------

    def refresh(self) -> None:
        from crm_desktop.storage.backups import BackupStore  # no SQLAlchemy: cheap

        self._start("list", lambda: BackupStore(self.ctx.paths).list(), "")

    def _show(self, backups: list[BackupInfo]) -> None:
        selected = self.selected_id()
        self.backups = backups
        self.table.setRowCount(len(backups))
        reasons = {
            "manual": self.tr("Made by hand"),
            "daily": self.tr("Daily"),
            "pre-restore": self.tr("Before a restore"),
            "pre-migration": self.tr("Before an upgrade"),
        }
        verified = {True: self.tr("Yes"), False: self.tr("FAILED"), None: self.tr("Not yet")}
        for row, backup in enumerate(backups):
            cells = (
                backup.created.astimezone(self.ctx.zone).strftime("%Y-%m-%d %H:%M"),
                reasons.get(backup.reason, backup.reason),
                _size(backup.size),
                verified[backup.verified],
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, backup.id)
                item.setToolTip(backup.id)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
            if backup.id == selected:
                self.table.selectRow(row)
        if not backups:
            self.status.setText(self.tr("No backups yet. “Create now” makes one."))
        self._update_buttons()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def select(self, backup_id: str) -> None:
        for row, backup in enumerate(self.backups):
            if backup.id == backup_id:
                self.table.selectRow(row)

    # -- operations ---------------------------------------------------------------------------

    def create_backup(self) -> None:
        def job() -> BackupInfo:
            from crm_desktop.storage.backups import BackupStore, read_policy

            store = BackupStore(self.ctx.paths)
            info = store.create(self.ctx.paths.database, "manual")
            store.rotate(read_policy(self.ctx.paths.database))
            return info

        self._start("create", job, self.tr("Making a verified backup…"))

    def verify_selected(self) -> None:
        backup_id = self.selected_id()
        if backup_id is not None:
            self.verify(backup_id)

    def verify(self, backup_id: str) -> None:
        from crm_desktop.storage.backups import BackupStore

        self._start(
            "verify",
            lambda: (backup_id, BackupStore(self.ctx.paths).verify(backup_id)),
            self.tr("Checking the backup…"),
        )

    def ask_restore(self) -> None:
        backup_id = self.selected_id()
        backup = next((b for b in self.backups if b.id == backup_id), None)
        if backup is None:
            return
        when = backup.created.astimezone(self.ctx.zone).strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            self,
            self.tr("Restore a backup"),
            fmt(
                self.tr(
                    "Replace your database with the backup of %1?\n\nYour current database "
                    "is backed up first, so you can go back to it. People erased since %1 "
                    "are erased again."
                ),
                when,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(backup.id)

    def restore(self, backup_id: str) -> None:
        """Without asking (the caller asked): on the worker, after every queued job."""
        if self._busy:
            return
        self._set_busy("restore", self.tr("Restoring… the window waits until it is done."))
        self.ctx.runner.run(
            lambda: restore_into(self.ctx, backup_id),
            lambda value: self._job_done(value, None),
            lambda error: self._job_done(None, error),
        )

    # -- running and finishing ----------------------------------------------------------------

    def _start(self, operation: str, job: object, text: str) -> None:
        if self._busy:
            return
        self._set_busy(operation, text)
        self._job.start(job, name=f"crm-backups-{operation}")  # type: ignore[arg-type]

    def _set_busy(self, operation: str, text: str) -> None:
        self._busy = True
        self._operation = operation
        self.progress.setVisible(operation != "list")
        if operation != "list":  # a refresh keeps the last operation's result on show
            self.status.setText(text)
        self._update_buttons()

    def _job_done(self, value: object, error: object) -> None:
        operation = self._operation
        self._busy = False
        self.progress.hide()
        if isinstance(error, BaseException):
            self.status.setText(fmt(self.tr("That did not work: %1"), str(error) or type(error)))
            self._update_buttons()
            self.operation_done.emit(operation, error)
            if operation != "list":
                self.refresh()
            return
        if operation == "list":
            self._show(value)  # type: ignore[arg-type]
        elif operation == "create":
            info: BackupInfo = value  # type: ignore[assignment]
            self.status.setText(fmt(self.tr("Backup made and verified (%1)."), _size(info.size)))
        elif operation == "verify":
            assert isinstance(value, tuple)
            problems: list[str] = value[1]
            if problems:
                self.status.setText(
                    fmt(self.tr("This backup is damaged: %1"), "; ".join(problems[:3]))
                )
            else:
                self.status.setText(
                    self.tr("This backup is sound: integrity and references are clean.")
                )
        elif operation == "restore":
            self._restored(value)  # type: ignore[arg-type]
        self._update_buttons()
        self.operation_done.emit(operation, value)
        if operation != "list":
            self.refresh()

    def _restored(self, restored: Restored) -> None:
        from crm_desktop.services.changes import Changes

        self.last_restore = restored
        self.ctx.runner.changed.emit(
            Changes(
                all_contacts=True,
                interactions=True,
                events=True,
                tasks=True,
                deals=True,
                purchases=True,
                tags=True,
                organizations=True,
                vocabularies=True,
                reminders=True,
            )
        )
        text = self.restore_summary(restored)
        self.status.setText(text)
        if self.isVisible():
            QMessageBox.information(self, self.tr("Backup restored"), text)

    def restore_summary(self, restored: Restored) -> str:
        result = restored.result
        lines = [
            fmt(
                self.tr("Restored the backup of %1: %2 contacts, %3 interactions."),
                result.created.astimezone(self.ctx.zone).strftime("%Y-%m-%d %H:%M"),
                f"{result.contacts:,}",
                f"{result.interactions:,}",
            )
        ]
        if result.safety_backup:
            lines.append(
                fmt(
                    self.tr("The database it replaced was saved as backup %1."),
                    result.safety_backup,
                )
            )
        if result.set_aside:
            lines.append(
                fmt(
                    self.tr("The file it replaced could not be backed up; it was moved to %1."),
                    str(result.set_aside),
                )
            )
        if restored.erased_again:
            lines.append(
                self.tr(
                    "Erased again: %n contact(s) erased after this backup was made.",
                    "",
                    restored.erased_again,
                )
            )
        return "\n".join(lines)

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None and not self._busy
        self.create_button.setEnabled(not self._busy)
        self.verify_button.setEnabled(has)
        self.restore_button.setEnabled(has)
        self.close_button.setEnabled(not self._busy or self._operation == "list")

    def reject(self) -> None:
        if self._busy and self._operation != "list":
            return  # a backup or restore is running: it finishes first
        super().reject()


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.0f} kB"
