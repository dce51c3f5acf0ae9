"""Building blocks of the contact editor: inline problems and checks on leaving a field.

Why a check per input instead of one "validate the form" pass: the user
should learn that an e-mail is wrong when leaving it, next to it, in plain
words, not after pressing Save on the fifth tab. Save then runs every check
again and refuses while any fails. The rules are the domain's own
(``validate_email``, ``parse_phone``, ``clean_text``), so what the editor
accepts is exactly what the service accepts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.lead_days import MAX_LEAD_DAYS, MAX_OWN_LEADS, LeadDaysError, parse_typed
from crm_desktop.domain.text import NAME_MAX, NOTES_MAX, SHORT_TEXT_MAX, clean_text
from crm_desktop.gui import icons, theme
from crm_desktop.gui.plurals import plurals

Validate = Callable[[], str | None]

# The built-in global default (ReminderSettings.birthday_days), until the editor has read
# the user's setting; also what "Custom" starts from when the default is muted.
DEFAULT_BIRTHDAY_LEADS = (7, 0)


def tr(text: str) -> str:
    return QCoreApplication.translate("ContactEditor", text)


def problem(field_label: str, exc: ValidationError) -> str:
    """ "E-mail is not a valid e-mail address: the @ sign is missing." """
    message = exc.message.rstrip(".")
    return tr("%1 %2.").replace("%1", field_label).replace("%2", message)


def text_check(
    widget: QLineEdit | QPlainTextEdit | QComboBox, field_label: str, *, limit: int = SHORT_TEXT_MAX
) -> Validate:
    """A check of one free-text input against the domain's length and character rules."""
    multiline = isinstance(widget, QPlainTextEdit)

    def validate() -> str | None:
        try:
            clean_text(
                widget_text(widget), field=field_label, max_length=limit, multiline=multiline
            )
        except ValidationError as exc:
            return problem(field_label, exc)
        return None

    return validate


NAME_LIMIT = NAME_MAX
NOTES_LIMIT = NOTES_MAX


def widget_text(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    raise TypeError(type(widget).__name__)


def or_none(text: str) -> str | None:
    return text if text.strip() else None


class ErrorLabel(QLabel):
    """A red, word-wrapped line under a field; hidden while there is nothing to say.

    Several checks may share one label (the parts of an address): each owner
    sets or clears its own problem and the first one is shown.
    """

    def __init__(self, field_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problems: dict[int, str] = {}
        self._order: list[int] = []
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(tr("Problem with %1").replace("%1", field_label))
        theme.mark_as_problem(self)
        self.hide()

    def set_problem(self, owner: object, message: str | None) -> None:
        key = id(owner)
        if key not in self._order:
            self._order.append(key)
        if message:
            self._problems[key] = message
        else:
            self._problems.pop(key, None)
        self._refresh()

    def clear_all(self) -> None:
        self._problems.clear()
        self._refresh()

    def message(self) -> str:
        return self.text()

    def _refresh(self) -> None:
        shown = next((self._problems[k] for k in self._order if k in self._problems), "")
        self.setText(shown)
        self.setAccessibleDescription(shown)
        self.setVisible(bool(shown))


class FieldCheck(QObject):
    """Runs ``validate`` when the user leaves ``widget`` and shows the answer in ``label``.

    While a problem is shown, every edit re-checks, so the message goes away
    as soon as the input is fixed.
    """

    def __init__(
        self, widget: QWidget, label: ErrorLabel, validate: Validate, extra: Iterable[QWidget] = ()
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.label = label
        self._validate = validate
        self.message: str | None = None
        self._group = (widget, *extra)
        for w in self._group:
            w.installEventFilter(self)
            _change_signal(w, self._recheck_if_shown)

    def check(self) -> bool:
        self.message = self._validate()
        self.label.set_problem(self, self.message)
        self.widget.setAccessibleDescription(self.message or "")
        return self.message is None

    def show_message(self, message: str) -> None:
        """Show a problem found elsewhere (the service) until the next edit fixes it."""
        self.message = message
        self.label.set_problem(self, message)
        self.widget.setAccessibleDescription(message)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.FocusOut
            and isinstance(event, QFocusEvent)
            and event.reason() != Qt.FocusReason.PopupFocusReason
            and not self._focus_stays_in_group()
        ):
            self.check()
        return False

    def _focus_stays_in_group(self) -> bool:
        """Moving from the day to the month of one date is not leaving the field."""
        new = QApplication.focusWidget()
        return new is not None and any(w is new or w.isAncestorOf(new) for w in self._group)

    def _recheck_if_shown(self, *_: object) -> None:
        if self.message is not None:
            self.check()


def _change_signal(widget: QWidget, slot: Callable[..., None]) -> None:
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentTextChanged.connect(slot)
    elif isinstance(widget, QAbstractSpinBox):
        widget.editingFinished.connect(slot)


def run_checks(checks: Sequence[FieldCheck]) -> FieldCheck | None:
    """Run every check (so every problem shows at once); return the first failing one."""
    first: FieldCheck | None = None
    for check in checks:
        if not check.check() and first is None:
            first = check
    return first


def with_error(field: QWidget, error: ErrorLabel, parent: QWidget | None = None) -> QWidget:
    """``field`` with its error line underneath, as one cell of a form."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(error)
    return box


# Labels offered for e-mails, phones and addresses. The stored value is the
# untranslated key; anything else the user types is stored as typed.
def label_names() -> dict[str, str]:
    return {
        "work": tr("work"),
        "home": tr("home"),
        "mobile": tr("mobile"),
        "other": tr("other"),
    }


class LabelCombo(QComboBox):
    """An editable combo of labels (work, home, mobile, other, or anything typed)."""

    def __init__(
        self, keys: Sequence[str], accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        names = label_names()
        for key in keys:
            self.addItem(names.get(key, key), key)
        self.setAccessibleName(accessible_name)
        self.setMinimumContentsLength(8)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def value(self) -> str | None:
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0 and text:
            return str(self.itemData(index))
        return text or None

    def set_value(self, value: str | None) -> None:
        index = self.findData(value) if value else -1
        if index < 0 and value:
            index = self.findText(value, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(value or "")


def remove_button(accessible_name: str, parent: QWidget | None = None) -> QToolButton:
    button = QToolButton(parent)
    button.setIcon(icons.icon("trash"))
    button.setToolTip(accessible_name)
    button.setAccessibleName(accessible_name)
    button.setAutoRaise(True)
    return button


def parse_lead_days(text: str) -> tuple[int, ...]:
    """'7, 1, 0' -> (7, 1, 0): deduplicated, sorted descending.

    Raises ValueError with a plain-words problem (without the field name, never the value).
    """
    try:
        days = parse_typed(text, most=MAX_OWN_LEADS)
    except LeadDaysError as bad:
        if bad.problem == LeadDaysError.NOT_A_NUMBER:
            raise ValueError(tr("must be whole numbers of days, separated by commas")) from None
        if bad.problem == LeadDaysError.OUT_OF_RANGE:
            raise ValueError(
                tr("must be between 0 and %1 days before").replace("%1", str(MAX_LEAD_DAYS))
            ) from None
        raise ValueError(
            tr("has too many entries (at most %1)").replace("%1", str(MAX_OWN_LEADS))
        ) from None
    if not days:
        raise ValueError(tr("needs at least one number of days, such as 7, 1, 0"))
    return days[::-1]


def _and_list(values: Sequence[int]) -> str:
    """(7, 1, 0) -> '7, 1 and 0'."""
    words = [str(v) for v in values]
    if len(words) < 2:
        return "".join(words)
    return tr("%1 and %2").replace("%1", ", ".join(words[:-1])).replace("%2", words[-1])


def default_leads_label(days: Sequence[int]) -> str:
    """The "Default" choice, saying what the default is (Settings > Reminders) right now."""
    leads = sorted(set(days), reverse=True)
    if not leads:
        return tr("Default (no reminder)")
    if leads == [0]:
        return tr("Default (on the day)")
    if len(leads) == 1:
        return plurals().default_days_before(leads[0])
    return tr("Default (%1 days before)").replace("%1", _and_list(leads))


class BirthdayRemindersEdit(QWidget):
    """Remind: the default lead days, none, or the contact's own ("7, 1, 0 days before").

    Why the default is spelled out: "Default" alone hides what will happen;
    the editor reads the user's setting when it loads and calls
    :meth:`set_default_days`, so the label never shows a stale built-in value.
    """

    DEFAULT, MUTED, CUSTOM = 0, 1, 2

    def __init__(
        self, default_days: Sequence[int] = DEFAULT_BIRTHDAY_LEADS, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._default = tuple(sorted(set(default_days), reverse=True))
        self.mode = QComboBox(self)
        self.mode.addItem(default_leads_label(self._default))
        self.mode.addItem(tr("Don't remind"))
        self.mode.addItem(tr("Custom:"))
        self.mode.setAccessibleName(tr("Birthday reminders"))
        self.days = QLineEdit(self)
        self.days.setPlaceholderText("7, 1, 0")
        self.days.setAccessibleName(tr("Days before the birthday"))
        self.days.setToolTip(
            tr("Up to %1 numbers from 0 (on the day) to %2, separated by commas.")
            .replace("%1", str(MAX_OWN_LEADS))
            .replace("%2", str(MAX_LEAD_DAYS))
        )
        self.days.setMaximumWidth(140)
        self.suffix = QLabel(tr("days before"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.mode)
        layout.addWidget(self.days)
        layout.addWidget(self.suffix)
        layout.addStretch(1)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._mode_changed(self.mode.currentIndex())

    def _mode_changed(self, index: int) -> None:
        custom = index == self.CUSTOM
        self.days.setEnabled(custom)
        self.suffix.setEnabled(custom)
        if custom and not self.days.text().strip():
            start = self._default or DEFAULT_BIRTHDAY_LEADS
            self.days.setText(", ".join(str(d) for d in start))

    def set_default_days(self, days: Sequence[int]) -> None:
        """The user's default lead days (ReminderSettings.birthday_days); () means muted."""
        self._default = tuple(sorted(set(days), reverse=True))
        self.mode.setItemText(self.DEFAULT, default_leads_label(self._default))

    def set_value(self, days: tuple[int, ...] | None) -> None:
        if days is None:
            self.days.clear()
            self.mode.setCurrentIndex(self.DEFAULT)
        elif not days:
            self.days.clear()
            self.mode.setCurrentIndex(self.MUTED)
        else:
            self.days.setText(", ".join(str(d) for d in sorted(set(days), reverse=True)))
            self.mode.setCurrentIndex(self.CUSTOM)

    def value(self) -> tuple[int, ...] | None:
        """None: the default; (): don't remind; raises ValueError on bad custom days."""
        index = self.mode.currentIndex()
        if index == self.DEFAULT:
            return None
        if index == self.MUTED:
            return ()
        return parse_lead_days(self.days.text())

    def problem(self, field_label: str) -> str | None:
        try:
            self.value()
        except ValueError as exc:
            return tr("%1 %2.").replace("%1", field_label).replace("%2", str(exc))
        return None

    def state(self) -> tuple[int, str]:
        return (self.mode.currentIndex(), self.days.text() if self.days.isEnabled() else "")
