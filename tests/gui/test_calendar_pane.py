"""CalendarPane: month markers, the day's agenda, week blocks, actions, stale loads."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget

from crm_desktop.domain.dates import PartialDate
from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.panes.calendar import WEEK, CalendarPane
from crm_desktop.gui.panes.calendar_agenda import EVENT, TASK
from crm_desktop.gui.panes.calendar_week import FIRST_HOUR, HOUR_HEIGHT
from crm_desktop.services.calendar import DayCounts
from crm_desktop.services.dto import ContactInput, EventInput, TaskInput
from crm_desktop.services.registry import Services
from tests.gui.conftest import ZONE
from tests.support.qt import wait_idle


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), ZONE)


def meeting(services: Services, title: str, start: datetime, minutes: int = 60, **kw: Any) -> int:
    data = EventInput(
        title=title, start=start, end=start + timedelta(minutes=minutes), timezone=ZONE.key, **kw
    )
    return services.events.create(data).id


@pytest.fixture
def pane(qtbot: Any, gui_ctx: GuiContext) -> CalendarPane:
    widget = CalendarPane(gui_ctx)
    qtbot.addWidget(widget)
    widget.resize(400, 720)
    widget.show()
    wait_idle(qtbot, gui_ctx.runner)
    return widget


def show_day(qtbot: Any, pane: CalendarPane, day: date) -> None:
    pane.select_day(day)
    wait_idle(qtbot, pane.ctx.runner)
    assert pane.grid.monthShown() == day.month


def test_month_markers_count_series_tasks_and_leap_day_birthday(
    qtbot: Any, pane: CalendarPane, services: Services
) -> None:
    monday = date(2027, 2, 1)
    meeting(services, "Weekly", at(monday, 9), recurrence=Recurrence(Frequency.WEEKLY))
    meeting(services, "Second", at(date(2027, 2, 8), 15))
    services.tasks.create(TaskInput(title="Pay", due_date=date(2027, 2, 8)))
    services.contacts.create(
        ContactInput(
            given_name="Ελένη", family_name="Παπαδοπούλου", birthday=PartialDate(2, 29, 2000)
        )
    )
    with qtbot.waitSignal(pane.month_loaded):
        show_day(qtbot, pane, date(2027, 2, 10))
    counts = pane.grid.counts
    for day in (1, 15, 22):
        assert counts[date(2027, 2, day)] == DayCounts(meetings=1)
    assert counts[date(2027, 2, 8)] == DayCounts(meetings=2, tasks=1)
    assert counts[date(2027, 2, 28)] == DayCounts(birthdays=1)  # 2027 is a common year
    assert date(2027, 3, 1) in counts  # the grid shows the first week of March: Monday 1 March


def test_grid_span_matches_what_qt_draws(pane: CalendarPane) -> None:
    pane.grid.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
    pane.grid.setCurrentPage(2027, 2)  # starts on a Monday: Qt shows a week of January first
    start, end = pane.grid.grid_span()
    assert start == date(2027, 1, 25) and end == date(2027, 3, 8)


def test_agenda_lists_the_day_in_time_order(
    qtbot: Any, pane: CalendarPane, services: Services
) -> None:
    day = date(2026, 11, 24)
    anna = services.contacts.create(ContactInput(given_name="Anna", family_name="Szabó")).id
    services.contacts.create(
        ContactInput(
            given_name="Ελένη", family_name="Παπαδοπούλου", birthday=PartialDate(11, 24, 1980)
        )
    )
    meeting(services, "Afternoon", at(day, 15), location="Andrássy út 1", contact_ids=(anna,))
    meeting(services, "Morning", at(day, 8, 30))
    services.tasks.create(TaskInput(title="Invoice", due_at=at(day, 11)))
    with qtbot.waitSignal(pane.day_loaded):
        pane.select_day(day)
    texts = pane.agenda.texts()
    assert texts[0].startswith("08:30–09:30   Morning")
    assert texts[1].startswith("15:00–16:00   Afternoon")
    assert "Andrássy út 1 · Anna Szabó" in texts[1]
    assert texts[2] == "11:00   Invoice"
    assert texts[3] == "Ελένη Παπαδοπούλου turns 46"


def test_task_checkbox_persists(qtbot: Any, pane: CalendarPane, services: Services) -> None:
    day = date(2026, 11, 24)
    task_id = services.tasks.create(TaskInput(title="Call back", due_date=day)).id
    with qtbot.waitSignal(pane.day_loaded):
        pane.select_day(day)
    (item,) = pane.agenda.items_of(TASK)
    with qtbot.waitSignal(pane.ctx.runner.changed):
        item.setCheckState(Qt.CheckState.Checked)
    wait_idle(qtbot, pane.ctx.runner)
    assert services.tasks.get(task_id).done
    (item,) = pane.agenda.items_of(TASK)  # reloaded after the change
    assert item.checkState() == Qt.CheckState.Checked


def test_mark_held_logs_an_interaction(qtbot: Any, pane: CalendarPane, services: Services) -> None:
    day = date(2026, 11, 24)
    anna = services.contacts.create(ContactInput(given_name="Anna", family_name="Szabó")).id
    event_id = meeting(services, "Offer review", at(day, 10), contact_ids=(anna,))
    with qtbot.waitSignal(pane.day_loaded):
        pane.select_day(day)
    pane._ask_outcome = lambda title: ("follow_up_needed", "Send revised offer")  # type: ignore[method-assign]
    with qtbot.waitSignal(pane.ctx.runner.changed):
        pane.ask_mark_held(event_id)
    wait_idle(qtbot, pane.ctx.runner)
    assert services.events.get(event_id).status == "held"
    rows, _cursor = services.interactions.timeline(anna)
    assert [(r.outcome, r.notes, r.subject) for r in rows] == [
        ("follow_up_needed", "Send revised offer", "Offer review")
    ]
    assert "Held" in pane.agenda.items_of(EVENT)[0].text()


def test_mark_held_without_contacts_explains_why(
    qtbot: Any, pane: CalendarPane, services: Services
) -> None:
    event_id = meeting(services, "Alone", at(date(2026, 11, 24), 10))
    pane.mark_held(event_id, "successful")
    qtbot.waitUntil(lambda: pane.message.isVisible())
    assert "at least one contact" in pane.message.text()


def test_cancel_and_delete_from_the_menu(
    qtbot: Any, pane: CalendarPane, services: Services
) -> None:
    day = date(2026, 11, 24)
    event_id = meeting(services, "Visit", at(day, 10))
    with qtbot.waitSignal(pane.day_loaded):
        pane.select_day(day)
    menu = pane.event_menu(event_id)
    labels = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    assert labels == ["Edit…", "Mark held…", "Cancel meeting", "Delete"]
    cancel = next(a for a in menu.actions() if a.text() == "&Cancel meeting")
    with qtbot.waitSignal(pane.ctx.runner.changed):
        cancel.trigger()
    assert services.events.get(event_id).status == "cancelled"
    pane._confirm_delete = lambda: True  # type: ignore[method-assign]
    with qtbot.waitSignal(pane.ctx.runner.changed):
        pane.delete_meeting(event_id)
    wait_idle(qtbot, pane.ctx.runner)
    assert pane.agenda.items_of(EVENT) == []


def test_week_view_places_a_block_at_its_time(
    qtbot: Any, pane: CalendarPane, services: Services
) -> None:
    wednesday = date(2026, 11, 25)
    event_id = meeting(services, "Review", at(wednesday, 10, 30), minutes=90)
    pane.select_day(wednesday)
    with qtbot.waitSignal(pane.week_loaded):
        pane.set_mode(WEEK)
    assert pane.week.start == date(2026, 11, 23)
    (block,) = [b for b in pane.week.canvas.blocks if b.item_id == event_id]
    assert block.day == 2
    assert block.rect.top() == pytest.approx((10.5 - FIRST_HOUR) * HOUR_HEIGHT)
    assert block.rect.height() == pytest.approx(1.5 * HOUR_HEIGHT)
    with qtbot.waitSignal(pane.week.event_activated) as activated:
        pane.week.handle_double_click(block)
    assert activated.args == [event_id]
    _close_dialog(pane)


def test_keyboard_moves_days_months_and_today(qtbot: Any, pane: CalendarPane) -> None:
    pane.grid.setFocus()
    start = pane.selected
    qtbot.keyClick(pane.grid.view, Qt.Key.Key_Right)
    assert pane.selected == start + timedelta(days=1)
    qtbot.keyClick(pane.grid.view, Qt.Key.Key_PageDown)
    assert pane.grid.selectedDate() == QDate(start.year, start.month, start.day).addDays(
        1
    ).addMonths(1)
    qtbot.keyClick(pane.grid.view, Qt.Key.Key_T)
    assert pane.selected == pane.ctx.local_now().date()


def test_stale_month_results_are_dropped(
    qtbot: Any, pane: CalendarPane, services: Services
) -> None:
    meeting(services, "March", at(date(2027, 3, 10), 9))
    shown: list[tuple[int, int]] = []
    pane.month_loaded.connect(lambda: shown.append((pane.grid.yearShown(), pane.grid.monthShown())))
    for month in range(1, 4):  # flip quickly through January, February, March
        pane.grid.setCurrentPage(2027, month)
    wait_idle(qtbot, pane.ctx.runner)
    assert shown == [(2027, 3)]
    assert pane.grid.counts[date(2027, 3, 10)] == DayCounts(meetings=1)


def test_changes_elsewhere_refresh_the_pane(
    qtbot: Any, pane: CalendarPane, services: Services
) -> None:
    day = pane.selected
    with qtbot.waitSignal(pane.day_loaded):
        pane.ctx.runner.mutate(
            lambda: services.tasks.create(TaskInput(title="From elsewhere", due_date=day))
        )
    assert any("From elsewhere" in t for t in pane.agenda.texts())


def test_new_meeting_preselects_contact(qtbot: Any, pane: CalendarPane, services: Services) -> None:
    anna = services.contacts.create(ContactInput(given_name="Anna", family_name="Szabó")).id
    dialog = pane.new_meeting(anna)
    qtbot.waitUntil(lambda: dialog.contacts.contact_ids() == (anna,))  # type: ignore[attr-defined]
    assert not dialog.is_dirty()  # type: ignore[attr-defined]
    _close_dialog(pane)


def _close_dialog(pane: CalendarPane) -> None:
    dialog: QWidget | None = pane.dialog
    if dialog is not None:
        dialog._confirm_discard = lambda: True  # type: ignore[attr-defined]
        dialog.close()
