"""The contact editor: every field of a contact, checked inline, saved through the runner.

Why checks run twice: each input is checked as the user leaves it (domain
rules, message under the field), and Save runs them all again and refuses
while any fails, focusing the first bad one. The service validates once
more; its :class:`ValidationError` names a field, which is mapped back to
the widget so the message still appears next to it.

Why closing asks: unsaved changes are never lost silently. Esc, Cancel and
the window's close button all go through :meth:`reject`, which asks
"Discard changes?" (Save / Discard / Keep editing) when anything changed.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable
from enum import StrEnum

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.contact_points import parse_phone, validate_email
from crm_desktop.domain.errors import ValidationError
from crm_desktop.gui import icons
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.dialogs.contact_editor_consent import ConsentPanel
from crm_desktop.gui.dialogs.contact_editor_general import GeneralPage
from crm_desktop.gui.dialogs.contact_editor_pages import DatesPage, DetailsPage, NotesPage
from crm_desktop.gui.widgets.contact_editor_fields import (
    ErrorLabel,
    FieldCheck,
    problem,
    run_checks,
    tr,
)
from crm_desktop.gui.widgets.multi_value import RowList
from crm_desktop.services.base import NotFoundError
from crm_desktop.services.changes import Changes, Saved
from crm_desktop.services.dto import ContactDetail, ContactInput, NamedCount

log = logging.getLogger(__name__)


class DiscardChoice(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    KEEP_EDITING = "keep"


class _ListTarget:
    """Where a service error about a whole list ("E-mail") is shown."""

    def __init__(self, rows: RowList) -> None:  # type: ignore[type-arg]
        self.rows = rows

    @property
    def widget(self) -> QWidget:
        return self.rows.focus_target()

    def show_message(self, message: str) -> None:
        self.rows.error.set_problem(self.rows, message)


Loaded = tuple[
    ContactDetail | None, list[NamedCount], list[str], list[str], bool, str, tuple[int, ...]
]


class ContactEditorDialog(QDialog):
    saved = Signal(int)  # the contact's id, after a successful save
    loaded = Signal()  # the form is filled and editable

    def __init__(
        self, ctx: GuiContext, contact_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("ContactEditorDialog")
        self.ctx = ctx
        self.contact_id = contact_id
        self._initial: Hashable | None = None
        self._saving = False
        self.setWindowTitle(
            self.tr("New contact") if contact_id is None else self.tr("Edit contact")
        )
        self.setWindowIcon(icons.icon("contact-new" if contact_id is None else "contact-edit"))

        self.banner = ErrorLabel(self.tr("Contact"), self)
        self.status_label = QLabel(self.tr("Loading…"), self)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_label.setWordWrap(True)
        self.general = GeneralPage(ctx, self)
        self.details = DetailsPage(
            lambda text: validate_email(text),
            lambda text: parse_phone(text, default_region=ctx.phone_region),
            self,
        )
        self.dates = DatesPage(self)
        self.notes = NotesPage(self)
        self.consent = ConsentPanel(ctx, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        for page, title in (
            (self.general, self.tr("&General")),
            (self.details, self.tr("Contact &details")),
            (self.dates, self.tr("D&ates")),
            (self.notes, self.tr("&Notes")),
        ):
            self.tabs.addTab(_scrolled(page, self.tabs), title)
        self.tabs.addTab(self.consent, self.tr("C&onsent"))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.status_label)
        self.stack.addWidget(self.tabs)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setToolTip(self.tr("Save (Ctrl+Enter)"))
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in a field must not save half a form
            button.setDefault(False)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in (
            QKeySequence("Ctrl+Return"),
            QKeySequence("Ctrl+Enter"),
            QKeySequence(QKeySequence.StandardKey.Save),
        ):
            QShortcut(keys, self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 620)
        self.setMinimumSize(600, 440)

        self._targets = self._build_targets()
        self.consent.recorded.connect(self._update_greeting_consent)
        for edit in (self.general.given, self.general.middle, self.general.family):
            edit.textChanged.connect(self._update_display_placeholder)
        self._update_display_placeholder()
        self._set_busy(True)
        self._load()

    # -- loading -----------------------------------------------------------------

    def _load(self) -> None:
        ctx, contact_id = self.ctx, self.contact_id

        def job() -> Loaded:
            # Lazily: the mail modules pull in SQLAlchemy, which start-up must not wait for.
            from crm_desktop.mail.greetings import CONSENT_PURPOSE
            from crm_desktop.mail.settings import MailSettingsService

            s = ctx.services
            detail = s.contacts.get(contact_id) if contact_id is not None else None
            opted_in = (
                MailSettingsService(s.db).greeting_opt_in(contact_id)
                if contact_id is not None
                else False
            )
            return (
                detail,
                s.vocabulary.statuses(),
                [r.name for r in s.vocabulary.lead_sources()],
                [t.name for t in s.vocabulary.tags()],
                opted_in,
                CONSENT_PURPOSE,
                s.reminders.settings().birthday_days,  # what "Default" means right now
            )

        ctx.runner.run(job, self._loaded, self._load_failed)

    def _loaded(self, result: Loaded) -> None:
        if not shiboken6.isValid(self):
            return
        detail, statuses, lead_sources, tags, opted_in, purpose, birthday_days = result
        self.general.set_vocabularies(statuses, lead_sources, tags)
        self.general.reminders.set_default_days(birthday_days)
        data = detail.to_input() if detail is not None else ContactInput()
        self.general.set_input(data)
        self.general.set_greeting(opted_in, purpose)
        self.details.set_input(data)
        self.dates.set_input(data)
        self.notes.set_input(data)
        self.consent.set_contact(self.contact_id, detail.consents if detail else ())
        self._update_greeting_consent()
        if detail is not None:
            self.setWindowTitle(self.tr("Edit contact: %1").replace("%1", detail.display_name))
            if detail.trashed_at is not None:
                self.banner.set_problem(
                    self,
                    self.tr("This contact is in the trash; saving keeps it there."),
                )
        self._initial = self.state()
        self.stack.setCurrentWidget(self.tabs)
        self._set_busy(False)
        self.general.given.setFocus(Qt.FocusReason.OtherFocusReason)
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        if isinstance(exc, NotFoundError):
            text = self.tr(
                "This contact no longer exists. It may have been deleted in another window."
            )
        else:
            log.error("loading a contact failed: %s", type(exc).__name__)
            text = self.tr("The contact could not be loaded. Close this window and try again.")
        self.status_label.setText(text)
        self.status_label.setAccessibleName(text)
        self.save_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Close"))
        self.loaded.emit()

    def _update_greeting_consent(self) -> None:
        """Tell the General tab whether the consent automatic greetings need is granted."""
        # Already imported by the load job, so this costs nothing here.
        from crm_desktop.mail.greetings import CONSENT_PURPOSE, consent_granted

        self.general.set_greeting_consent(consent_granted(self.consent.records, CONSENT_PURPOSE))

    # -- state -----------------------------------------------------------------

    def state(self) -> Hashable:
        return (self.general.state(), self.details.state(), self.dates.state(), self.notes.state())

    def is_dirty(self) -> bool:
        return self._initial is not None and self.state() != self._initial

    def checks(self) -> list[FieldCheck]:
        """Every check, in the order of the tabs and of the fields on them."""
        return (
            self.general.checks()
            + self.details.checks()
            + self.dates.checks()
            + self.notes.checks()
        )

    def collect(self) -> ContactInput:
        """The form as a :class:`ContactInput`; raises ValidationError on a bad date."""
        values = self.general.values()
        values.update(self.details.values())
        values.update(self.dates.values())
        values.update(self.notes.values())
        return ContactInput(**values)  # type: ignore[arg-type]

    # -- saving ------------------------------------------------------------------

    def save(self) -> None:
        if self._saving or self._initial is None:
            return
        self.banner.clear_all()
        for rows in [*self.details.lists(), self.dates.list]:
            rows.error.clear_all()
        bad = run_checks(self.checks())
        if bad is not None:
            self.reveal(bad.widget)
            return
        try:
            data = self.collect()
        except ValidationError as exc:
            self.show_error(exc)
            return
        ctx, contact_id = self.ctx, self.contact_id
        greet = self.general.greeting()

        def job() -> Saved:
            from crm_desktop.mail.settings import MailSettingsService

            if contact_id is None:
                saved = ctx.services.contacts.create(data)
            else:
                saved = ctx.services.contacts.update(contact_id, data)
            MailSettingsService(ctx.services.db).set_greeting_opt_in(saved.id, greet)
            return saved

        self._saving = True
        self._set_busy(True)
        ctx.runner.mutate(job, self._save_done, self._save_failed)

    def _save_done(self, result: Changes | Saved) -> None:
        if not shiboken6.isValid(self):
            return
        self._saving = False
        assert isinstance(result, Saved)
        self.contact_id = result.id
        self._initial = self.state()
        self.saved.emit(result.id)
        super().accept()

    def _save_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._saving = False
        self._set_busy(False)
        if isinstance(exc, ValidationError):
            self.show_error(exc)
        elif isinstance(exc, NotFoundError):
            self.banner.set_problem(
                self,
                self.tr(
                    "This contact was deleted, perhaps in another window, so it cannot be saved. "
                    "Copy what you need, then close."
                ),
            )
        else:
            log.error("saving a contact failed: %s", type(exc).__name__)
            self.banner.set_problem(
                self,
                self.tr("The contact could not be saved. Your changes are still here; try again."),
            )

    def show_error(self, exc: ValidationError) -> None:
        """Show a service-side problem next to the field it names (else at the top)."""
        message = problem(tr(exc.field), exc)
        target = self._targets.get(exc.field)
        if target is None:
            self.banner.set_problem(self, message)
            return
        target.show_message(message)
        self.reveal(target.widget)

    def reveal(self, widget: QWidget) -> None:
        """Switch to the tab holding ``widget``, scroll to it and focus it."""
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
                if isinstance(page, QScrollArea):
                    page.ensureWidgetVisible(widget)
                break
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not self._saving)
        self.save_button.setText(self.tr("Saving…") if self._saving else self.tr("&Save"))

    def _build_targets(self) -> dict[str, FieldCheck | _ListTarget]:
        targets: dict[str, FieldCheck | _ListTarget] = {}
        targets.update(self.general.targets)
        targets.update(self.notes.targets)
        emails, phones, addresses = self.details.lists()
        for name in ("E-mail", "E-mail label"):
            targets[name] = _ListTarget(emails)
        for name in ("Phone", "Phone label"):
            targets[name] = _ListTarget(phones)
        for name in (
            "Address",
            "Address label",
            "Street",
            "Address line 2",
            "City",
            "Region",
            "Postal code",
            "Country",
        ):
            targets[name] = _ListTarget(addresses)
        for name in ("Important dates", "Date label", "Date"):
            targets[name] = _ListTarget(self.dates.list)
        return targets

    def _update_display_placeholder(self) -> None:
        derived = self.general.derived_name()
        self.general.display.setPlaceholderText(
            derived or self.tr("Made from the name, else the organization or e-mail")
        )

    # -- closing -----------------------------------------------------------------

    def reject(self) -> None:
        """Esc, Cancel and the close button: never lose changes silently."""
        if self._saving:
            return  # the save finishes first; then the dialog closes by itself
        if self.is_dirty():
            choice = self._confirm_discard()
            if choice is DiscardChoice.SAVE:
                self.save()
                return
            if choice is DiscardChoice.KEEP_EDITING:
                return
        super().reject()

    def _confirm_discard(self) -> DiscardChoice:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard changes?"),
            self.tr("Discard changes?"),
            parent=self,
        )
        box.setInformativeText(self.tr("This contact has changes that are not saved yet."))
        save = box.addButton(self.tr("&Save"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(keep)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return DiscardChoice.SAVE
        if clicked is discard:
            return DiscardChoice.DISCARD
        return DiscardChoice.KEEP_EDITING


def _scrolled(page: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(page)
    return area
