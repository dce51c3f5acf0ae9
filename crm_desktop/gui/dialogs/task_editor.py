"""Create or edit a task: due on a day, at a time, or whenever; one linked contact."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTimeEdit,
    QWidget,
)

from crm_desktop.domain.choices import TaskPriority
from crm_desktop.domain.dates import localize
from crm_desktop.domain.errors import ValidationError
from crm_desktop.gui import icons
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.i18n import fmt
from crm_desktop.gui.panes.calendar_forms import (
    ContactPicker,
    ErrorLabel,
    if_alive,
    py_date,
    py_time,
)
from crm_desktop.services.changes import Changes, Saved
from crm_desktop.services.dto import TaskInput, TaskRow

NO_DUE, ON_DAY, AT_TIME = range(3)


class TaskEditorDialog(QDialog):
    saved = Signal(int)  # the task id
    loaded = Signal()

    def __init__(
        self,
        ctx: GuiContext,
        task_id: int | None = None,
        parent: QWidget | None = None,
        *,
        contact_id: int = 0,
        day: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task_id = task_id
        self.setWindowTitle(self.tr("Edit task") if task_id else self.tr("New task"))
        self.setWindowIcon(icons.icon("task-new"))
        self.setMinimumWidth(440)
        self._build(day or ctx.local_now().date())
        self._baseline = self._snapshot()
        if task_id:
            self.save_button.setEnabled(False)

            def load() -> tuple[TaskRow, dict[int, str]]:
                row = ctx.services.tasks.get(task_id)
                ids = [row.contact_id] if row.contact_id else []
                return row, ctx.services.calendar.contact_names(ids)

            ctx.runner.run(load, if_alive(self, self._fill), if_alive(self, self._load_failed))
        elif contact_id:
            ctx.runner.run(
                lambda: ctx.services.calendar.contact_names([contact_id]),
                if_alive(self, self._preselect),
            )

    def _build(self, day: date) -> None:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form
        self.errors: dict[str, ErrorLabel] = {}
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(self.tr("e.g. Send the offer to Anna"))
        self._row(self.tr("&Title:"), self.title_edit, "Title")

        self.due_mode = QComboBox(self)
        self.due_mode.addItems([self.tr("No due date"), self.tr("On a day"), self.tr("At a time")])
        self.due_date = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.due_date.setCalendarPopup(True)
        self.due_date.setAccessibleName(self.tr("Due day"))
        self.due_time = QTimeEdit(QTime(9, 0), self)
        self.due_time.setDisplayFormat("HH:mm")
        self.due_time.setAccessibleName(self.tr("Due time"))
        due = QWidget(self)
        row = QHBoxLayout(due)
        row.setContentsMargins(0, 0, 0, 0)
        for part in (self.due_mode, self.due_date, self.due_time):
            row.addWidget(part)
        row.addStretch(1)
        self._row(self.tr("&Due:"), due, "Due", self.due_mode)

        self.priority = QComboBox(self)
        labels = {
            TaskPriority.NONE: self.tr("None"),
            TaskPriority.LOW: self.tr("Low"),
            TaskPriority.NORMAL: self.tr("Normal"),
            TaskPriority.HIGH: self.tr("High"),
        }
        for value, label in labels.items():
            self.priority.addItem(label, int(value))
        self._row(self.tr("&Priority:"), self.priority, "Priority")
        self.contact = ContactPicker(self.ctx, self, single=True)
        self._row(self.tr("C&ontact:"), self.contact, "Contact", self.contact.search)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(90)
        self._row(self.tr("&Notes:"), self.notes, "Notes")

        self.general_error = ErrorLabel(self)
        form.addRow(self.general_error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.due_mode.setCurrentIndex(ON_DAY)
        self.due_mode.currentIndexChanged.connect(self._sync)
        self._sync()

    def _row(self, label: str, field: QWidget, key: str, buddy: QWidget | None = None) -> None:
        holder = QWidget(self)
        column = QFormLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setVerticalSpacing(2)
        column.addRow(field)
        self.errors[key] = ErrorLabel(holder)
        column.addRow(self.errors[key])
        self.form.addRow(label, holder)
        caption = self.form.labelForField(holder)
        if isinstance(caption, QLabel):
            caption.setBuddy(buddy or field)
        (buddy or field).setAccessibleName(label.replace("&", "").rstrip(":"))

    def _sync(self) -> None:
        mode = self.due_mode.currentIndex()
        self.due_date.setVisible(mode != NO_DUE)
        self.due_time.setVisible(mode == AT_TIME)

    # -- values ----------------------------------------------------------------

    def _preselect(self, names: dict[int, str]) -> None:
        self.contact.set_contacts(list(names.items()))
        self._baseline = self._snapshot()
        self.loaded.emit()

    def _fill(self, loaded: tuple[TaskRow, dict[int, str]]) -> None:
        row, names = loaded
        self.title_edit.setText(row.title)
        if row.due_at is not None:
            local = row.due_at.astimezone(self.ctx.zone)
            self.due_mode.setCurrentIndex(AT_TIME)
            self.due_date.setDate(QDate(local.year, local.month, local.day))
            self.due_time.setTime(QTime(local.hour, local.minute))
        elif row.due_date is not None:
            self.due_mode.setCurrentIndex(ON_DAY)
            d = row.due_date
            self.due_date.setDate(QDate(d.year, d.month, d.day))
        else:
            self.due_mode.setCurrentIndex(NO_DUE)
        self.priority.setCurrentIndex(max(0, self.priority.findData(row.priority)))
        self.contact.set_contacts(list(names.items()))
        self.notes.setPlainText(row.notes or "")
        self._baseline = self._snapshot()
        self.save_button.setEnabled(True)
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self.general_error.show_message(fmt(self.tr("This task could not be opened: %1"), exc))

    def _snapshot(self) -> tuple[object, ...]:
        return (
            self.title_edit.text(),
            self.due_mode.currentIndex(),
            self.due_date.date(),
            self.due_time.time(),
            self.priority.currentData(),
            self.contact.contact_ids(),
            self.notes.toPlainText(),
        )

    def is_dirty(self) -> bool:
        return self._snapshot() != self._baseline

    def to_input(self) -> TaskInput:
        mode = self.due_mode.currentIndex()
        day = py_date(self.due_date.date())
        due_at: datetime | None = None
        if mode == AT_TIME:
            due_at = localize(datetime.combine(day, py_time(self.due_time.time())), self.ctx.zone)
        ids = self.contact.contact_ids()
        return TaskInput(
            title=self.title_edit.text(),
            due_date=day if mode == ON_DAY else None,
            due_at=due_at,
            priority=int(self.priority.currentData()),
            contact_id=ids[0] if ids else None,
            notes=self.notes.toPlainText(),
        )

    # -- saving ----------------------------------------------------------------

    def save(self) -> None:
        for label in (*self.errors.values(), self.general_error):
            label.show_message("")
        data = self.to_input()
        ctx, task_id = self.ctx, self.task_id

        def job() -> Saved:
            tasks = ctx.services.tasks
            return tasks.update(task_id, data) if task_id else tasks.create(data)

        self.save_button.setEnabled(False)
        ctx.runner.mutate(job, if_alive(self, self._saved), if_alive(self, self._failed))

    def _saved(self, result: Changes | Saved) -> None:
        assert isinstance(result, Saved)
        self.task_id = result.id
        self._baseline = self._snapshot()
        self.save_button.setEnabled(True)
        self.saved.emit(result.id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            label = self.errors.get(exc.field, self.general_error)
            label.show_message(f"{exc.field} {exc.message}.")
        else:
            self.general_error.show_message(fmt(self.tr("Could not save: %1"), exc))

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr("Discard the changes to this task?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        if self.is_dirty() and not self._confirm_discard():
            return
        super().reject()
