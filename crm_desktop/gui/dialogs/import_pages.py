"""The pages of the import wizard: file, detection and preview, mapping, dry run, import.

Each page only shows and asks; the wizard (:mod:`.import_wizard`) owns the
state and runs every piece of work on the task runner.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from crm_desktop.gui.dialogs import import_source
from crm_desktop.gui.dialogs.import_source import ROLES, Effective
from crm_desktop.gui.i18n import fmt
from crm_desktop.gui.models.import_preview import OutcomeModel, PreviewModel
from crm_desktop.importing import csv_sources
from crm_desktop.importing.sniff import ENCODINGS

if TYPE_CHECKING:
    from crm_desktop.gui.dialogs.import_wizard import ImportWizard

PAGE_FILE, PAGE_DETECT, PAGE_MAPPING, PAGE_DRY_RUN, PAGE_IMPORT = range(5)


def _table(view: QTableView, name: str) -> None:
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)


# -- 1. file ------------------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(
            self.tr(
                "Contacts exported from Google Contacts or Outlook as CSV, our own contacts "
                "report, any other CSV file, or a vCard (.vcf) file from a phone."
            )
        )
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(self.tr("File to import"))
        self.path_edit.setPlaceholderText(self.tr("Path of a .csv or .vcf file"))
        self.path_edit.textChanged.connect(self.completeChanged)
        self.browse = QPushButton(self.tr("&Browse…"), self)
        self.browse.setAccessibleName(self.tr("Browse for a file"))
        self.browse.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        label = QLabel(self.tr("&File:"), self)
        label.setBuddy(self.path_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(row)
        hint = QLabel(
            self.tr(
                "Nothing is saved until the last step, and then everything is saved at once "
                "or nothing at all."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)

    def choose(self) -> None:
        path = self.w.choose_path(self)
        if path:
            self.path_edit.setText(str(path))

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def isComplete(self) -> bool:
        text = self.path_edit.text().strip()
        return bool(text) and self.path().is_file()


# -- 2. detection and preview ---------------------------------------------------


class DetectPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr("Check how the file is read"))
        self.setSubTitle(
            self.tr(
                "The format, the character encoding and the separator were detected; if the "
                "names in the preview look wrong, choose others."
            )
        )
        self.detected = QLabel(self)
        self.detected.setWordWrap(True)
        self.detected.setAccessibleName(self.tr("Detected format"))
        self.format_combo = QComboBox(self)
        self.format_combo.setAccessibleName(self.tr("Format"))
        for key, text in (
            ("google", self.tr("Google Contacts CSV")),
            ("outlook", self.tr("Outlook CSV")),
            ("contacts", self.tr("CRM Desktop contacts report")),
            ("csv", self.tr("Other CSV (map the columns)")),
            ("vcard", self.tr("vCard")),
        ):
            self.format_combo.addItem(text, key)
        self.encoding_combo = QComboBox(self)
        self.encoding_combo.setAccessibleName(self.tr("Encoding"))
        for key, text in (
            ("utf-8", self.tr("UTF-8")),
            ("utf-8-sig", self.tr("UTF-8 with BOM")),
            ("utf-16", self.tr("UTF-16")),
            ("cp1252", self.tr("Western European (Windows-1252)")),
            ("cp1250", self.tr("Central European (Windows-1250)")),
            ("cp1251", self.tr("Cyrillic (Windows-1251)")),
        ):
            assert key in ENCODINGS
            self.encoding_combo.addItem(text, key)
        self.delimiter_combo = QComboBox(self)
        self.delimiter_combo.setAccessibleName(self.tr("Separator"))
        for key, text in (
            (",", self.tr("Comma ( , )")),
            (";", self.tr("Semicolon ( ; )")),
            ("\t", self.tr("Tab")),
        ):
            self.delimiter_combo.addItem(text, key)
        for combo in (self.format_combo, self.encoding_combo, self.delimiter_combo):
            combo.activated.connect(self._override)
        form = QFormLayout()
        form.addRow(self.tr("F&ormat:"), self.format_combo)
        form.addRow(self.tr("&Encoding:"), self.encoding_combo)
        form.addRow(self.tr("&Separator:"), self.delimiter_combo)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Problem reading the file"))
        self.error.setStyleSheet("color: palette(highlight);")
        self.error.hide()
        self.model = PreviewModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        _table(self.view, self.tr("Preview of the first rows"))
        self.view.horizontalHeader().setDefaultSectionSize(140)
        self.caption = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.detected)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        self._loading = False
        self._overridden = False

    def initializePage(self) -> None:
        path = self.w.file_page.path()
        if self.w.analysis is None or self.w.analysis.path != path:
            self._overridden = False
            self.w.analyze(path)

    def set_loading(self, loading: bool) -> None:
        self._loading = loading
        if loading:
            self.caption.setText(self.tr("Reading the file…"))
        self.completeChanged.emit()

    def _override(self) -> None:
        self._overridden = True
        fmt_key = str(self.format_combo.currentData())
        self.w.analyze(
            self.w.file_page.path(),
            encoding=str(self.encoding_combo.currentData()),
            delimiter=str(self.delimiter_combo.currentData()),
            file_format=fmt_key,
        )

    def show_analysis(self) -> None:
        a = self.w.analysis
        assert a is not None
        self.error.hide()
        vcard = a.format == "vcard"
        for combo, value in (
            (self.format_combo, a.format),
            (self.encoding_combo, a.encoding),
            (self.delimiter_combo, a.delimiter),
        ):
            if value is not None:
                combo.setCurrentIndex(max(0, combo.findData(value)))
        self.encoding_combo.setEnabled(not vcard)
        self.delimiter_combo.setEnabled(not vcard)
        names = self.format_names()
        if vcard:
            self.detected.setText(fmt(self.tr("Detected: %1."), names["vcard"]))
        else:
            encoding = self.encoding_combo.itemText(
                max(0, self.encoding_combo.findData(a.encoding))
            )
            delimiter = self.delimiter_combo.itemText(
                max(0, self.delimiter_combo.findData(a.delimiter))
            )
            self.detected.setText(
                fmt(
                    self.tr("Detected: %1, %2, separator %3."),
                    names.get(a.detected_format, a.detected_format),
                    encoding,
                    delimiter,
                )
            )
        self.model.set_table(a.header, a.rows)
        self.caption.setText(
            self.tr("The first %n row(s) of the file:", "", len(a.rows))
            if a.rows
            else self.tr("The file has no rows to import.")
        )
        self.completeChanged.emit()

    def format_names(self) -> dict[str, str]:
        """{"google": "Google Contacts CSV", ...} as the format list shows them."""
        return {
            str(self.format_combo.itemData(i)): self.format_combo.itemText(i)
            for i in range(self.format_combo.count())
        }

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.model.set_table((), ())
        self.caption.setText("")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        a = self.w.analysis
        return (
            not self._loading
            and self.error.isHidden()
            and a is not None
            and a.path == self.w.file_page.path()
            and bool(a.rows)
        )

    def nextId(self) -> int:
        a = self.w.analysis
        return PAGE_DRY_RUN if a is not None and a.format == "vcard" else PAGE_MAPPING


# -- 3. mapping -------------------------------------------------------------------


class MappingPage(QWizardPage):
    """One row per column: what the detected format makes of it, and the user's choice.

    The user's choices are overrides on top of the preset (:attr:`overrides`,
    {column: field}); the columns left alone keep the preset's handling, so
    re-mapping one column of a Google file keeps its `` ::: `` values, labels
    and birthdays. Every row shows what its column becomes after the overrides.
    """

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(
            self.tr(
                "Each row shows what a column becomes. Change any of them, or choose Ignore; "
                "the columns you leave keep the detected format's handling."
            )
        )
        self.table = QTableWidget(0, 3, self)
        self.table.setAccessibleName(self.tr("Column mapping"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("First value"), self.tr("Contact field")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.reset = QPushButton(self.tr("Use the &detected fields"), self)
        self.reset.setAccessibleName(self.tr("Use the detected fields"))
        self.reset.clicked.connect(self._reset)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("Mapping status"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.reset)
        layout.addLayout(row)
        self.combos: list[QComboBox] = []
        self.overrides: dict[int, str] = {}  # column -> field, in the order chosen
        self._effective = Effective((), False)
        self._built_for: object = None

    def overrides_for(self, analysis: object) -> dict[int, str]:
        """The overrides when this page was built for ``analysis`` (else none)."""
        return dict(self.overrides) if self._built_for is analysis else {}

    def field_names(self) -> dict[str, str]:
        return {
            "given_name": self.tr("First name"),
            "middle_name": self.tr("Middle name"),
            "family_name": self.tr("Last name"),
            "display_name": self.tr("Full name"),
            "organization": self.tr("Organization"),
            "job_title": self.tr("Job title"),
            "lead_source": self.tr("Lead source"),
            "status": self.tr("Status"),
            "preferred_channel": self.tr("Preferred channel"),
            "interests": self.tr("Interests"),
            "preferences": self.tr("Preferences"),
            "notes": self.tr("Notes"),
            "email": self.tr("E-mail"),
            "phone": self.tr("Phone"),
            "birthday": self.tr("Birthday"),
            "tags": self.tr("Tags"),
            "stay_in_touch_days": self.tr("Stay in touch (days)"),
            "street": self.tr("Street"),
            "extended": self.tr("Address line 2"),
            "city": self.tr("City"),
            "region": self.tr("Region"),
            "postal_code": self.tr("Postal code"),
            "country": self.tr("Country"),
            "ignore": self.tr("Ignore"),
            # what only a preset makes of a column (import_source.ROLES)
            "email_label": self.tr("Label of an e-mail"),
            "phone_label": self.tr("Label of a phone"),
            "address_label": self.tr("Label of an address"),
            "anniversary": self.tr("Anniversary"),
            "address": self.tr("Addresses"),
            "dates": self.tr("Important dates"),
        }

    def initializePage(self) -> None:
        a = self.w.analysis
        if a is None or self._built_for is a:
            return
        self._built_for = a
        names = self.field_names()
        self.overrides = {}
        self.table.setRowCount(len(a.header))
        self.combos = []
        for i, column in enumerate(a.header):
            self.table.setItem(i, 0, QTableWidgetItem(column))
            sample = next((r[i] for r in a.rows if i < len(r) and r[i].strip()), "")
            self.table.setItem(i, 1, QTableWidgetItem(sample[:80]))
            combo = QComboBox(self.table)
            combo.setAccessibleName(fmt(self.tr("Field for column %1"), column))
            if a.mapping[i] in ROLES:  # the preset's own use of it comes first
                combo.addItem(names[a.mapping[i]], a.mapping[i])
            for key in csv_sources.FIELDS:
                combo.addItem(names.get(key, key), key)
            combo.activated.connect(
                lambda index, i=i, combo=combo: self.set_field(i, str(combo.itemData(index)))
            )
            self.table.setCellWidget(i, 2, combo)
            self.combos.append(combo)
        self._show()

    def fields(self) -> list[str]:
        """What each column becomes (a field, a preset role, or "ignore")."""
        return list(self._effective.fields)

    def set_field(self, column: int, field: str) -> None:
        """The user's choice for ``column``: an override unless the column already is that.

        Another column that loses its place to it (there is one birthday) drops
        its own override and goes back to what the preset makes of it.
        """
        a = self.w.analysis
        if a is None:
            return
        self.overrides.pop(column, None)
        if import_source.effective_fields(a, self.overrides).fields[column] != field:
            self.overrides[column] = field
        while True:
            shown = import_source.effective_fields(a, self.overrides).fields
            stale = [c for c, f in self.overrides.items() if shown[c] != f]
            if not stale:
                break
            for c in stale:
                del self.overrides[c]
        for c in list(self.overrides):  # and one that the preset now does by itself
            without = {k: f for k, f in self.overrides.items() if k != c}
            if import_source.effective_fields(a, without).fields == shown:
                self.overrides = without
        self._show()

    def _reset(self) -> None:
        self.overrides = {}
        self._show()

    def _show(self) -> None:
        a = self.w.analysis
        if a is None:
            return
        self._effective = import_source.effective_fields(a, self.overrides)
        for i, (combo, field) in enumerate(zip(self.combos, self._effective.fields, strict=True)):
            if combo.findData(field) < 0:
                combo.addItem(self.field_names().get(field, field), field)
            combo.setCurrentIndex(combo.findData(field))
            item = self.table.item(i, 0)
            if item is not None:
                font = item.font()
                font.setBold(i in self.overrides)  # the user's own choices stand out
                item.setFont(font)
        changed = len(self.overrides)
        name = self.w.detect_page.format_names().get(a.format, a.format)
        if not self._effective.usable:
            self.note.setText(
                self.tr("Choose a contact field (a name, e-mail or phone) for at least one column.")
            )
        elif changed and a.format == "csv":
            self.note.setText(
                self.tr(
                    "You changed %n column(s); the others keep the fields guessed from their "
                    "names.",
                    "",
                    changed,
                )
            )
        elif changed:
            self.note.setText(
                fmt(
                    self.tr("You changed %n column(s); the others are read as %1.", "", changed),
                    name,
                )
            )
        elif a.format == "csv":
            self.note.setText(self.tr("Fields guessed from the column names."))
        else:
            self.note.setText(fmt(self.tr("As detected for %1."), name))
        self.reset.setEnabled(bool(changed))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._effective.usable


# -- 4. dry run ---------------------------------------------------------------------


class DryRunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr("Check before importing"))
        self.setSubTitle(
            self.tr("What the import would do, row by row. Nothing has been saved yet.")
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.duplicates = QComboBox(self)
        self.duplicates.setAccessibleName(self.tr("When a contact already exists"))
        for key, text in (
            ("skip", self.tr("Skip it")),
            ("merge", self.tr("Merge: fill empty fields, add new e-mails, phones and tags")),
            ("create", self.tr("Create another contact anyway")),
        ):
            self.duplicates.addItem(text, key)
        self.duplicates.currentIndexChanged.connect(lambda _i: self.w.dry_run())
        form = QFormLayout()
        form.addRow(self.tr("When a contact already &exists:"), self.duplicates)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Checking progress"))
        self.progress.hide()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Dry run summary"))
        self.model = OutcomeModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        _table(self.view, self.tr("What happens to each row"))
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setColumnWidth(0, 70)
        self.view.setColumnWidth(1, 200)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self._running = False
        self._ok = False

    def on_duplicate(self) -> str:
        return str(self.duplicates.currentData())

    def initializePage(self) -> None:
        self.w.dry_run()

    def set_running(self, running: bool) -> None:
        self._running = running
        if running:
            self._ok = False
            self.summary.setText(self.tr("Checking every row…"))
            self.progress.setRange(0, 0)
            self.progress.show()
        else:
            self.progress.hide()
        self.completeChanged.emit()

    @Slot(str, int, int)
    def on_progress(self, _stage: str, done: int, total: int) -> None:
        if self._running and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def show_result(self, lines: list[tuple[str, str, str]], errors: list[int], text: str) -> None:
        self.model.set_lines(lines, errors)
        self.summary.setText(text)
        self._ok = True
        self.set_running(False)

    def show_error(self, message: str) -> None:
        self.model.set_lines([])
        self.summary.setText(message)
        self._ok = False
        self.set_running(False)

    def isComplete(self) -> bool:
        return not self._running and self._ok and self.w.would_import() > 0


# -- 5. import ----------------------------------------------------------------------


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr("Importing"))
        self.setSubTitle(self.tr("Everything is saved at once; Cancel leaves nothing changed."))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Import status"))
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.cancel = QPushButton(self.tr("&Cancel import"), self)
        self.cancel.setAccessibleName(self.tr("Cancel import"))
        self.cancel.clicked.connect(self.w.cancel_import)
        self.retry = QPushButton(self.tr("&Try again"), self)
        self.retry.setAccessibleName(self.tr("Try the import again"))
        self.retry.clicked.connect(self.w.start_import)
        self.retry.hide()
        self.show_button = QPushButton(self.tr("&Show imported contacts"), self)
        self.show_button.setAccessibleName(self.tr("Show imported contacts"))
        self.show_button.clicked.connect(self.w.show_imported)
        self.show_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry)
        buttons.addWidget(self.show_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._running = False

    def initializePage(self) -> None:
        self.w.start_import()

    def set_running(self, running: bool) -> None:
        self._running = running
        self.cancel.setVisible(running)
        self.cancel.setEnabled(running)
        self.progress.setVisible(running)
        if running:
            self.retry.hide()
            self.show_button.hide()
            self.progress.setRange(0, 0)
            self.status.setText(self.tr("Importing…"))
        self.completeChanged.emit()

    @Slot(str, int, int)
    def on_progress(self, stage: str, done: int, total: int) -> None:
        if not self._running or not total:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if stage == "saving":
            self.status.setText(fmt(self.tr("Saving: %1 of %2 rows"), f"{done:,}", f"{total:,}"))
        else:
            self.status.setText(fmt(self.tr("Checking: %1 of %2 rows"), f"{done:,}", f"{total:,}"))

    @Slot()
    def on_cancel_requested(self) -> None:
        if self._running:
            self.cancel.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    def finished(self, text: str, imported: int) -> None:
        self.set_running(False)
        self.status.setText(text)
        self.show_button.setVisible(imported > 0)

    def failed(self, text: str) -> None:
        self.set_running(False)
        self.status.setText(text)
        self.retry.show()

    def isComplete(self) -> bool:
        return not self._running
