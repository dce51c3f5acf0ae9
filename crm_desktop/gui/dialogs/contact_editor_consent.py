"""The consent history of a contact, and recording a new decision.

Why records are appended immediately and never edited: consent is evidence
(GDPR Art. 7(1): the controller must be able to show that the person
consented). A withdrawal is a new record, so the history stays complete.
Recording therefore does not wait for the editor's Save.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import ValidationError
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.widgets.contact_editor_fields import ErrorLabel, problem
from crm_desktop.services.changes import Changes
from crm_desktop.services.dto import ConsentRecord


class ConsentDialog(QDialog):
    """Asks what the consent is for, how it was given or withdrawn, and its wording."""

    def __init__(
        self,
        granted: bool,
        purposes: Sequence[str],
        purpose: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record consent") if granted else self.tr("Withdraw consent"))
        self.purpose = QComboBox(self)
        self.purpose.setEditable(True)
        self.purpose.addItems(list(purposes))
        self.purpose.setEditText(purpose or "")
        self.purpose.setAccessibleName(self.tr("Purpose"))
        if (line := self.purpose.lineEdit()) is not None:
            line.setPlaceholderText(self.tr("e.g. newsletter"))
        self.method = QLineEdit(self)
        self.method.setPlaceholderText(self.tr("e.g. signed form, e-mail reply, by phone"))
        self.method.setAccessibleName(self.tr("How"))
        self.wording = QPlainTextEdit(self)
        self.wording.setTabChangesFocus(True)
        self.wording.setPlaceholderText(self.tr("The text the person agreed to (optional)"))
        self.wording.setAccessibleName(self.tr("Wording"))
        self.wording.setFixedHeight(80)
        form = QFormLayout()
        form.addRow(self.tr("&Purpose:"), self.purpose)
        form.addRow(self.tr("&How:"), self.method)
        form.addRow(self.tr("&Wording:"), self.wording)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Record") if granted else self.tr("Withdraw"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())


class ConsentPanel(QWidget):
    """A read-only history list with "Record consent…" and "Withdraw"."""

    recorded = Signal()

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contact_id: int | None = None
        self.records: tuple[ConsentRecord, ...] = ()
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.history = QTreeWidget(self)
        self.history.setColumnCount(4)
        self.history.setHeaderLabels(
            [self.tr("Purpose"), self.tr("Decision"), self.tr("When"), self.tr("How")]
        )
        self.history.setRootIsDecorated(False)
        self.history.setAlternatingRowColors(True)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setAccessibleName(self.tr("Consent history"))
        self.history.setColumnWidth(0, 200)
        self.history.setColumnWidth(1, 110)
        self.history.setColumnWidth(2, 140)
        self.record_button = QPushButton(self.tr("Record consent…"), self)
        self.withdraw_button = QPushButton(self.tr("Withdraw…"), self)
        for button in (self.record_button, self.withdraw_button):
            button.setAutoDefault(False)
        self.record_button.setAccessibleName(self.tr("Record consent"))
        self.withdraw_button.setAccessibleName(self.tr("Withdraw consent"))
        self.record_button.clicked.connect(lambda: self._ask(granted=True))
        self.withdraw_button.clicked.connect(lambda: self._ask(granted=False))
        self.history.itemSelectionChanged.connect(self._update_buttons)
        self.error = ErrorLabel(self.tr("Consent"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.set_contact(None, ())

    def set_contact(self, contact_id: int | None, records: Sequence[ConsentRecord]) -> None:
        self.contact_id = contact_id
        self.records = tuple(records)
        if contact_id is None:
            self.info.setText(
                self.tr("Consent can be recorded after the contact is saved for the first time.")
            )
        else:
            self.info.setText(
                self.tr("Each decision is recorded at once and kept; a withdrawal is a new record.")
            )
        self.history.clear()
        zone: ZoneInfo = self.ctx.zone
        for record in sorted(self.records, key=lambda r: r.recorded_at, reverse=True):
            item = QTreeWidgetItem(
                [
                    record.purpose,
                    self.tr("granted") if record.granted else self.tr("withdrawn"),
                    record.recorded_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                    record.method or "",
                ]
            )
            if record.wording:
                for column in range(4):
                    item.setToolTip(column, record.wording)
            item.setData(0, Qt.ItemDataRole.UserRole, record.purpose)
            self.history.addTopLevelItem(item)
        self._update_buttons()

    def purposes(self) -> list[str]:
        return list(dict.fromkeys(r.purpose for r in self.records))

    def selected_purpose(self) -> str | None:
        items = self.history.selectedItems()
        return str(items[0].data(0, Qt.ItemDataRole.UserRole)) if items else None

    def _update_buttons(self) -> None:
        known = self.contact_id is not None
        self.record_button.setEnabled(known)
        self.withdraw_button.setEnabled(known and bool(self.records))

    def _ask(self, *, granted: bool) -> None:
        """Open the small form; on OK, append the record."""
        dialog = ConsentDialog(granted, self.purposes(), self.selected_purpose(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.record(
                dialog.purpose.currentText(),
                granted=granted,
                method=dialog.method.text(),
                wording=dialog.wording.toPlainText(),
            )

    def record(
        self, purpose: str, *, granted: bool, method: str | None = None, wording: str | None = None
    ) -> None:
        """Append a record through the runner, then reload the history."""
        contact_id = self.contact_id
        if contact_id is None:
            return
        ctx = self.ctx
        self.record_button.setEnabled(False)
        self.withdraw_button.setEnabled(False)
        self.error.clear_all()
        fresh: list[ConsentRecord] = []

        def job() -> Changes:
            changes = ctx.services.contacts.add_consent(
                contact_id,
                purpose=purpose,
                granted=granted,
                method=method or None,
                wording=wording or None,
            )
            fresh.extend(ctx.services.contacts.get(contact_id).consents)
            return changes

        def done(_: object) -> None:
            if shiboken6.isValid(self):
                self.set_contact(contact_id, fresh)
                self.recorded.emit()

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            if isinstance(exc, ValidationError):
                message = problem(self.tr("Purpose") if exc.field == "Purpose" else exc.field, exc)
            else:
                message = self.tr("The consent could not be recorded. Please try again.")
            self.error.set_problem(self, message)
            self._update_buttons()

        ctx.runner.mutate(job, done, failed)
