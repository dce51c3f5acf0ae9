"""The import wizard: detection and preview, mapping, dry run, import with progress and cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from crm_desktop.gui.dialogs.import_pages import (
    PAGE_DETECT,
    PAGE_DRY_RUN,
    PAGE_IMPORT,
    PAGE_MAPPING,
)
from crm_desktop.gui.dialogs.import_wizard import ImportWizard
from crm_desktop.gui.panes.contact_list import ContactListPane
from crm_desktop.services.dto import ContactInput, LabeledValue

GOOGLE = (
    "Name,Given Name,Family Name,Birthday,Notes,Labels,"
    "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Organization 1 - Name\n"
    "Ελένη Παπαδοπούλου,Ελένη,Παπαδοπούλου,1985-03-14,Σημείωση,"
    "* myContacts ::: VIP ::: Αθήνα,* Work,eleni@example.gr ::: e.p@example.com,"
    "Mobile,+30 210 123 4567,Ακρόπολη ΑΕ\n"
    "Árpád Kovács,Árpád,Kovács,--05-20,,Budapest,* Home,arpad@example.hu,Work,"
    "+36 1 234 5678,Kovács Kft.\n"
    "Zsófia Szőke,Zsófia,Szőke,,,,* Home,zsofia@example.hu,,,\n"
    "Alice Existing,Alice,Existing,,,,* Work,alice@example.com,,,\n"
)


def _wizard(qtbot, gui_ctx, path: Path) -> ImportWizard:
    wizard = ImportWizard(gui_ctx, choose_path=lambda _parent: str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.browse.click()
    assert wizard.file_page.path_edit.text() == str(path)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    return wizard


def _next_to_preview(qtbot, wizard: ImportWizard) -> None:
    with qtbot.waitSignal(wizard.detect_page.completeChanged, timeout=5000):
        wizard.next()
    qtbot.waitUntil(lambda: wizard.detect_page.isComplete(), timeout=5000)
    assert wizard.currentId() == PAGE_DETECT


def _next_to_dry_run(qtbot, wizard: ImportWizard) -> None:
    wizard.next()
    if wizard.currentId() == PAGE_MAPPING:
        wizard.next()
    assert wizard.currentId() == PAGE_DRY_RUN
    qtbot.waitUntil(lambda: not wizard.dry_run_page._running, timeout=5000)


def _lines(wizard: ImportWizard) -> list[tuple[str, str, str]]:
    model = wizard.dry_run_page.model
    return [model.line(i) for i in range(model.rowCount())]


def test_google_csv_detect_preview_dry_run_and_import(
    qtbot, qtmodeltester, gui_ctx, services, settings, tmp_path
) -> None:
    services.contacts.create(
        ContactInput(
            given_name="Alice",
            family_name="Smith",
            emails=(LabeledValue("Alice@Example.com"),),
        )
    )
    pane = ContactListPane(gui_ctx, settings)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.model.loaded, timeout=5000):
        pane.start()
    assert pane.model.rowCount() == 1

    path = tmp_path / "contacts.csv"
    path.write_text(GOOGLE, encoding="utf-8")
    wizard = _wizard(qtbot, gui_ctx, path)
    _next_to_preview(qtbot, wizard)

    page = wizard.detect_page
    assert wizard.analysis is not None
    assert (wizard.analysis.format, wizard.analysis.encoding) == ("google", "utf-8")
    assert page.format_combo.currentData() == "google"
    assert page.encoding_combo.currentData() == "utf-8"
    assert page.delimiter_combo.currentData() == ","
    assert "Google" in page.detected.text()
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 4
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "Given Name"
    assert page.model.data(page.model.index(0, 1)) == "Ελένη"
    assert page.model.data(page.model.index(1, 2)) == "Kovács"

    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING
    fields = wizard.mapping_page.fields()
    assert fields[1:3] == ["given_name", "family_name"]
    assert fields[5:8] == ["tags", "email_label", "email"]
    assert wizard.mapping_page.combos[6].currentText() == "Label of an e-mail"
    assert wizard.overrides() == {}  # the Google layout as detected
    assert not wizard.mapping_page.reset.isEnabled()

    wizard.next()
    assert wizard.currentId() == PAGE_DRY_RUN
    qtbot.waitUntil(lambda: not wizard.dry_run_page._running, timeout=5000)
    qtmodeltester.check(wizard.dry_run_page.model)
    lines = _lines(wizard)
    assert [line[1] for line in lines] == ["Would be created"] * 3 + ["Duplicate, skipped"]
    assert lines[3][0] == "5"
    assert "Alice Smith" in lines[3][2]
    assert "3 would be created" in wizard.dry_run_page.summary.text()
    assert "1 duplicates skipped" in wizard.dry_run_page.summary.text()
    assert services.contacts.count() == 1  # a dry run saves nothing

    with (
        qtbot.waitSignal(wizard.finished_import, timeout=10000) as finished,
        qtbot.waitSignal(pane.model.loaded, timeout=10000),
    ):
        wizard.next()
    assert wizard.currentId() == PAGE_IMPORT
    assert finished.args == [3]
    assert services.contacts.count() == 4
    assert pane.model.rowCount() == 4  # the list refreshed on the broadcast Changes
    assert "3 created" in wizard.import_page.status.text()
    assert wizard.import_page.show_button.isVisible()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()

    eleni_id = wizard.imported_ids()[0]
    eleni = services.contacts.get(eleni_id)
    assert eleni.display_name == "Ελένη Παπαδοπούλου"
    assert {e.address for e in eleni.emails} == {"eleni@example.gr", "e.p@example.com"}
    assert {"VIP", "Αθήνα"} <= set(eleni.tags)

    with qtbot.waitSignal(wizard.contact_requested) as requested:
        wizard.import_page.show_button.click()
    assert requested.args == [eleni_id]


def test_cp1250_semicolon_csv_with_a_custom_mapping(qtbot, gui_ctx, services, tmp_path) -> None:
    text = (
        "Vezetéknév;Keresztnév;Cég;Mobil;Megjegyzés\n"
        "Kovács;Árpád;Kovács és Társa Kft.;+36 30 123 4567;Első ügyfél\n"
        "Szőke;Zsófia;Őrség Bt.;+36 20 765 4321;Második\n"
        "Nagy;Ödön;;;\n"
    )
    path = tmp_path / "ugyfelek.csv"
    path.write_bytes(text.encode("cp1250"))
    wizard = _wizard(qtbot, gui_ctx, path)
    _next_to_preview(qtbot, wizard)
    a = wizard.analysis
    assert a is not None
    assert (a.format, a.encoding, a.delimiter) == ("csv", "cp1250", ";")
    assert wizard.detect_page.model.data(wizard.detect_page.model.index(1, 0)) == "Szőke"

    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING
    mapping = wizard.mapping_page
    assert not mapping.isComplete()  # no Hungarian header is known
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    for column, field in enumerate(("family_name", "given_name", "organization", "phone", "notes")):
        mapping.set_field(column, field)
    assert mapping.isComplete()
    assert mapping.fields() == ["family_name", "given_name", "organization", "phone", "notes"]
    assert wizard.overrides() == dict(enumerate(mapping.fields()))

    wizard.next()
    qtbot.waitUntil(lambda: not wizard.dry_run_page._running, timeout=5000)
    assert [line[1] for line in _lines(wizard)] == ["Would be created"] * 3
    with qtbot.waitSignal(wizard.finished_import, timeout=10000):
        wizard.next()
    assert services.contacts.count() == 3
    arpad = services.contacts.get(wizard.imported_ids()[0])
    assert (arpad.given_name, arpad.family_name) == ("Árpád", "Kovács")
    assert arpad.organization == "Kovács és Társa Kft."
    assert arpad.notes == "Első ügyfél"


def test_encoding_override_rereads_the_preview(qtbot, gui_ctx, tmp_path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("First Name;Last Name\nÁrpád;Kovács\n".encode("cp1250"))
    wizard = _wizard(qtbot, gui_ctx, path)
    _next_to_preview(qtbot, wizard)
    page = wizard.detect_page
    page.encoding_combo.setCurrentIndex(page.encoding_combo.findData("cp1251"))
    with qtbot.waitSignal(page.completeChanged, timeout=5000):
        page.encoding_combo.activated.emit(page.encoding_combo.currentIndex())
    qtbot.waitUntil(lambda: not page._loading, timeout=5000)
    assert wizard.analysis is not None and wizard.analysis.encoding == "cp1251"
    assert page.model.data(page.model.index(0, 0)) != "Árpád"


def test_cancel_during_import_changes_nothing(qtbot, gui_ctx, services, tmp_path) -> None:
    services.contacts.create(
        ContactInput(given_name="Alice", emails=(LabeledValue("alice@example.com"),))
    )
    path = tmp_path / "contacts.csv"
    path.write_text(GOOGLE, encoding="utf-8")
    wizard = _wizard(qtbot, gui_ctx, path)
    wizard.chunk_size = 1  # Cancel is polled after every row
    _next_to_preview(qtbot, wizard)
    _next_to_dry_run(qtbot, wizard)
    assert wizard.would_import() == 3

    seen: list[tuple[str, int, int]] = []

    def on_progress(stage: str, done: int, total: int) -> None:  # runs on the worker
        seen.append((stage, done, total))
        if stage == "saving" and done == 1:
            wizard.cancel_import()  # one row is already written inside the transaction

    wizard.progress.connect(on_progress, Qt.ConnectionType.DirectConnection)
    finished: list[int] = []
    wizard.finished_import.connect(finished.append)
    wizard.next()
    assert wizard.currentId() == PAGE_IMPORT
    qtbot.waitUntil(lambda: not wizard.importing, timeout=10000)
    assert ("saving", 1, 4) in seen
    assert "cancelled" in wizard.import_page.status.text()
    assert "Nothing was changed" in wizard.import_page.status.text()
    assert wizard.import_page.retry.isVisible()
    assert not finished
    assert services.contacts.count() == 1
    assert not services.contacts.search("Ελένη")

    wizard.progress.disconnect(on_progress)
    with qtbot.waitSignal(wizard.finished_import, timeout=10000):
        wizard.import_page.retry.click()  # and a second try saves everything
    assert services.contacts.count() == 4


def test_invalid_row_shows_its_error_and_field(qtbot, gui_ctx, services, tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "Name,Email,Birthday\n"
        "Anna Berg,anna@example.com,1990-02-30\n"
        "Bob Stone,not-an-email,\n"
        "Cleo Ray,cleo@example.com,1988-07-01\n",
        encoding="utf-8",
    )
    wizard = _wizard(qtbot, gui_ctx, path)
    _next_to_preview(qtbot, wizard)
    _next_to_dry_run(qtbot, wizard)
    lines = _lines(wizard)
    assert lines[0][:2] == ("2", "Error")
    assert lines[0][2].startswith("Birthday: ")
    assert lines[1][:2] == ("3", "Error")
    assert lines[1][2].startswith("E-mail")
    assert lines[2][:2] == ("4", "Would be created")
    assert "2 with errors" in wizard.dry_run_page.summary.text()
    with qtbot.waitSignal(wizard.finished_import, timeout=10000) as finished:
        wizard.next()
    assert finished.args == [1]
    assert services.contacts.count() == 1


def test_vcard_skips_the_mapping_page(qtbot, gui_ctx, services, tmp_path) -> None:
    path = tmp_path / "phone.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ελένη Π\r\nN:Π;Ελένη;;;\r\n"
        "EMAIL:eleni@example.gr\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ödön Nagy\r\nN:Nagy;Ödön;;;\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    wizard = _wizard(qtbot, gui_ctx, path)
    _next_to_preview(qtbot, wizard)
    assert wizard.analysis is not None and wizard.analysis.format == "vcard"
    assert not wizard.detect_page.encoding_combo.isEnabled()
    assert wizard.detect_page.model.rowCount() == 2
    wizard.next()
    assert wizard.currentId() == PAGE_DRY_RUN
    qtbot.waitUntil(lambda: not wizard.dry_run_page._running, timeout=5000)
    with qtbot.waitSignal(wizard.finished_import, timeout=10000) as finished:
        wizard.next()
    assert finished.args == [2]
    assert services.contacts.count() == 2
