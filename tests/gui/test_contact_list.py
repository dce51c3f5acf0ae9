"""The customer list: paged model, type-ahead, filters, bulk actions with undo."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings, Qt

from crm_desktop.domain.dates import PartialDate
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.models.contact_table import COLUMNS, PAGE, ContactTableModel
from crm_desktop.gui.panes.contact_list import ContactListPane
from crm_desktop.services.contact_queries import ContactQuery, ContactSort
from crm_desktop.services.dto import ContactInput, InteractionInput, LabeledValue
from crm_desktop.services.registry import Services
from tests.support.qt import wait_idle

NAMES = [
    ("Ελένη", "Παπαδοπούλου"),
    ("Árpád", "Kovács"),
    ("João", "Gonçalves"),
    ("Ștefan", "Popescu"),
    ("Ақжол", "Сейітқали"),
    ("Alice", "Smith"),
]


def _fill(services: Services, extra: int = 0) -> list[int]:
    ids = []
    for i, (given, family) in enumerate(NAMES):
        ids.append(
            services.contacts.create(
                ContactInput(
                    given_name=given,
                    family_name=family,
                    emails=(LabeledValue(f"person{i}@example.com"),),
                    tags=("vip",) if i % 2 == 0 else (),
                    status="customer" if i < 3 else "lead",
                )
            ).id
        )
    for i in range(extra):
        ids.append(services.contacts.create(ContactInput(given_name=f"Bulk{i:04d}")).id)
    return ids


def _pane(qtbot, gui_ctx: GuiContext, settings: QSettings) -> ContactListPane:
    pane = ContactListPane(gui_ctx, settings)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.model.loaded, timeout=5000):
        pane.start()
    return pane


def test_model_passes_qt_model_tester(qtbot, qtmodeltester, gui_ctx, services) -> None:
    _fill(services, extra=250)
    model = ContactTableModel(gui_ctx)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(ContactQuery())
    qtmodeltester.check(model)
    assert model.rowCount() == len(NAMES) + 250


def test_rows_beyond_the_first_page_are_fetched_on_demand(qtbot, gui_ctx, services) -> None:
    _fill(services, extra=3 * PAGE)
    model = ContactTableModel(gui_ctx)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(ContactQuery())
    far = model.index(2 * PAGE + 5, 0)
    assert model.data(far) == "…"  # placeholder while the page loads
    with qtbot.waitSignal(model.dataChanged, timeout=5000):
        pass
    assert model.data(far).startswith("Bulk")


def test_type_ahead_finds_folded_names_and_drops_stale_results(
    qtbot, gui_ctx, services, settings
) -> None:
    _fill(services)
    pane = _pane(qtbot, gui_ctx, settings)
    assert pane.model.rowCount() == len(NAMES)
    for text in ("a", "ar", "arp", "arpad"):  # typed fast: only the last one counts
        pane.search.setText(text)
        pane._run_query()
    wait_idle(qtbot, gui_ctx.runner)
    assert [pane.model.data(pane.model.index(r, 0)) for r in range(pane.model.rowCount())] == [
        "Árpád Kovács"
    ]
    pane.search.setText("ελενη")
    with qtbot.waitSignal(pane.model.loaded, timeout=5000):
        pane._run_query()
    assert pane.model.data(pane.model.index(0, 0)) == "Ελένη Παπαδοπούλου"


def test_sorting_by_header_runs_in_sql(qtbot, gui_ctx, services, settings) -> None:
    ids = _fill(services)
    services.interactions.log(
        InteractionInput((ids[4],), "call", datetime(2026, 11, 1, tzinfo=UTC))
    )
    pane = _pane(qtbot, gui_ctx, settings)
    with qtbot.waitSignal(pane.model.loaded, timeout=5000):
        pane.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert pane.model.query.sort is ContactSort.LAST_CONTACTED
    assert pane.model.contact_id(0) == ids[4]


def test_filters_tag_status_birthday(qtbot, gui_ctx, services, settings) -> None:
    ids = _fill(services)
    today = datetime.now(UTC).astimezone().date()
    detail = services.contacts.get(ids[5])
    services.contacts.update(
        ids[5],
        ContactInput(
            **{
                **{f: getattr(detail.to_input(), f) for f in ("given_name", "family_name")},
                "birthday": PartialDate(today.month, today.day),
            }
        ),
    )
    pane = _pane(qtbot, gui_ctx, settings)
    wait_idle(qtbot, gui_ctx.runner)
    tag_index = next(
        i for i in range(pane.filters.tag.count()) if pane.filters.tag.itemText(i).startswith("vip")
    )
    with qtbot.waitSignal(pane.model.loaded, timeout=5000):
        pane.filters.tag.setCurrentIndex(tag_index)
    assert pane.model.rowCount() == 3
    with qtbot.waitSignal(pane.model.loaded, timeout=5000):
        pane.filters.tag.setCurrentIndex(0)
    with qtbot.waitSignal(pane.model.loaded, timeout=5000):
        pane.filters.birthday.setChecked(True)
    assert [pane.model.contact_id(r) for r in range(pane.model.rowCount())] == [ids[5]]


def test_trash_with_undo(qtbot, gui_ctx, services, settings) -> None:
    ids = _fill(services)
    pane = _pane(qtbot, gui_ctx, settings)
    pane.select_contact(ids[0])
    assert pane.current_id() == ids[0]
    with qtbot.waitSignal(pane.model.loaded, timeout=5000):
        pane.trash_selected()
    assert pane.model.row_of(ids[0]) == -1
    assert not pane.undo_bar.isHidden()
    with qtbot.waitSignal(pane.model.loaded, timeout=5000):
        pane.undo_bar.undo()
    assert pane.model.row_of(ids[0]) >= 0
    assert services.contacts.get(ids[0]).trashed_at is None


def test_bulk_tag_and_status(qtbot, gui_ctx, services, settings) -> None:
    ids = _fill(services)
    pane = _pane(qtbot, gui_ctx, settings)
    pane.table.selectAll()
    with qtbot.waitSignal(gui_ctx.runner.changed, timeout=5000):
        pane.set_status_selected("loyal")
    assert {services.contacts.get(i).status for i in ids} == {"loyal"}
    with qtbot.waitSignal(gui_ctx.runner.changed, timeout=5000):
        gui_ctx.runner.mutate(lambda: gui_ctx.services.contacts.add_tag(ids[:2], "Wholesale"))
    assert "Wholesale" in services.contacts.get(ids[1]).tags
    assert [r.display_name for r in services.contacts.search("wholesale")]


def test_saved_views_round_trip(qtbot, gui_ctx, services, settings) -> None:
    _fill(services)
    pane = _pane(qtbot, gui_ctx, settings)
    pane.filters.deal.setChecked(True)
    pane.search.setText("kov")
    pane.filters.save_view("Hungarian deals", pane.full_query())
    query = pane.filters.view_query("Hungarian deals")
    assert query is not None and query.has_open_deal and query.text == "kov"
    pane.filters.delete_view("Hungarian deals")
    assert pane.filters.view_query("Hungarian deals") is None


def test_empty_database_shows_the_first_run_state(qtbot, gui_ctx, settings) -> None:
    pane = _pane(qtbot, gui_ctx, settings)
    assert pane.stack.currentWidget() is pane.empty


@pytest.mark.parametrize("delta", [1, -1])
def test_next_and_previous_contact(qtbot, gui_ctx, services, settings, delta) -> None:
    _fill(services)
    pane = _pane(qtbot, gui_ctx, settings)
    pane._select_row(2)
    with qtbot.waitSignal(pane.contact_selected, timeout=1000):
        pane.select_next() if delta == 1 else pane.select_previous()
    assert pane.table.currentIndex().row() == 2 + delta


def test_row_cache_is_bounded(qtbot, gui_ctx, services) -> None:
    from crm_desktop.services.demo_data import generate_demo

    limit = 3
    generate_demo(services.db, contacts=(limit + 3) * PAGE, interactions=0)
    model = ContactTableModel(gui_ctx, max_cached_pages=limit)
    with qtbot.waitSignal(model.loaded, timeout=10000):
        model.set_query(ContactQuery())
    for page in range(1, limit + 3):
        with qtbot.waitSignal(model.dataChanged, timeout=5000):
            model.data(model.index(page * PAGE, 0))
    assert len(model._rows) <= limit * PAGE
    assert model.data(model.index(0, 0)) == "…"  # evicted: fetched again on demand
    with qtbot.waitSignal(model.dataChanged, timeout=5000):
        pass
    assert model.data(model.index(0, 0)) != "…"


def test_next_meeting_column_and_child_sorts(qtbot, gui_ctx, services, settings) -> None:
    from datetime import timedelta

    from crm_desktop.services.dto import EventInput

    ids = _fill(services)
    soon = datetime.now(UTC) + timedelta(days=2)
    services.events.create(
        EventInput(
            "Offer", soon, soon + timedelta(hours=1), "Europe/Budapest", contact_ids=(ids[3],)
        )
    )
    pane = _pane(qtbot, gui_ctx, settings)
    column = next(i for i, (name, _) in enumerate(COLUMNS) if name == "next_meeting")
    with qtbot.waitSignal(pane.model.loaded, timeout=5000):
        pane.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert pane.model.contact_id(0) == ids[3]  # the only one with a meeting comes first
    assert pane.model.data(pane.model.index(0, column))  # shows when
    assert pane.model.data(pane.model.index(1, column)) == ""
    email = next(i for i, (name, _) in enumerate(COLUMNS) if name == "email")
    with qtbot.waitSignal(pane.model.loaded, timeout=5000):
        pane.table.sortByColumn(email, Qt.SortOrder.DescendingOrder)
    assert pane.model.contact_id(0) == ids[5]  # person5@ sorts last, so first descending


def test_erase_from_the_trash_after_confirming(qtbot, gui_ctx, services, settings) -> None:
    ids = _fill(services)
    services.contacts.trash([ids[0]])
    pane = _pane(qtbot, gui_ctx, settings)
    with qtbot.waitSignal(pane.model.loaded, timeout=5000):
        pane.filters.trash.setChecked(True)
    pane.select_contact(ids[0])
    asked: list[int] = []
    pane.confirm_erase = lambda n: asked.append(n) or False  # "Cancel"
    pane.erase_selected()
    wait_idle(qtbot, gui_ctx.runner)
    assert asked == [1] and services.contacts.get(ids[0]).trashed_at is not None
    pane.confirm_erase = lambda n: True
    with qtbot.waitSignal(gui_ctx.runner.changed, timeout=5000):
        pane.erase_selected()
    assert services.contacts.erased_ids() == [ids[0]]


def test_export_everything_about_a_person(qtbot, gui_ctx, services, settings, tmp_path) -> None:
    ids = _fill(services)
    pane = _pane(qtbot, gui_ctx, settings)
    pane.select_contact(ids[1])
    pane.choose_directory = lambda: str(tmp_path / "export")
    with qtbot.waitSignal(pane.exported, timeout=5000) as done:
        pane.export_person()
    folder, files = done.args
    assert (
        folder == str(tmp_path / "export")
        and files >= 2
        and (tmp_path / "export" / f"contact-{ids[1]}.json").exists()
    )
