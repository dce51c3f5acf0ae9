"""The "General" tab of the contact editor: name, work, birthday and relationship."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

import shiboken6
from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.choices import Channel
from crm_desktop.domain.text import NAME_MAX, SHORT_TEXT_MAX
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.panes.timeline_labels import accent_color
from crm_desktop.gui.widgets.contact_editor_dates import PartialDateEdit, date_checks
from crm_desktop.gui.widgets.contact_editor_fields import (
    BirthdayRemindersEdit,
    ErrorLabel,
    FieldCheck,
    or_none,
    text_check,
    tr,
    with_error,
)
from crm_desktop.gui.widgets.contact_editor_tags import TagEdit
from crm_desktop.services.dto import ContactInput, NamedCount

MAX_CADENCE_DAYS = 3660  # as the service allows
# As crm_desktop.mail.greetings.CONSENT_PURPOSE (not imported here: it pulls in SQLAlchemy);
# the editor's load job passes the real one to set_greeting().
GREETING_PURPOSE = "birthday greetings"


def channel_names() -> dict[str, str]:
    return {
        Channel.EMAIL: tr("E-mail"),
        Channel.PHONE: tr("Phone"),
        Channel.SMS: tr("Text message (SMS)"),
        Channel.MESSENGER: tr("Messenger"),
        Channel.IN_PERSON: tr("In person"),
        Channel.POST: tr("Post"),
    }


class GeneralPage(QWidget):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._checks: list[FieldCheck] = []
        self.targets: dict[str, FieldCheck] = {}

        person = QGroupBox(self.tr("Person"), self)
        form = self._form(person)
        self.given = self._line(
            form, self.tr("&Given name:"), self.tr("Given name"), NAME_MAX, "Given name"
        )
        self.middle = self._line(
            form, self.tr("&Middle name:"), self.tr("Middle name"), NAME_MAX, "Middle name"
        )
        self.family = self._line(
            form, self.tr("&Family name:"), self.tr("Family name"), NAME_MAX, "Family name"
        )
        self.display = self._line(
            form, self.tr("&Display name:"), self.tr("Display name"), NAME_MAX, "Display name"
        )
        self.display.setToolTip(self.tr("Leave empty to use the name above."))
        self.birthday = PartialDateEdit(self.tr("Birthday"), person)
        birthday_error = ErrorLabel(self.tr("Birthday"), person)
        hint = QLabel(self.tr("Leave the year empty if you do not know it."), person)
        hint.setEnabled(False)
        box = with_error(self.birthday, birthday_error, person)
        if (box_layout := box.layout()) is not None:
            box_layout.addWidget(hint)
        form.addRow(self._buddy(self.tr("&Birthday:"), self.birthday.day, person), box)
        self._checks += date_checks(self.birthday, birthday_error)
        self.targets["Birthday"] = self._checks[-1]
        self.reminders = BirthdayRemindersEdit(parent=person)
        reminders_name = self.tr("Birthday reminders")
        reminders_error = ErrorLabel(reminders_name, person)
        form.addRow(
            self._buddy(self.tr("Re&mind:"), self.reminders.mode, person),
            with_error(self.reminders, reminders_error, person),
        )
        reminders_check = FieldCheck(
            self.reminders.days,
            reminders_error,
            lambda: self.reminders.problem(reminders_name),
            extra=(self.reminders.mode,),
        )
        self._checks.append(reminders_check)
        self.targets["Birthday reminders"] = reminders_check
        self._build_greeting(form, person)

        work = QGroupBox(self.tr("Work and relationship"), self)
        form = self._form(work)
        self.organization = self._line(
            form, self.tr("&Organization:"), self.tr("Organization"), NAME_MAX, "Organization"
        )
        self._org_names = QStringListModel(self)
        completer = QCompleter(self._org_names, self.organization)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.organization.setCompleter(completer)
        self.organization.textEdited.connect(self._find_organizations)
        self.job_title = self._line(
            form, self.tr("&Job title:"), self.tr("Job title"), SHORT_TEXT_MAX, "Job title"
        )
        self.status = QComboBox(work)
        self.status.setAccessibleName(self.tr("Status"))
        self._add(form, self.tr("&Status:"), self.status, self.tr("Status"), None, "Status")
        self.lead_source = QComboBox(work)
        self.lead_source.setEditable(True)
        self.lead_source.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lead_source.setAccessibleName(self.tr("Lead source"))
        if (line := self.lead_source.lineEdit()) is not None:
            line.setPlaceholderText(self.tr("Where they came from"))
        self._add(
            form,
            self.tr("&Lead source:"),
            self.lead_source,
            self.tr("Lead source"),
            text_check(self.lead_source, self.tr("Lead source"), limit=NAME_MAX),
            "Lead source",
        )
        self.channel = QComboBox(work)
        self.channel.setAccessibleName(self.tr("Preferred channel"))
        self.channel.addItem(self.tr("No preference"), None)
        for key, name in channel_names().items():
            self.channel.addItem(name, str(key))
        self._add(
            form,
            self.tr("Preferred &channel:"),
            self.channel,
            self.tr("Preferred channel"),
            None,
            "Preferred channel",
        )
        self.tags = TagEdit(work)
        self.tags.setAccessibleName(self.tr("Tags"))
        self._add(form, self.tr("&Tags:"), self.tags, self.tr("Tags"), self.tags.message, "Tags")
        self.targets["Tag"] = self.targets["Tags"]
        self.cadence = QSpinBox(work)
        self.cadence.setRange(0, MAX_CADENCE_DAYS)
        self.cadence.setSpecialValueText(self.tr("none"))
        self.cadence.setSuffix(self.tr(" days"))
        self.cadence.setAccessibleName(self.tr("Stay in touch every (days)"))
        self.cadence.setToolTip(
            self.tr("Remind me when there has been no contact for this many days; none: never.")
        )
        self.cadence.setMaximumWidth(160)
        self._add(
            form,
            self.tr("Stay in touc&h every:"),
            self.cadence,
            self.tr("Stay in touch"),
            None,
            "Stay in touch",
        )

        _align_labels(person, work)
        layout = QVBoxLayout(self)
        layout.addWidget(person)
        layout.addWidget(work)
        layout.addStretch(1)
        self.targets["Name"] = self.targets["Given name"]

    # -- building ----------------------------------------------------------------

    def _build_greeting(self, form: QFormLayout, parent: QWidget) -> None:
        """The opt-in to automatic birthday greetings, with what else sending needs."""
        self._greeting_purpose = GREETING_PURPOSE
        self._greeting_consent = False
        self.greet = QCheckBox(self.tr("Send an automatic birthday greeting by e-mail"), parent)
        self.greet.setAccessibleName(self.tr("Automatic birthday greeting by e-mail"))
        self.greet_hint = QLabel(parent)
        self.greet_hint.setWordWrap(True)
        self.greet_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.greet_hint.setAccessibleName(self.tr("About automatic birthday greetings"))
        self._hint_palette = QPalette(self.greet_hint.palette())
        box = QWidget(parent)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(2)
        box_layout.addWidget(self.greet)
        box_layout.addWidget(self.greet_hint)
        form.addRow(QLabel(parent), box)
        self.greet.toggled.connect(self._update_greet_hint)
        self._update_greet_hint()

    @staticmethod
    def _form(group: QGroupBox) -> QFormLayout:
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(6)
        return form

    @staticmethod
    def _buddy(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setBuddy(buddy)
        return label

    def _line(self, form: QFormLayout, label: str, name: str, limit: int, key: str) -> QLineEdit:
        edit = QLineEdit(form.parentWidget())
        edit.setAccessibleName(name)
        self._add(form, label, edit, name, text_check(edit, name, limit=limit), key)
        return edit

    def _add(
        self,
        form: QFormLayout,
        label: str,
        field: QWidget,
        name: str,
        validate: Callable[[], str | None] | None,
        key: str,
    ) -> None:
        """Add a labelled row with its error line; ``key`` is the service's field name."""
        parent = form.parentWidget()
        assert parent is not None
        error = ErrorLabel(name, parent)
        form.addRow(self._buddy(label, field, parent), with_error(field, error, parent))
        check = FieldCheck(field, error, validate or (lambda: None))
        if validate is not None:
            self._checks.append(check)
        self.targets[key] = check

    # -- data ------------------------------------------------------------------

    def checks(self) -> list[FieldCheck]:
        return list(self._checks)

    def set_vocabularies(
        self, statuses: Sequence[NamedCount], lead_sources: Sequence[str], tags: Sequence[str]
    ) -> None:
        self.status.clear()
        self.status.addItem(self.tr("No status"), None)
        for status in statuses:
            self.status.addItem(status.name, status.name)
        self.lead_source.clear()
        self.lead_source.addItem("")
        self.lead_source.addItems(list(lead_sources))
        self.tags.set_known_tags(tags)

    def set_greeting(self, opted_in: bool, purpose: str = GREETING_PURPOSE) -> None:
        """The stored opt-in, and the consent purpose automatic greetings need."""
        self._greeting_purpose = purpose
        self.greet.setChecked(opted_in)
        self._update_greet_hint()

    def set_greeting_consent(self, granted: bool) -> None:
        """Whether the latest consent record for the greeting purpose grants it."""
        self._greeting_consent = granted
        self._update_greet_hint()

    def greeting(self) -> bool:
        return self.greet.isChecked()

    def greet_hint_warns(self) -> bool:
        """True while the hint is in the accent colour: ticked, but consent is missing."""
        return self.greet.isChecked() and not self._greeting_consent

    def _update_greet_hint(self) -> None:
        text = self.tr(
            "Sent on the birthday only if consent “%1” is recorded on the Consent tab, "
            "the contact has an e-mail address and sending is set up in Settings ▸ E-mail."
        ).replace("%1", self._greeting_purpose)
        warns = self.greet_hint_warns()
        if warns:
            text += " " + self.tr("No such consent is recorded yet.")
            palette = QPalette(self._hint_palette)
            colour = accent_color()
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                palette.setColor(group, QPalette.ColorRole.WindowText, colour)
            self.greet_hint.setPalette(palette)
        else:
            self.greet_hint.setPalette(self._hint_palette)
        self.greet_hint.setEnabled(warns)  # greyed like the other hints unless it warns
        self.greet_hint.setText(text)
        self.greet.setAccessibleDescription(text)

    def set_input(self, data: ContactInput) -> None:
        self.given.setText(data.given_name or "")
        self.middle.setText(data.middle_name or "")
        self.family.setText(data.family_name or "")
        derived = self.derived_name()
        self.display.setText("" if data.display_name in (None, derived) else data.display_name)
        self.organization.setText(data.organization or "")
        self.job_title.setText(data.job_title or "")
        self.birthday.set_value(data.birthday)
        self.reminders.set_value(data.birthday_reminder_days)
        _select(self.status, data.status)
        self.lead_source.setEditText(data.lead_source or "")
        _select(self.channel, data.preferred_channel)
        self.tags.set_tags(data.tags)
        self.cadence.setValue(data.stay_in_touch_days or 0)

    def values(self) -> dict[str, object]:
        """The fields of :class:`ContactInput` this page edits (checks have passed)."""
        return {
            "given_name": or_none(self.given.text()),
            "middle_name": or_none(self.middle.text()),
            "family_name": or_none(self.family.text()),
            "display_name": or_none(self.display.text()),
            "organization": or_none(self.organization.text()),
            "job_title": or_none(self.job_title.text()),
            "birthday": self.birthday.value(),
            "birthday_reminder_days": self.reminders.value(),
            "status": self.status.currentData(),
            "lead_source": or_none(self.lead_source.currentText()),
            "preferred_channel": self.channel.currentData(),
            "tags": self.tags.tags(),
            "stay_in_touch_days": self.cadence.value() or None,
        }

    def state(self) -> Hashable:
        return (
            *(
                e.text()
                for e in (
                    self.given,
                    self.middle,
                    self.family,
                    self.display,
                    self.organization,
                    self.job_title,
                    self.tags,
                )
            ),
            self.birthday.state(),
            self.reminders.state(),
            self.greet.isChecked(),
            self.status.currentIndex(),
            self.lead_source.currentText(),
            self.channel.currentIndex(),
            self.cadence.value(),
        )

    def derived_name(self) -> str:
        parts = (self.given.text().strip(), self.middle.text().strip(), self.family.text().strip())
        return " ".join(p for p in parts if p)

    # -- organization completion ---------------------------------------------------

    def _find_organizations(self, prefix: str) -> None:
        if not prefix.strip():
            return
        ctx = self.ctx

        def done(rows: list[NamedCount]) -> None:
            if not shiboken6.isValid(self):
                return
            self._org_names.setStringList([r.name for r in rows])
            completer = self.organization.completer()
            if self.organization.hasFocus() and rows and completer is not None:
                completer.complete()

        ctx.runner.run(
            lambda: ctx.services.vocabulary.organizations(prefix, limit=20),
            done,
            lambda _exc: None,  # completion is a convenience; typing still works
            key=f"contact-editor-organizations-{id(self)}",
        )


def _align_labels(*groups: QGroupBox) -> None:
    """Give both forms one label width, so their fields start at the same x."""
    labels = [label for group in groups for label in group.findChildren(QLabel) if label.buddy()]
    width = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(width)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _select(combo: QComboBox, value: str | None) -> None:
    """Select the item whose data is ``value``, adding it if the list lacks it."""
    index = combo.findData(value)
    if index < 0 and value is not None:
        combo.addItem(value, value)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))
