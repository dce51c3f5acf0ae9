"""End to end in the real main window: a new contact, a logged call, a planned
meeting, and all three panes showing each step (no sleeps: signals and idle waits)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QTime

from crm_desktop.gui.main_window import MainWindow
from tests.support.qt import wait_idle


def test_contact_call_and_meeting_reach_every_pane(qtbot, gui_ctx, settings) -> None:
    window = MainWindow(gui_ctx, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    wait_idle(qtbot, gui_ctx.runner)
    assert window.contacts.stack.currentWidget() is window.contacts.empty  # first run

    # 1. A new contact through the editor: the list shows and selects it, the card follows.
    editor = window.new_contact()
    wait_idle(qtbot, gui_ctx.runner)
    editor.general.given.setText("Ελένη")
    editor.general.family.setText("Παπαδοπούλου")
    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        editor.save()
    contact_id = saved.args[0]
    qtbot.waitUntil(lambda: window.contacts.current_id() == contact_id, timeout=5000)
    qtbot.waitUntil(lambda: window.detail.contact_id == contact_id, timeout=5000)
    wait_idle(qtbot, gui_ctx.runner)
    assert window.contacts.model.data(window.contacts.model.index(0, 0)) == "Ελένη Παπαδοπούλου"
    assert window.detail.card.name.text() == "Ελένη Παπαδοπούλου"
    assert window.count_label.text() == "1 contact"

    # 2. A call from the quick-log bar: the timeline, the card and the list update.
    quick = window.detail.timeline.quick
    quick.text.setPlainText("Called about the offer\nShe wants the Thessaloniki price list.")
    quick.submit()
    qtbot.waitUntil(lambda: window.detail.timeline.model.rowCount() >= 1, timeout=5000)
    wait_idle(qtbot, gui_ctx.runner)
    assert window.detail.card.fact["last"].text() == "today"
    assert window.contacts.model.data(window.contacts.model.index(0, 4)) == "today"

    # 3. A meeting tomorrow from the calendar: the month grid and the card's next meeting.
    tomorrow = date.today() + timedelta(days=1)
    meeting = window.new_meeting()
    wait_idle(qtbot, gui_ctx.runner)
    meeting.title_edit.setText("Offer review")
    meeting.date_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    meeting.start_edit.setTime(QTime(10, 0))
    with qtbot.waitSignal(meeting.saved, timeout=5000):
        meeting.save()
    wait_idle(qtbot, gui_ctx.runner)
    qtbot.waitUntil(
        lambda: (
            window.calendar.grid.counts.get(tomorrow) is not None
            and window.calendar.grid.counts[tomorrow].meetings == 1
        ),
        timeout=5000,
    )
    qtbot.waitUntil(
        lambda: "Offer review" in window.detail.card.fact["meeting"].text(), timeout=5000
    )
    event = gui_ctx.services.events.upcoming_for_contact(contact_id)[0]
    assert event.title == "Offer review" and contact_id in event.contact_ids
