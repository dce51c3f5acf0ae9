"""The calendar pane: month grid with day markers, the day's agenda, a week view.

Everything loads through the task runner with keys, so flipping months
quickly only ever paints the last month asked for. A mutation anywhere
(``runner.changed`` naming events, tasks or contacts) reloads what is shown;
while the pane is hidden the reload waits until it is shown again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.choices import EventStatus
from crm_desktop.domain.errors import ValidationError
from crm_desktop.gui import icons
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.i18n import fmt
from crm_desktop.gui.panes.calendar_agenda import AgendaList
from crm_desktop.gui.panes.calendar_forms import ErrorLabel, if_alive
from crm_desktop.gui.panes.calendar_month import MonthGrid, qdate, week_start
from crm_desktop.gui.panes.calendar_week import WeekView
from crm_desktop.services.calendar_items import Agenda, DayCounts

if TYPE_CHECKING:
    from crm_desktop.services.calendar import CalendarService
from crm_desktop.services.changes import Changes, Saved

MONTH, WEEK = 0, 1


class CalendarPane(QWidget):
    contact_activated = Signal(int)
    month_loaded = Signal()
    day_loaded = Signal()
    week_loaded = Signal()

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("CalendarPane")
        self.setAccessibleName(self.tr("Calendar"))
        self.setMinimumWidth(340)
        self.today = ctx.local_now().date()
        self.selected = self.today
        self.dialog: QWidget | None = None
        self._stale = False
        self._occurrences: dict[int, tuple[str, str, datetime, bool]] = {}
        self._build()
        self.ctx.runner.changed.connect(self._on_changed)
        self.reload()

    # -- building --------------------------------------------------------------

    def _button(
        self, icon: str, tip: str, slot: Callable[[], object], text: str = ""
    ) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icons.icon(icon))
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        if text:
            button.setText(text)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        self.prev_button = self._button("previous", self.tr("Previous (Page Up)"), self.go_previous)
        self.next_button = self._button("next", self.tr("Next (Page Down)"), self.go_next)
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        # Room for the longest month name of the user's language: never "Novemb".
        locale, metrics = QLocale(), QFontMetrics(font)
        longest = max(
            metrics.horizontalAdvance(locale.toString(QDate(2026, m, 1), "MMMM yyyy"))
            for m in range(1, 13)
        )
        self.title.setMinimumWidth(longest + 6)
        self.today_button = self._button(
            "today", self.tr("Today (T)"), self.go_today, self.tr("Today")
        )
        self.month_button = QToolButton(self)
        self.week_button = QToolButton(self)
        self.views = QButtonGroup(self)
        for button, label, mode in (
            (self.month_button, self.tr("Month"), MONTH),
            (self.week_button, self.tr("Week"), WEEK),
        ):
            button.setText(label)
            button.setCheckable(True)
            button.setAccessibleName(fmt(self.tr("%1 view"), label))
            self.views.addButton(button, mode)
        self.month_button.setChecked(True)
        self.views.idClicked.connect(self.set_mode)
        header = QHBoxLayout()
        header.setSpacing(2)
        for widget in (self.prev_button, self.title, self.next_button):
            header.addWidget(widget)
        header.addStretch(1)
        for widget in (self.today_button, self.month_button, self.week_button):
            header.addWidget(widget)

        self.grid = MonthGrid(self.today, self)
        self.grid.setSelectedDate(qdate(self.selected))
        self.day_title = QLabel(self)
        self.day_title.setWordWrap(True)
        self.agenda = AgendaList(self.ctx.zone, self)
        month_page = QWidget(self)
        column = QVBoxLayout(month_page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.grid, 5)
        column.addWidget(self.day_title)
        column.addWidget(self.agenda, 4)
        self.week = WeekView(self.ctx.zone, self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(month_page)
        self.stack.addWidget(self.week)

        self.message = ErrorLabel(self)
        self.new_meeting_button = self._button(
            "meeting-new",
            self.tr("New meeting (Ctrl+Shift+M)"),
            lambda: self.new_meeting(0),
            self.tr("Meeting"),
        )
        self.new_task_button = self._button(
            "task-new", self.tr("New task (Ctrl+T)"), lambda: self.new_task(0), self.tr("Task")
        )
        footer = QHBoxLayout()
        footer.addWidget(self.new_meeting_button)
        footer.addWidget(self.new_task_button)
        footer.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        layout.addLayout(footer)

        self.grid.selectionChanged.connect(self._grid_selection)
        self.grid.currentPageChanged.connect(lambda _y, _m: self._load_month())
        self.grid.activated.connect(lambda _d: self.open_first_item())
        self.grid.today_requested.connect(self.go_today)
        for view in (self.agenda, self.week):
            view.event_activated.connect(self.edit_meeting)
            view.task_activated.connect(self.edit_task)
            view.contact_activated.connect(self.contact_activated)
            view.event_menu_requested.connect(self.show_event_menu)
        self.agenda.task_toggled.connect(self.set_task_done)
        self.week.day_selected.connect(self.select_day)
        self.week.today_requested.connect(self.go_today)
        self.week.first_item_requested.connect(self.open_first_item)
        order = (
            self.prev_button,
            self.next_button,
            self.today_button,
            self.month_button,
            self.week_button,
            self.grid,
            self.agenda,
            self.week,
            self.new_meeting_button,
            self.new_task_button,
        )
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self._update_title()

    # -- navigation ------------------------------------------------------------

    def mode(self) -> int:
        return self.stack.currentIndex()

    def set_mode(self, mode: int) -> None:
        self.stack.setCurrentIndex(mode)
        (self.month_button if mode == MONTH else self.week_button).setChecked(True)
        self._update_title()
        if mode == WEEK:
            self._load_week()
            self.week.setFocus()
            self.week.scroll_to_hour(8)
        else:
            self.grid.setFocus()

    def select_day(self, day: date) -> None:
        if day == self.selected:
            return
        self.selected = day
        self.grid.select(day)  # emits selectionChanged -> loads
        if self.mode() == WEEK:
            self._load_week()
        self._update_title()

    def _grid_selection(self) -> None:
        day = self.grid.selected()
        changed = day != self.selected
        self.selected = day
        self._load_day()
        if changed and self.mode() == WEEK:
            self._load_week()
        self._update_title()

    def go_today(self) -> None:
        self.today = self.ctx.local_now().date()
        self.grid.set_today(self.today)
        self.select_day(self.today)
        (self.week if self.mode() == WEEK else self.grid).setFocus()

    def go_previous(self) -> None:
        self._step(-1)

    def go_next(self) -> None:
        self._step(1)

    def _step(self, direction: int) -> None:
        if self.mode() == WEEK:
            self.select_day(self.selected + timedelta(days=7 * direction))
        else:
            self.grid.move_months(direction)

    def _update_title(self) -> None:
        locale = self.locale()
        if self.mode() == WEEK:
            start = self.week_start()
            end = start + timedelta(days=6)
            first = locale.toString(qdate(start), "d MMM" if start.month != end.month else "d")
            self.title.setText(f"{first}–{locale.toString(qdate(end), 'd MMM yyyy')}")
        else:
            shown = QDate(self.grid.yearShown(), self.grid.monthShown(), 1)
            self.title.setText(locale.toString(shown, "MMMM yyyy"))
        heading = locale.toString(qdate(self.selected), "dddd, d MMMM")
        summary = self.grid.summary_text(self.selected)
        self.day_title.setText(f"<b>{heading}</b>" + (f" — {summary}" if summary else ""))
        self.day_title.setAccessibleName(heading + (f", {summary}" if summary else ""))

    def week_start(self) -> date:
        return week_start(self.selected, self.grid.firstDayOfWeek().value - 1)

    # -- loading ---------------------------------------------------------------

    def _service(self) -> CalendarService:
        return self.ctx.services.calendar

    def reload(self) -> None:
        self._stale = False
        self._load_month()
        self._load_day()
        if self.mode() == WEEK:
            self._load_week()

    def _load_month(self) -> None:
        start, end = self.grid.grid_span()
        zone = self.ctx.zone
        self._update_title()
        self.ctx.runner.run(
            lambda: self._service().summary_between(start, end, zone),
            if_alive(self, self._show_month),
            if_alive(self, self._show_error),
            key="calendar.month",
        )

    def _show_month(self, counts: dict[date, DayCounts]) -> None:
        self.grid.set_counts(counts)
        self._update_title()
        self.month_loaded.emit()

    def _load_day(self) -> None:
        day, zone = self.selected, self.ctx.zone
        self.ctx.runner.run(
            lambda: self._service().agenda_between(day, day + timedelta(days=1), zone),
            if_alive(self, self._show_day),
            if_alive(self, self._show_error),
            key="calendar.day",
        )

    def _show_day(self, agenda: Agenda) -> None:
        self._remember(agenda)
        self.agenda.set_agenda(agenda)
        self.day_loaded.emit()

    def _load_week(self) -> None:
        start, zone = self.week_start(), self.ctx.zone
        self.week.set_week(start, self.selected, self.today)
        self.ctx.runner.run(
            lambda: self._service().agenda_between(start, start + timedelta(days=7), zone),
            if_alive(self, self._show_week),
            if_alive(self, self._show_error),
            key="calendar.week",
        )

    def _show_week(self, agenda: Agenda) -> None:
        self._remember(agenda)
        self.week.set_agenda(agenda)
        self.week_loaded.emit()

    def _remember(self, agenda: Agenda) -> None:
        for event in agenda.events:
            occ = event.occurrence
            self._occurrences.setdefault(
                occ.event_id, (occ.title, occ.status, occ.start, occ.recurring)
            )
            if occ.start.astimezone(self.ctx.zone).date() == self.selected:
                self._occurrences[occ.event_id] = (occ.title, occ.status, occ.start, occ.recurring)

    def _show_error(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.message.show_message(f"{exc.field} {exc.message}.")
        else:
            self.message.show_message(fmt(self.tr("Something went wrong: %1"), exc))

    def _on_changed(self, changes: Changes) -> None:
        if not (changes.events or changes.tasks or changes.contacts or changes.all_contacts):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    # -- actions ---------------------------------------------------------------

    def open_first_item(self) -> None:
        item = self.agenda.first_item()
        if item is not None:
            self.agenda.activate(item)
        else:
            self.new_meeting(0)

    def new_meeting(self, contact_id: int) -> QWidget:
        from crm_desktop.gui.dialogs.meeting_editor import MeetingEditorDialog

        return self._open(
            MeetingEditorDialog(self.ctx, None, self, contact_id=contact_id, day=self.selected)
        )

    def edit_meeting(self, event_id: int) -> QWidget:
        from crm_desktop.gui.dialogs.meeting_editor import MeetingEditorDialog

        return self._open(MeetingEditorDialog(self.ctx, event_id, self))

    def new_task(self, contact_id: int) -> QWidget:
        from crm_desktop.gui.dialogs.task_editor import TaskEditorDialog

        return self._open(
            TaskEditorDialog(self.ctx, None, self, contact_id=contact_id, day=self.selected)
        )

    def edit_task(self, task_id: int) -> QWidget:
        from crm_desktop.gui.dialogs.task_editor import TaskEditorDialog

        return self._open(TaskEditorDialog(self.ctx, task_id, self))

    def _open(self, dialog: QWidget) -> QWidget:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # type: ignore[attr-defined]
        return dialog

    def show_event_menu(self, event_id: int, pos: QPoint) -> None:
        self.event_menu(event_id).exec(pos)

    def event_menu(self, event_id: int) -> QMenu:
        _title, status, _start, _rec = self._occurrences.get(event_id, ("", "", None, False))
        menu = QMenu(self)
        menu.addAction(
            icons.icon("contact-edit"), self.tr("&Edit…"), lambda: self.edit_meeting(event_id)
        )
        held = menu.addAction(
            icons.icon("done"), self.tr("Mark &held…"), lambda: self.ask_mark_held(event_id)
        )
        held.setEnabled(status != EventStatus.HELD)
        cancel = menu.addAction(
            icons.icon("close"),
            self.tr("&Cancel meeting"),
            lambda: self.set_status(event_id, EventStatus.CANCELLED),
        )
        cancel.setEnabled(status != EventStatus.CANCELLED)
        menu.addSeparator()
        menu.addAction(
            icons.icon("trash"), self.tr("&Delete"), lambda: self.delete_meeting(event_id)
        )
        return menu

    def ask_mark_held(self, event_id: int) -> None:
        title = self._occurrences.get(event_id, ("",))[0]
        answer = self._ask_outcome(title)
        if answer is not None:
            self.mark_held(event_id, *answer)

    def _ask_outcome(self, title: str) -> tuple[str, str | None] | None:
        from crm_desktop.gui.dialogs.held_outcome import HeldOutcomeDialog

        dialog = HeldOutcomeDialog(title, self)
        if dialog.exec() != HeldOutcomeDialog.DialogCode.Accepted:
            return None
        return dialog.selected_outcome(), dialog.notes_text()

    def mark_held(self, event_id: int, outcome: str, notes: str | None = None) -> None:
        known = self._occurrences.get(event_id)
        when = known[2] if known and known[3] else None  # the clicked occurrence of a series
        ctx = self.ctx

        def job() -> Saved:
            return ctx.services.events.mark_held(event_id, outcome=outcome, notes=notes, when=when)

        self._mutate(job)

    def set_status(self, event_id: int, status: str) -> None:
        self._mutate(lambda: self.ctx.services.events.set_status(event_id, status))

    def delete_meeting(self, event_id: int) -> None:
        if self._confirm_delete():
            self._mutate(lambda: self.ctx.services.events.delete(event_id))

    def _confirm_delete(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Delete meeting"),
            self.tr("Delete this meeting? A repeating meeting is deleted with all its dates."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def set_task_done(self, task_id: int, done: bool) -> None:
        self._mutate(lambda: self.ctx.services.tasks.set_done(task_id, done))

    def _mutate(self, job: Callable[[], Changes | Saved]) -> None:
        self.message.show_message("")
        self.ctx.runner.mutate(job, None, if_alive(self, self._failed))

    def _failed(self, exc: BaseException) -> None:
        self._show_error(exc)
        self.reload()  # e.g. put a task's tick back as it is stored
