"""The wizard's column mapping is an override on the detected preset; progress and Cancel.

Re-mapping one column of a Google file must keep the Google handling of
every other column (`` ::: `` values, label columns, ``--MM-DD`` birthdays,
Labels -> tags) all the way into the database.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from crm_desktop.domain.dates import PartialDate
from crm_desktop.gui.dialogs.import_pages import PAGE_DRY_RUN, PAGE_IMPORT, PAGE_MAPPING
from crm_desktop.gui.dialogs.import_wizard import ImportWizard

GOOGLE = (
    "First Name,Last Name,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Custom Field 1 - Label,Custom Field 1 - Value\n"
    "Anna,Berg,--03-01,Likes tea,* myContacts ::: VIP,* Work,"
    "anna@acme.example ::: anna@home.example,Mobile,+49 30 1234567,Source,Trade fair\n"
    "Ben,Cole,1980-07-02,,Friends,,ben@example.com,,,Source,Website\n"
)
BIRTHDAY, NOTES, EMAIL_LABEL, CUSTOM = 2, 3, 5, 10


def _to_mapping(qtbot, gui_ctx, path: Path) -> ImportWizard:
    wizard = ImportWizard(gui_ctx, choose_path=lambda _parent: str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.browse.click()
    with qtbot.waitSignal(wizard.detect_page.completeChanged, timeout=5000):
        wizard.next()
    qtbot.waitUntil(wizard.detect_page.isComplete, timeout=5000)
    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING
    return wizard


def _choose(wizard: ImportWizard, column: int, field: str) -> None:
    """As a user picks an entry of the row's list (``activated``, not a programmatic set)."""
    combo = wizard.mapping_page.combos[column]
    index = combo.findData(field)
    assert index >= 0, field
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_remapping_one_google_column_keeps_the_google_handling(
    qtbot, gui_ctx, services, tmp_path
) -> None:
    path = tmp_path / "google.csv"
    path.write_text(GOOGLE, encoding="utf-8")
    wizard = _to_mapping(qtbot, gui_ctx, path)
    page = wizard.mapping_page
    assert page.fields()[CUSTOM] == "ignore"  # the preset has no use for it
    assert page.fields()[EMAIL_LABEL] == "email_label"
    assert "Google" in page.note.text()

    _choose(wizard, CUSTOM, "lead_source")
    _choose(wizard, NOTES, "ignore")
    assert wizard.overrides() == {CUSTOM: "lead_source", NOTES: "ignore"}
    assert page.table.item(CUSTOM, 0).font().bold()
    assert not page.table.item(BIRTHDAY, 0).font().bold()
    assert "You changed 2 columns" in page.note.text()
    assert page.reset.isEnabled()

    wizard.next()
    assert wizard.currentId() == PAGE_DRY_RUN
    qtbot.waitUntil(lambda: not wizard.dry_run_page._running, timeout=5000)
    assert "2 would be created" in wizard.dry_run_page.summary.text()
    with qtbot.waitSignal(wizard.finished_import, timeout=10000) as finished:
        wizard.next()
    assert finished.args == [2]

    anna, ben = (services.contacts.get(cid) for cid in wizard.imported_ids())
    assert (anna.lead_source, ben.lead_source) == ("Trade fair", "Website")
    assert anna.notes is None  # ignored
    assert [(e.address, e.label) for e in anna.emails] == [  # " ::: " split, labelled
        ("anna@acme.example", "work"),
        ("anna@home.example", "work"),
    ]
    assert [p.label for p in anna.phones] == ["mobile"]
    assert anna.birthday == PartialDate(3, 1)  # --MM-DD
    assert ben.birthday == PartialDate(7, 2, 1980)
    assert tuple(anna.tags) == ("VIP",)  # without "* myContacts"


def test_one_birthday_column_and_going_back_to_the_detected_fields(
    qtbot, gui_ctx, tmp_path
) -> None:
    path = tmp_path / "google.csv"
    path.write_text(GOOGLE, encoding="utf-8")
    wizard = _to_mapping(qtbot, gui_ctx, path)
    page = wizard.mapping_page
    detected = page.fields()

    _choose(wizard, CUSTOM, "birthday")
    assert page.fields()[CUSTOM] == "birthday"
    assert page.fields()[BIRTHDAY] == "ignore"  # there is one birthday: the latest choice
    assert page.combos[BIRTHDAY].currentData() == "ignore"

    _choose(wizard, BIRTHDAY, "birthday")  # back: the custom field returns to the preset
    assert page.fields() == detected
    assert wizard.overrides() == {}
    assert not page.reset.isEnabled()

    _choose(wizard, EMAIL_LABEL, "notes")
    _choose(wizard, NOTES, "ignore")
    assert page.fields()[EMAIL_LABEL] == "notes"
    page.reset.click()
    assert page.fields() == detected and wizard.overrides() == {}
    assert page.combos[EMAIL_LABEL].currentText() == "Label of an e-mail"

    for column in range(len(detected)):
        _choose(wizard, column, "ignore")
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    _choose(wizard, 0, "given_name")
    assert page.isComplete()


def _to_import(qtbot, gui_ctx, tmp_path: Path) -> ImportWizard:
    path = tmp_path / "google.csv"
    path.write_text(GOOGLE, encoding="utf-8")
    wizard = _to_mapping(qtbot, gui_ctx, path)
    wizard.chunk_size = 1
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.dry_run_page._running, timeout=5000)
    assert wizard.would_import() == 2
    return wizard


def test_import_page_shows_checking_then_saving(qtbot, gui_ctx, services, tmp_path) -> None:
    wizard = _to_import(qtbot, gui_ctx, tmp_path)
    shown: list[tuple[str, int, str]] = []

    def record(_stage: str, done: int, _total: int) -> None:  # after the page's own slot
        page = wizard.import_page
        shown.append((page.status.text(), page.progress.maximum(), str(done)))

    wizard.progress.connect(record)  # queued from the worker, like the page's slot
    with qtbot.waitSignal(wizard.finished_import, timeout=10000):
        wizard.next()
    assert wizard.currentId() == PAGE_IMPORT
    qtbot.waitUntil(lambda: any(t.startswith("Saving: 2 of 2") for t, _, _ in shown), timeout=5000)
    texts = [t for t, _, _ in shown]
    first_saving = next(i for i, t in enumerate(texts) if t.startswith("Saving:"))
    assert any(t.startswith("Checking:") for t in texts[:first_saving])
    assert all(maximum == 2 for _, maximum, _ in shown)
    assert services.contacts.count() == 2


def test_cancel_while_checking_saves_nothing(qtbot, gui_ctx, services, tmp_path) -> None:
    wizard = _to_import(qtbot, gui_ctx, tmp_path)

    def on_progress(stage: str, _done: int, _total: int) -> None:  # runs on the worker
        if stage == "checking":
            wizard.cancel_import()

    wizard.progress.connect(on_progress, Qt.ConnectionType.DirectConnection)
    finished: list[int] = []
    wizard.finished_import.connect(finished.append)
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.importing, timeout=10000)
    assert "Nothing was changed" in wizard.import_page.status.text()
    assert wizard.import_page.retry.isVisible()
    assert not finished
    assert services.contacts.count() == 0
