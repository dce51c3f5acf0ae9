"""Compose an e-mail to one contact: a template, its placeholders filled, a preview, Send.

The contact, the template and the settings are read on the worker; rendering is pure Python
and runs as you type; sending (SMTP, then the interaction log) runs on the worker through
``ctx.runner.mutate`` so the timeline refreshes. Without a stored password the dialog asks for
it once (kept per :mod:`crm_desktop.mail.secrets`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.gui import theme
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.i18n import fmt
from crm_desktop.gui.widgets.window_fit import show_problem

if TYPE_CHECKING:
    from crm_desktop.mail.secrets import SecretStore
    from crm_desktop.mail.settings import SmtpSettings
    from crm_desktop.mail.templates import Rendered, Template
    from crm_desktop.services.changes import Changes, Saved
    from crm_desktop.services.dto import ContactDetail

__all__ = ["ComposeDialog"]

PasswordPrompt = Callable[[QWidget], str | None]


@dataclass(frozen=True, slots=True)
class _Loaded:
    contact: ContactDetail
    templates: dict[str, Template]
    settings: SmtpSettings
    needs_password: bool


def ask_password(parent: QWidget) -> str | None:
    text, ok = QInputDialog.getText(
        parent,
        parent.tr("Mail server password"),
        parent.tr("Password for the mail server:"),
        QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None


class ComposeDialog(QDialog):
    loaded = Signal()
    previewed = Signal()
    sent = Signal(int)  # the interaction id
    send_failed = Signal(str)

    def __init__(
        self,
        ctx: GuiContext,
        contact_id: int,
        parent: QWidget | None = None,
        *,
        template: str = "follow_up",
        store: SecretStore | None = None,
        password_prompt: PasswordPrompt = ask_password,
    ) -> None:
        super().__init__(parent)
        from crm_desktop.mail.secrets import session_store

        self.ctx = ctx
        self.contact_id = contact_id
        self.store = store if store is not None else session_store()
        self.password_prompt = password_prompt
        self.data: _Loaded | None = None
        self.rendered: Rendered | None = None
        self.setObjectName("ComposeDialog")
        self.setWindowTitle(self.tr("E-mail"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.to = QComboBox(self)
        self.to.setAccessibleName(self.tr("To"))
        form.addRow(self.tr("&To:"), self.to)
        self.template = QComboBox(self)
        self.template.setAccessibleName(self.tr("Template"))
        self.template.addItem(self.tr("Follow-up"), "follow_up")
        self.template.addItem(self.tr("Birthday greeting"), "birthday")
        self.template.setCurrentIndex(max(0, self.template.findData(template)))
        form.addRow(self.tr("T&emplate:"), self.template)
        self.subject = QLineEdit(self)
        self.subject.setAccessibleName(self.tr("Subject (with placeholders)"))
        form.addRow(self.tr("&Subject:"), self.subject)
        self.body = QPlainTextEdit(self)
        self.body.setAccessibleName(self.tr("Text (with placeholders)"))
        self.body.setToolTip(
            self.tr(
                "Placeholders: {first_name}, {last_name}, {display_name}, {age},"
                " {organization}, {job_title}, {my_name}"
            )
        )
        form.addRow(self.tr("Te&xt:"), self.body)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Preview:"), self))
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("Preview"))
        layout.addWidget(self.preview, 1)
        self.problems = QLabel(self)
        self.problems.setObjectName("mailProblems")
        self.problems.setWordWrap(True)
        theme.mark_as_problem(self.problems)
        layout.addWidget(self.problems)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.send_button = QPushButton(self.tr("&Send"), self)
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.clicked.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumSize(560, 520)
        self.send_button.setEnabled(False)

        self.template.currentIndexChanged.connect(lambda _i: self._apply_template())
        self.subject.textChanged.connect(lambda _t: self.update_preview())
        self.body.textChanged.connect(self.update_preview)
        self.to.currentIndexChanged.connect(lambda _i: self.update_preview())
        ctx.runner.run(self._read, self._show, self._failed)

    # -- loading -------------------------------------------------------------------------

    def _read(self) -> _Loaded:
        from crm_desktop.mail.settings import MailSettingsService
        from crm_desktop.mail.templates import BUILTIN, TemplateService

        db = self.ctx.services.db
        contact = self.ctx.services.contacts.get(self.contact_id)
        templates = TemplateService(db)
        settings = MailSettingsService(db).load()
        needs = bool(settings.user) and self.store.get(settings.account) is None
        return _Loaded(contact, {k: templates.get(k) for k in BUILTIN}, settings, needs)

    def _show(self, data: _Loaded) -> None:
        self.data = data
        self.setWindowTitle(fmt(self.tr("E-mail to %1"), data.contact.display_name))
        for e in data.contact.emails:
            self.to.addItem(e.address, e.address)
        self._apply_template()
        self.loaded.emit()

    def _apply_template(self) -> None:
        if self.data is None:
            return
        t = self.data.templates.get(str(self.template.currentData()))
        if t is None:
            return
        self.subject.setText(t.subject)
        self.body.setPlainText(t.body)
        self.update_preview()

    # -- preview -------------------------------------------------------------------------

    def update_preview(self) -> None:
        if self.data is None:
            return
        from crm_desktop.mail.templates import Template, render_for

        template = Template("edit", self.subject.text(), self.body.toPlainText())
        today: date = self.ctx.local_now().date()
        rendered = render_for(
            template, self.data.contact, my_name=self.data.settings.sender_name, today=today
        )
        self.rendered = rendered
        self.preview.setPlainText(
            fmt(self.tr("Subject: %1"), rendered.subject) + "\n\n" + rendered.body
        )
        issues = [p.describe() for p in rendered.problems]
        if self.to.count() == 0:
            issues.append(self.tr("This customer has no e-mail address."))
        if not self.data.settings.configured:
            issues.append(self.tr("Set up the mail server in File ▸ Settings ▸ E-mail first."))
        if issues:
            show_problem(self.problems, "\n".join(issues))
        else:
            self.problems.clear()
            self.problems.hide()
        self.send_button.setEnabled(not issues)
        self.previewed.emit()

    # -- sending -------------------------------------------------------------------------

    def send(self) -> None:
        data, rendered = self.data, self.rendered
        if data is None or rendered is None or not rendered.ok or self.to.count() == 0:
            return
        password: str | None = None
        if data.needs_password:
            password = self.password_prompt(self)
            if password is None:
                return
        from crm_desktop.mail.sender import MailSender, OutgoingMail

        mail = OutgoingMail(
            self.contact_id, str(self.to.currentData()), rendered.subject, rendered.body
        )
        account, store = data.settings.account, self.store
        self.send_button.setEnabled(False)

        def job() -> Saved:
            if password is not None:
                store.set(account, password)
            sender = MailSender(self.ctx.services.db, secrets=store)
            return sender.send(mail)

        self.ctx.runner.mutate(job, self._done, self._send_failed)

    def _done(self, result: Changes | Saved) -> None:
        from crm_desktop.services.changes import Saved

        self.sent.emit(result.id if isinstance(result, Saved) else 0)
        self.accept()

    def _send_failed(self, error: BaseException) -> None:
        from crm_desktop.mail.sender import MailError, PasswordNeeded

        if isinstance(error, PasswordNeeded) and self.data is not None:
            from dataclasses import replace

            self.data = replace(self.data, needs_password=True)
        text = str(error) if isinstance(error, MailError) else type(error).__name__
        message = fmt(self.tr("The e-mail was not sent: %1"), text)
        show_problem(self.problems, message)
        self.send_button.setEnabled(True)
        self.send_failed.emit(message)

    def _failed(self, error: BaseException) -> None:
        show_problem(self.problems, fmt(self.tr("The customer could not be read: %1"), error))
