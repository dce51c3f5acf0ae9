"""Create or edit a meeting, call or follow-up (a whole series when it repeats).

Saving goes through ``runner.mutate``; a :class:`ValidationError` from the
service comes back with the field it names and is shown under that field.
Closing with unsaved changes asks first (``_confirm_discard``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from crm_desktop.domain.choices import (
    DEFAULT_REMINDER_MINUTES,
    REMINDER_OFFSET_CHOICES_MINUTES,
    EventStatus,
)
from crm_desktop.domain.dates import localize
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.recurrence import COUNT_MAX, INTERVAL_MAX, Frequency, Recurrence
from crm_desktop.gui import icons
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.i18n import fmt
from crm_desktop.gui.panes.calendar_forms import (
    ContactPicker,
    ErrorLabel,
    if_alive,
    kind_icon,
    kind_labels,
    py_date,
    py_time,
    reminder_label,
    status_labels,
)
from crm_desktop.services.calendar_items import EventDetail
from crm_desktop.services.changes import Changes, Saved
from crm_desktop.services.dto import EventInput


class MeetingEditorDialog(QDialog):
    saved = Signal(int)  # the event id
    loaded = Signal()

    def __init__(
        self,
        ctx: GuiContext,
        event_id: int | None = None,
        parent: QWidget | None = None,
        *,
        contact_id: int = 0,
        day: date | None = None,
        start: time | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.setWindowTitle(self.tr("Edit meeting") if event_id else self.tr("New meeting"))
        self.setWindowIcon(icons.icon("meeting-new"))
        self.setMinimumWidth(500)
        self._build()
        self._set_when(day or ctx.local_now().date(), start or _next_half_hour(ctx))
        self._baseline = self._snapshot()
        if event_id:
            self._set_busy(True)
            ctx.runner.run(
                lambda: ctx.services.calendar.event_detail(event_id),
                if_alive(self, self._fill),
                if_alive(self, self._load_failed),
            )
        elif contact_id:
            ctx.runner.run(
                lambda: ctx.services.calendar.contact_names([contact_id]),
                if_alive(self, self._preselect),
            )

    # -- building --------------------------------------------------------------

    def _build(self) -> None:
        self.errors: dict[str, ErrorLabel] = {}
        self._captions: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form

        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(self.tr("e.g. Offer review with Anna"))
        self._row(self.tr("&Title:"), self.title_edit, "Title")
        self.kind = QComboBox(self)
        for value, label in kind_labels().items():
            self.kind.addItem(icons.icon(kind_icon(value)), label, str(value))
        self._row(self.tr("&Kind:"), self.kind, "Kind")

        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.start_edit = QTimeEdit(self)
        self.start_edit.setDisplayFormat("HH:mm")
        self.duration = QSpinBox(self)
        self.duration.setRange(0, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setValue(60)
        self.duration.setSuffix(self.tr(" min"))
        self.ends_label = QLabel(self)
        self.all_day = QCheckBox(self.tr("All &day"), self)
        when = QWidget(self)
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        for part in (self.date_edit, self.start_edit, self.duration, self.ends_label):
            row.addWidget(part)
        row.addStretch(1)
        row.addWidget(self.all_day)
        self._row(self.tr("&When:"), when, "Start", self.date_edit)
        self.errors["End"] = self.errors["Start"]
        self.errors["Time zone"] = self.errors["Start"]

        self.location = QLineEdit(self)
        self.location.setPlaceholderText(self.tr("Address, room or video link"))
        self._row(self.tr("&Location:"), self.location, "Location")
        self.contacts = ContactPicker(self.ctx, self)
        self._row(self.tr("C&ontacts:"), self.contacts, "Contacts", self.contacts.search)

        reminders = QWidget(self)
        grid = QGridLayout(reminders)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.reminder_boxes: dict[int, QCheckBox] = {}
        for i, minutes in enumerate(REMINDER_OFFSET_CHOICES_MINUTES):
            box = QCheckBox(reminder_label(minutes), reminders)
            box.setAccessibleName(fmt(self.tr("Remind %1 before"), reminder_label(minutes)))
            box.setChecked(minutes == DEFAULT_REMINDER_MINUTES)
            self.reminder_boxes[minutes] = box
            grid.addWidget(box, i // 3, i % 3)
        self._row(
            self.tr("&Remind me:"),
            reminders,
            "Reminders",
            self.reminder_boxes[REMINDER_OFFSET_CHOICES_MINUTES[0]],
        )

        self.freq = QComboBox(self)
        self.freq.addItem(self.tr("Does not repeat"), "")
        for value, label in (
            (Frequency.DAILY, self.tr("Daily")),
            (Frequency.WEEKLY, self.tr("Weekly")),
            (Frequency.MONTHLY, self.tr("Monthly")),
            (Frequency.YEARLY, self.tr("Yearly")),
        ):
            self.freq.addItem(label, str(value))
        self.interval = QSpinBox(self)
        self.interval.setRange(1, INTERVAL_MAX)
        self.interval.setPrefix(self.tr("every "))
        self.ends = QComboBox(self)
        self.ends.addItems([self.tr("forever"), self.tr("until"), self.tr("times:")])
        self.until = QDateEdit(self)
        self.until.setCalendarPopup(True)
        self.count = QSpinBox(self)
        self.count.setRange(1, COUNT_MAX)
        self.count.setValue(10)
        repeat = QWidget(self)
        row = QHBoxLayout(repeat)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.freq, self.interval, self.ends, self.until, self.count):
            row.addWidget(widget)
        row.addStretch(1)
        self._row(self.tr("Re&peat:"), repeat, "Repeat", self.freq)
        self.errors["Repeat every"] = self.errors["Number of occurrences"] = self.errors["Repeat"]
        self.interval.setAccessibleName(self.tr("Repeat every"))
        self.ends.setAccessibleName(self.tr("Repeat ends"))
        self.until.setAccessibleName(self.tr("Repeat until"))
        self.count.setAccessibleName(self.tr("Number of occurrences"))

        self.status = QComboBox(self)
        for value, label in status_labels().items():
            self.status.addItem(label, str(value))
        self._row(self.tr("&Status:"), self.status, "Status")
        self.status_label = self._captions["Status"]
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(72)
        self._row(self.tr("&Notes:"), self.notes, "Notes")

        self.general_error = ErrorLabel(self)
        form.addRow(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

        status_row = self.errors["Status"].parentWidget()
        assert status_row is not None
        status_row.setVisible(bool(self.event_id))
        self.status_label.setVisible(bool(self.event_id))
        self.all_day.toggled.connect(self._sync)
        self.freq.currentIndexChanged.connect(self._sync)
        self.ends.currentIndexChanged.connect(self._sync)
        self.freq.currentIndexChanged.connect(self._freq_unit)
        self.start_edit.timeChanged.connect(self._sync)
        self.duration.valueChanged.connect(self._sync)
        self._freq_unit()
        self._sync()

    def _row(
        self, label: str, field: QWidget, error_key: str, buddy: QWidget | None = None
    ) -> None:
        holder = QWidget(self)
        column = QFormLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setVerticalSpacing(2)
        column.addRow(field)
        error = ErrorLabel(holder)
        column.addRow(error)
        self.errors[error_key] = error
        self.form.addRow(label, holder)
        caption = self.form.labelForField(holder)
        if isinstance(caption, QLabel):
            caption.setBuddy(buddy or field)
        (buddy or field).setAccessibleName(label.replace("&", "").rstrip(":"))
        self._captions[error_key] = caption

    def _sync(self) -> None:
        timed = not self.all_day.isChecked()
        for widget in (self.start_edit, self.duration, self.ends_label):
            widget.setEnabled(timed)
        start = datetime.combine(date.today(), py_time(self.start_edit.time()))
        end = start + timedelta(minutes=self.duration.value())
        self.ends_label.setText(fmt(self.tr("until %1"), end.strftime("%H:%M")) if timed else "")
        repeats = bool(self.freq.currentData())
        self.interval.setVisible(repeats)
        self.ends.setVisible(repeats)
        self.until.setVisible(repeats and self.ends.currentIndex() == 1)
        self.count.setVisible(repeats and self.ends.currentIndex() == 2)

    def _freq_unit(self) -> None:
        units = {
            "daily": self.tr(" day(s)"),
            "weekly": self.tr(" week(s)"),
            "monthly": self.tr(" month(s)"),
            "yearly": self.tr(" year(s)"),
        }
        self.interval.setSuffix(units.get(str(self.freq.currentData()), ""))

    # -- values ----------------------------------------------------------------

    def _set_when(self, day: date, start: time) -> None:
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.start_edit.setTime(QTime(start.hour, start.minute))
        until = day + timedelta(days=90)
        self.until.setDate(QDate(until.year, until.month, until.day))

    def _preselect(self, names: dict[int, str]) -> None:
        self.contacts.set_contacts(list(names.items()))
        self._baseline = self._snapshot()
        self.loaded.emit()

    def _fill(self, detail: EventDetail) -> None:
        occ = detail.occurrence
        local = occ.start.astimezone(self.ctx.zone)
        self.title_edit.setText(occ.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(occ.kind)))
        self.all_day.setChecked(occ.all_day)
        self._set_when(local.date(), local.time())
        self.duration.setValue(int((occ.end - occ.start).total_seconds() // 60))
        self.location.setText(occ.location or "")
        self.contacts.set_contacts(detail.contacts)
        for minutes, box in self.reminder_boxes.items():
            box.setChecked(minutes in occ.reminder_minutes)
        rule = detail.recurrence
        self.freq.setCurrentIndex(self.freq.findData(str(rule.freq)) if rule else 0)
        if rule is not None:
            self.interval.setValue(rule.interval)
            self.ends.setCurrentIndex(1 if rule.until else 2 if rule.count else 0)
            if rule.until:
                self.until.setDate(QDate(rule.until.year, rule.until.month, rule.until.day))
            if rule.count:
                self.count.setValue(rule.count)
        self.status.setCurrentIndex(max(0, self.status.findData(occ.status)))
        self.notes.setPlainText(detail.notes or "")
        self._baseline = self._snapshot()
        self._set_busy(False)
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self.general_error.show_message(
            fmt(self.tr("This meeting could not be opened: %1"), str(exc))
        )
        self.save_button.setEnabled(False)

    def _snapshot(self) -> tuple[object, ...]:
        return (
            self.title_edit.text(),
            self.kind.currentData(),
            self.date_edit.date(),
            self.start_edit.time(),
            self.duration.value(),
            self.all_day.isChecked(),
            self.location.text(),
            self.contacts.contact_ids(),
            tuple(m for m, b in self.reminder_boxes.items() if b.isChecked()),
            self.freq.currentData(),
            self.interval.value(),
            self.ends.currentIndex(),
            self.until.date(),
            self.count.value(),
            self.status.currentData(),
            self.notes.toPlainText(),
        )

    def is_dirty(self) -> bool:
        return self._snapshot() != self._baseline

    def recurrence(self) -> Recurrence | None:
        freq = str(self.freq.currentData() or "")
        if not freq:
            return None
        ends = self.ends.currentIndex()
        return Recurrence(
            Frequency(freq),
            self.interval.value(),
            until=py_date(self.until.date()) if ends == 1 else None,
            count=self.count.value() if ends == 2 else None,
        )

    def to_input(self) -> EventInput:
        """The form as a service input (raises ValidationError for a bad repeat rule)."""
        zone = self.ctx.zone
        day = py_date(self.date_edit.date())
        wall = datetime.combine(day, py_time(self.start_edit.time()))
        if self.all_day.isChecked():
            wall = datetime.combine(day, time())
            end_wall = wall + timedelta(days=1)
        else:
            end_wall = wall + timedelta(minutes=self.duration.value())
        return EventInput(
            title=self.title_edit.text(),
            start=localize(wall, zone),
            end=localize(end_wall, zone),
            timezone=zone.key,
            kind=str(self.kind.currentData()),
            all_day=self.all_day.isChecked(),
            location=self.location.text(),
            notes=self.notes.toPlainText(),
            contact_ids=self.contacts.contact_ids(),
            reminder_minutes=tuple(m for m, b in self.reminder_boxes.items() if b.isChecked()),
            status=str(self.status.currentData()) if self.event_id else EventStatus.PLANNED,
            recurrence=self.recurrence(),
        )

    # -- saving ----------------------------------------------------------------

    def save(self) -> None:
        self._clear_errors()
        try:
            data = self.to_input()
        except ValidationError as exc:
            self._show_error(exc)
            return
        ctx, event_id = self.ctx, self.event_id

        def job() -> Saved:
            service = ctx.services.events
            return service.update(event_id, data) if event_id else service.create(data)

        self._set_busy(True)
        self.ctx.runner.mutate(job, if_alive(self, self._saved), if_alive(self, self._failed))

    def _saved(self, result: Changes | Saved) -> None:
        assert isinstance(result, Saved)
        self.event_id = result.id
        self._baseline = self._snapshot()
        self._set_busy(False)
        self.saved.emit(result.id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ValidationError):
            self._show_error(exc)
        else:
            self.general_error.show_message(fmt(self.tr("Could not save: %1"), str(exc)))

    def _show_error(self, exc: ValidationError) -> None:
        label = self.errors.get(exc.field, self.general_error)
        label.show_message(f"{exc.field} {exc.message}.")

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.general_error):
            label.show_message("")

    def _set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr("Discard the changes to this meeting?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        if self.is_dirty() and not self._confirm_discard():
            return
        super().reject()


def _next_half_hour(ctx: GuiContext) -> time:
    now = ctx.local_now()
    minutes = min(now.hour * 60 + now.minute + 30 - (now.minute % 30), 23 * 60 + 30)
    return time(minutes // 60, minutes % 60)
