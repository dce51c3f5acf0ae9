"""The Reports window: a report shown as a table, CSV/vCard/ics exports, cancel.

Real database, services and task runner; the save dialog is replaced by a
path chooser handed to the window. Waits are on signals, never sleeps.
"""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from support.factories import contact_input

from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.dialogs.reports_jobs import preset_range
from crm_desktop.gui.dialogs.reports_window import ReportsWindow
from crm_desktop.gui.models.report_table import ReportTableModel
from crm_desktop.interchange.vcard_read import VCardError, read_vcard_file
from crm_desktop.services.demo_data import generate_demo
from crm_desktop.services.dto import InteractionInput, TaskInput
from crm_desktop.services.registry import Services


def chooser(path: Path) -> object:
    asked: list[str] = []

    def choose(_parent: object, _caption: str, suggested: str, _filters: str) -> str:
        asked.append(suggested)
        return str(path)

    choose.asked = asked  # type: ignore[attr-defined]
    return choose


def make_window(
    ctx: GuiContext, qtbot: object, path: Path | None = None, **kw: object
) -> ReportsWindow:
    win = ReportsWindow(ctx, choose_path=chooser(path) if path else None, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    return win


def cells(win: ReportsWindow) -> list[list[str]]:
    model = win.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def meeting_week(services: Services) -> None:
    """Week of Mon 9 Nov 2026: 4 meetings held (3 successful, 1 not), a call; next week 1."""
    anna = services.contacts.create(contact_input(given_name="Anna")).id
    at = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    for day, kind in ((10, "meeting"), (11, "video_call"), (13, "meeting")):
        services.interactions.log(
            InteractionInput(
                contact_ids=(anna,),
                kind=kind,
                occurred_at=at.replace(day=day),
                outcome="successful",
            )
        )
    services.interactions.log(
        InteractionInput(
            contact_ids=(anna,),
            kind="meeting",
            occurred_at=at.replace(day=12),
            outcome="unsuccessful",
        )
    )
    services.interactions.log(
        InteractionInput(contact_ids=(anna,), kind="call", occurred_at=at, outcome="successful")
    )
    services.interactions.log(
        InteractionInput(
            contact_ids=(anna,),
            kind="meeting",
            occurred_at=datetime(2026, 11, 17, 15, tzinfo=UTC),
            outcome="follow_up_needed",
        )
    )


def test_meeting_outcomes_of_a_hand_built_week(
    gui_ctx: GuiContext, services: Services, qtbot: object
) -> None:
    meeting_week(services)
    win = make_window(gui_ctx, qtbot)
    win.select_report("meeting-outcomes")
    assert win.by.isVisibleTo(win)
    win.set_period(date(2026, 11, 9), date(2026, 11, 22))
    with qtbot.waitSignal(win.report_shown, timeout=5000) as shown:  # type: ignore[attr-defined]
        win.show_button.click()
    assert shown.args == [2]
    assert win.model.header[:4] == ("period_start", "period_end", "held", "successful")
    rows = cells(win)
    assert rows[0][:2] == ["2026-11-09", "2026-11-15"]
    assert rows[0][2:6] == ["4", "3", "1", "0"]
    assert rows[0][-1] == "75.0"
    assert rows[1][:3] == ["2026-11-16", "2026-11-22", "1"]
    assert win.note.text() == "2 rows"

    win.by.setCurrentIndex(win.by.findData("month"))
    win.set_period(date(2026, 11, 1), date(2026, 11, 30))
    with qtbot.waitSignal(win.report_shown, timeout=5000):  # type: ignore[attr-defined]
        win.show_report()
    assert cells(win)[0][:4] == ["2026-11-01", "2026-11-30", "5", "3"]


def test_report_table_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = ReportTableModel()
    model.set_table(
        ("day", "count", "rate", "note"),
        [(date(2026, 1, 5), 3, None, "=x"), (date(2026, 1, 6), 0, 12.5, "")],
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Rate"
    assert model.index(0, 3).data() == "=x"


def test_export_csv_writes_every_row_with_the_chosen_options(
    gui_ctx: GuiContext, services: Services, qtbot: object, tmp_path: Path
) -> None:
    services.contacts.create(contact_input(given_name="=Eve", family_name="Hack"))
    services.contacts.create(contact_input(given_name="Bob", family_name="Beta"))
    out = tmp_path / "contacts.csv"
    win = make_window(gui_ctx, qtbot, out, preview_limit=1)
    win.select_report("contacts")
    win.all_dates.setChecked(True)
    with qtbot.waitSignal(win.report_shown, timeout=5000):  # type: ignore[attr-defined]
        win.show_report()
    assert win.model.rowCount() == 1
    assert win.note.text() == "First 1 of 2 rows shown; the export contains all."

    win.delimiter.setCurrentIndex(win.delimiter.findData(";"))
    with qtbot.waitSignal(win.export_finished, timeout=5000) as done:  # type: ignore[attr-defined]
        win.export_button.click()
    assert done.args == [str(out)]
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(out, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert len(rows) == 3
    assert any("'=Eve" in cell for row in rows for cell in row)  # spreadsheet safety on
    assert not Path(str(out) + ".partial").exists()
    assert "2 rows written" in win.status.text()
    assert not win.exporting and win.export_button.isEnabled()


def test_cancel_mid_export_leaves_no_file(
    gui_ctx: GuiContext, services: Services, qtbot: object, tmp_path: Path
) -> None:
    generate_demo(services.db, contacts=50, interactions=12_000, today=date(2026, 11, 20))
    out = tmp_path / "interactions.csv"
    win = make_window(gui_ctx, qtbot, out)
    win.select_report("interactions")
    win.all_dates.setChecked(True)
    seen: list[int] = []

    def on_progress(rows: int) -> None:  # runs on the worker, between two batches
        seen.append(rows)
        win.cancel_export()

    win.export_progress.connect(on_progress, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(win.export_failed, timeout=10_000) as failed:  # type: ignore[attr-defined]
        win.export_report()
    assert seen == [5000]  # one batch out of three, then it stopped
    assert failed.args == ["Export cancelled; no file was written."]
    assert not out.exists()
    assert list(tmp_path.glob("*.partial")) == []
    assert win.export_button.isEnabled()


def test_vcard_and_ics_exports_read_back(
    gui_ctx: GuiContext, services: Services, qtbot: object, tmp_path: Path
) -> None:
    anna = services.contacts.create(contact_input(given_name="Anna", family_name="Alpha")).id
    services.contacts.create(contact_input(given_name="Bob", family_name="Beta"))
    services.tasks.create(
        TaskInput(title="Send the offer", contact_id=anna, due_date=date(2026, 11, 30))
    )

    vcf = tmp_path / "all.vcf"
    win = make_window(gui_ctx, qtbot, vcf)
    win.vcard_version.setCurrentIndex(win.vcard_version.findData("3.0"))
    with qtbot.waitSignal(win.export_finished, timeout=5000):  # type: ignore[attr-defined]
        win.vcard_button.click()
    cards = [card for _, card in read_vcard_file(str(vcf))]
    assert not any(isinstance(c, VCardError) for c in cards)
    assert sorted(c.family_name or "" for c in cards) == ["Alpha", "Beta"]  # type: ignore[union-attr]
    assert b"VERSION:3.0" in vcf.read_bytes()

    ics = tmp_path / "calendar.ics"
    win._choose_path = chooser(ics)  # type: ignore[assignment]
    with qtbot.waitSignal(win.export_finished, timeout=5000):  # type: ignore[attr-defined]
        win.ics_button.click()
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    todos = [c for c in cal.walk("VTODO")]
    assert [str(t["SUMMARY"]) for t in todos] == ["Send the offer"]
    assert "1 tasks" in win.status.text() or "1 task" in win.status.text()


def test_an_unwritable_path_is_said_in_plain_words(
    gui_ctx: GuiContext, qtbot: object, tmp_path: Path
) -> None:
    win = make_window(gui_ctx, qtbot, tmp_path / "missing" / "x.csv")
    win.export_report()
    assert "does not exist" in win.status.text()
    assert not win.exporting


@pytest.mark.parametrize(
    ("preset", "first", "last"),
    [
        ("this_week", date(2026, 11, 23), date(2026, 11, 29)),
        ("last_week", date(2026, 11, 16), date(2026, 11, 22)),
        ("this_month", date(2026, 11, 1), date(2026, 11, 30)),
        ("last_month", date(2026, 10, 1), date(2026, 10, 31)),
        ("this_year", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_period_presets(preset: str, first: date, last: date) -> None:
    assert preset_range(preset, date(2026, 11, 25)) == (first, last)


def test_follow_ups_has_no_period_and_labels_are_translated(
    gui_ctx: GuiContext, qtbot: object
) -> None:
    win = make_window(gui_ctx, qtbot)
    titles = [win.report_list.item(i).text() for i in range(win.report_list.count())]
    assert "Meeting outcomes" in titles and "meeting-outcomes" not in titles
    win.select_report("follow-ups")
    assert not win.date_from.isEnabled() and not win.by.isVisibleTo(win)
    assert win.params().start is None


def test_mnemonic_labels_are_as_wide_as_they_are_drawn(gui_ctx: GuiContext, qtbot) -> None:
    """ "To" was clipped to "Tc": Qt sized it kerned but drew the underlined T unkerned."""
    win = make_window(gui_ctx, qtbot)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.select_report("meeting-outcomes")  # the one that shows "By"
    checked = []
    for label in win.findChildren(QLabel):
        before, mark, after = label.text().partition("&")
        if not mark or not label.isVisible():
            continue
        metrics = label.fontMetrics()  # drawn in three runs: before, the letter, after
        runs = (before, after[:1], after[1:])
        drawn = sum(metrics.horizontalAdvance(run) for run in runs if run)
        assert label.width() >= drawn, label.text()
        checked.append(before + after)
    assert {"Period", "From", "To", "By"} <= set(checked)
