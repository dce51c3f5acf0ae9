"""The "E-mail" page of the settings: SMTP server, security, user, sender and the password.

The password goes to the system keyring through :mod:`crm_desktop.mail.secrets`. Without a
secure keyring (none at all, or only one that writes files in clear text) it is kept in memory
until the application quits, and :attr:`MailSettingsPage.store_note` says so. Reading and
saving run on the task runner's worker, never on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from crm_desktop.gui import theme
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.i18n import fmt
from crm_desktop.gui.widgets.window_fit import show_problem

if TYPE_CHECKING:
    from crm_desktop.mail.secrets import SecretStore, StoreStatus
    from crm_desktop.mail.settings import SmtpSettings

__all__ = ["MailSettingsPage"]


@dataclass(frozen=True, slots=True)
class _Loaded:
    settings: SmtpSettings
    status: StoreStatus
    has_password: bool


class MailSettingsPage(QGroupBox):
    """SMTP settings; :meth:`save` validates on the GUI thread, then writes on the worker."""

    loaded = Signal()
    saved = Signal()
    failed = Signal(str)

    def __init__(
        self, ctx: GuiContext, parent: QWidget | None = None, *, store: SecretStore | None = None
    ) -> None:
        super().__init__(self.tr("E-mail"), parent)
        from crm_desktop.mail.secrets import session_store

        self.ctx = ctx
        self.store = store if store is not None else session_store()
        self._loaded: _Loaded | None = None
        self.setObjectName("MailSettingsPage")
        form = QFormLayout(self)
        self.host = QLineEdit(self)
        self.host.setAccessibleName(self.tr("Mail server"))
        self.host.setPlaceholderText(self.tr("for example smtp.example.com"))
        form.addRow(self.tr("&Server:"), self.host)
        self.security = QComboBox(self)
        self.security.setAccessibleName(self.tr("Connection security"))
        for text, value, port in (
            (self.tr("STARTTLS"), "starttls", 587),
            (self.tr("TLS"), "tls", 465),
            (self.tr("None (not recommended)"), "none", 25),
        ):
            self.security.addItem(text, (value, port))
        form.addRow(self.tr("S&ecurity:"), self.security)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(587)
        self.port.setAccessibleName(self.tr("Port"))
        form.addRow(self.tr("&Port:"), self.port)
        self.security.currentIndexChanged.connect(self._security_changed)
        self.user = QLineEdit(self)
        self.user.setAccessibleName(self.tr("User name"))
        form.addRow(self.tr("&User:"), self.user)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        form.addRow(self.tr("Pass&word:"), self.password)
        self.sender_name = QLineEdit(self)
        self.sender_name.setAccessibleName(self.tr("Your name"))
        form.addRow(self.tr("Your &name:"), self.sender_name)
        self.sender_address = QLineEdit(self)
        self.sender_address.setAccessibleName(self.tr("Your e-mail address"))
        form.addRow(self.tr("Your e-&mail address:"), self.sender_address)
        self.store_note = QLabel(self)
        self.store_note.setObjectName("mailStoreNote")
        self.store_note.setWordWrap(True)
        form.addRow(self.store_note)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        theme.mark_as_problem(self.error)
        self.error.hide()
        form.addRow(self.error)
        self.setEnabled(False)
        ctx.runner.run(self._read, self._show, self._failed)

    # -- reading -------------------------------------------------------------------------

    def _read(self) -> _Loaded:
        from crm_desktop.mail.settings import MailSettingsService

        settings = MailSettingsService(self.ctx.services.db).load()
        status = self.store.status
        has = bool(settings.user) and self.store.get(settings.account) is not None
        return _Loaded(settings, status, has)

    def _show(self, value: _Loaded) -> None:
        self._loaded = value
        s = value.settings
        self.host.setText(s.host)
        index = max(0, next((i for i in range(3) if self._security_at(i) == s.security), 0))
        self.security.blockSignals(True)
        self.security.setCurrentIndex(index)
        self.security.blockSignals(False)
        self.port.setValue(s.port)
        self.user.setText(s.user)
        self.sender_name.setText(s.sender_name)
        self.sender_address.setText(s.sender_address)
        if value.has_password:
            self.password.setPlaceholderText(self.tr("(saved; type to change)"))
        self.store_note.setText(self.status_text(value.status))
        self.setEnabled(True)
        self.loaded.emit()

    def status_text(self, status: StoreStatus) -> str:
        from crm_desktop.mail.secrets import StoreStatus

        if status is StoreStatus.KEYRING:
            return self.tr("The password is kept in the system keyring.")
        why = {
            StoreStatus.NO_BACKEND: self.tr("This system has no secure keyring"),
            StoreStatus.PLAINTEXT: self.tr(
                "The only keyring on this system would write the password to a file in plain text"
            ),
            StoreStatus.KEYRING_ERROR: self.tr("The system keyring refused access"),
        }[status]
        return fmt(
            self.tr(
                "%1, so the password is never saved: it is asked once per session"
                " and kept in memory only until the application quits."
            ),
            why,
        )

    def _security_at(self, index: int) -> str:
        data = self.security.itemData(index)
        return str(data[0]) if data else "starttls"

    def _security_changed(self, index: int) -> None:
        data = self.security.itemData(index)
        if data and self.port.value() in (25, 465, 587):
            self.port.setValue(int(data[1]))

    # -- saving --------------------------------------------------------------------------

    def current(self) -> SmtpSettings:
        from crm_desktop.mail.settings import Security, SmtpSettings

        return SmtpSettings(
            host=self.host.text(),
            port=self.port.value(),
            security=Security(self._security_at(self.security.currentIndex())),
            user=self.user.text(),
            sender_name=self.sender_name.text(),
            sender_address=self.sender_address.text(),
        )

    def validate(self) -> SmtpSettings | None:
        """The cleaned settings, or None with the reason shown."""
        from crm_desktop.domain.errors import ValidationError
        from crm_desktop.mail.settings import validate

        try:
            clean = validate(self.current())
        except ValidationError as error:
            show_problem(self.error, str(error))
            return None
        self.error.hide()
        return clean

    def changed(self) -> bool:
        loaded = self._loaded
        return loaded is not None and (
            self.current() != loaded.settings or bool(self.password.text())
        )

    def save(self) -> bool:
        """Validate now and write on the worker; False (nothing written) when invalid."""
        clean = self.validate()
        if clean is None:
            return False
        password = self.password.text()
        self.password.clear()

        def job() -> StoreStatus:
            from crm_desktop.mail.settings import MailSettingsService

            saved = MailSettingsService(self.ctx.services.db).save(clean)
            if password:
                return self.store.set(saved.account, password)
            return self.store.status

        self.ctx.runner.run(job, self._after_save, self._failed)
        return True

    def _after_save(self, status: StoreStatus) -> None:
        self.store_note.setText(self.status_text(status))
        self.saved.emit()

    def _failed(self, error: BaseException) -> None:
        text = fmt(self.tr("The e-mail settings could not be read or saved: %1"), error)
        show_problem(self.error, text)
        self.setEnabled(True)
        self.failed.emit(text)
