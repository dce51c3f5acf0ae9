"""The smaller tabs of the contact editor: contact details, dates and notes."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtWidgets import QFormLayout, QPlainTextEdit, QVBoxLayout, QWidget

from crm_desktop.domain.text import NOTES_MAX
from crm_desktop.gui.widgets.contact_editor_address import AddressList
from crm_desktop.gui.widgets.contact_editor_dates import ImportantDateList
from crm_desktop.gui.widgets.contact_editor_fields import (
    ErrorLabel,
    FieldCheck,
    or_none,
    text_check,
    with_error,
)
from crm_desktop.gui.widgets.multi_value import LabeledValueList, RowList
from crm_desktop.services.dto import ContactInput, LabeledValue

EMAIL_LABELS = ("work", "home", "other")
PHONE_LABELS = ("mobile", "work", "home", "other")


class DetailsPage(QWidget):
    """E-mail addresses, phone numbers and postal addresses."""

    def __init__(
        self,
        parse_email: Callable[[str], object],
        parse_phone: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.emails = LabeledValueList(
            self.tr("E-mail addresses"),
            self.tr("Add e-mail"),
            self.tr("No e-mail address yet."),
            self.tr("E-mail"),
            self.tr("name@example.com"),
            EMAIL_LABELS,
            parse_email,
            self,
        )
        self.phones = LabeledValueList(
            self.tr("Phone numbers"),
            self.tr("Add phone"),
            self.tr("No phone number yet."),
            self.tr("Phone"),
            self.tr("+36 1 234 5678"),
            PHONE_LABELS,
            parse_phone,
            self,
        )
        self.addresses = AddressList(self)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(self.emails)
        layout.addWidget(self.phones)
        layout.addWidget(self.addresses)
        layout.addStretch(1)

    def lists(self) -> list[RowList]:  # type: ignore[type-arg]
        return [self.emails, self.phones, self.addresses]

    def checks(self) -> list[FieldCheck]:
        return self.emails.checks() + self.phones.checks() + self.addresses.checks()

    def set_input(self, data: ContactInput) -> None:
        self.emails.set_items(data.emails or (LabeledValue("", EMAIL_LABELS[0]),))
        self.phones.set_items(data.phones or (LabeledValue("", PHONE_LABELS[0]),))
        self.addresses.set_addresses(data.addresses)

    def values(self) -> dict[str, object]:
        return {
            "emails": self.emails.items(),
            "phones": self.phones.items(),
            "addresses": self.addresses.addresses(),
        }

    def state(self) -> Hashable:
        return (self.emails.state(), self.phones.state(), self.addresses.state())


class DatesPage(QWidget):
    """Anniversaries and other dates worth a reminder (the birthday is on General)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = ImportantDateList(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addStretch(1)

    def checks(self) -> list[FieldCheck]:
        return self.list.checks()

    def set_input(self, data: ContactInput) -> None:
        self.list.set_items(data.dates)

    def values(self) -> dict[str, object]:
        return {"dates": self.list.items()}

    def state(self) -> Hashable:
        return self.list.state()


class NotesPage(QWidget):
    """Interests, preferences and free notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.targets: dict[str, FieldCheck] = {}
        self._checks: list[FieldCheck] = []
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.interests = self._text(
            form,
            self.tr("&Interests:"),
            self.tr("Interests"),
            self.tr("Hobbies, topics they care about"),
            90,
            "Interests",
        )
        self.preferences = self._text(
            form,
            self.tr("&Preferences:"),
            self.tr("Preferences"),
            self.tr("How and when they like to be contacted, what they like or avoid"),
            90,
            "Preferences",
        )
        self.notes = self._text(
            form,
            self.tr("N&otes:"),
            self.tr("Notes"),
            self.tr("Anything else worth remembering"),
            180,
            "Notes",
        )

    def _text(
        self, form: QFormLayout, label: str, name: str, placeholder: str, height: int, key: str
    ) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        edit.setMinimumHeight(height)
        error = ErrorLabel(name, self)
        form.addRow(label, with_error(edit, error, self))
        check = FieldCheck(edit, error, text_check(edit, name, limit=NOTES_MAX))
        self._checks.append(check)
        self.targets[key] = check
        return edit

    def _edits(self) -> tuple[QPlainTextEdit, ...]:
        return (self.interests, self.preferences, self.notes)

    def checks(self) -> list[FieldCheck]:
        return list(self._checks)

    def set_input(self, data: ContactInput) -> None:
        for edit, value in zip(
            self._edits(), (data.interests, data.preferences, data.notes), strict=True
        ):
            edit.setPlainText(value or "")

    def values(self) -> dict[str, object]:
        return {
            "interests": or_none(self.interests.toPlainText()),
            "preferences": or_none(self.preferences.toPlainText()),
            "notes": or_none(self.notes.toPlainText()),
        }

    def state(self) -> Hashable:
        return tuple(edit.toPlainText() for edit in self._edits())
