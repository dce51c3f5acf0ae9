"""File ▸ Import…: contacts from Google, Outlook, our own report, any CSV or a vCard file.

Five pages: pick a file; see the detected format, encoding and separator
with a preview (and override them); adjust the column mapping; a dry run
that says what happens to each row; the import, with progress and Cancel.
The importer (:func:`crm_desktop.importing.importer.run_import`) is all or
nothing, so a cancelled or failed import leaves the database as it was.

Every read of the file and every database call runs on the task runner's
worker; progress comes back through :attr:`ImportWizard.progress`, a signal
emitted on the worker (queued to the pages), and Cancel only sets a flag the
importer polls between chunks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QWidget, QWizard

from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.dialogs import import_source
from crm_desktop.gui.dialogs.import_pages import (
    PAGE_DETECT,
    PAGE_DRY_RUN,
    PAGE_FILE,
    PAGE_IMPORT,
    PAGE_MAPPING,
    DetectPage,
    DryRunPage,
    FilePage,
    ImportPage,
    MappingPage,
)
from crm_desktop.gui.dialogs.import_source import Analysis
from crm_desktop.gui.i18n import fmt
from crm_desktop.importing import csv_sources
from crm_desktop.importing.importer import (
    CHUNK,
    ImportCancelled,
    ImportResult,
    OnDuplicate,
    Outcome,
    run_import,
)
from crm_desktop.services.changes import Changes

__all__ = ["IMPORT_CHANGES", "ImportWizard"]

PathChooser = Callable[[QWidget], "str | Path | None"]

#: What an import may touch: every list refreshes.
IMPORT_CHANGES = Changes(
    all_contacts=True, tags=True, organizations=True, vocabularies=True, reminders=True
)


@dataclass(frozen=True, slots=True)
class _Checked:
    result: ImportResult
    names: dict[int, str]


class ImportWizard(QWizard):
    """The contact import wizard; ``finished_import(count)`` after a successful import."""

    finished_import = Signal(int)  # contacts created or merged
    contact_requested = Signal(int)  # "Show imported contacts": the first one
    progress = Signal(str, int, int)  # (stage, done, total), emitted on the worker
    _cancel_requested = Signal()

    def __init__(
        self,
        ctx: GuiContext,
        parent: QWidget | None = None,
        *,
        choose_path: PathChooser | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ImportWizard")
        self.setWindowTitle(self.tr("Import contacts"))
        self.setAccessibleName(self.tr("Import contacts"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setMinimumSize(720, 520)
        self.resize(960, 660)
        self._choose_path = choose_path
        self.chunk_size = CHUNK  # rows per transaction step: Cancel is checked between chunks
        self.analysis: Analysis | None = None
        self.checked: _Checked | None = None
        self.import_result: ImportResult | None = None
        self._cancel = threading.Event()
        self._importing = False
        self._closed = False  # results that arrive after closing are dropped

        self.file_page = FilePage(self)
        self.detect_page = DetectPage(self)
        self.mapping_page = MappingPage(self)
        self.dry_run_page = DryRunPage(self)
        self.import_page = ImportPage(self)
        for page_id, page in (
            (PAGE_FILE, self.file_page),
            (PAGE_DETECT, self.detect_page),
            (PAGE_MAPPING, self.mapping_page),
            (PAGE_DRY_RUN, self.dry_run_page),
            (PAGE_IMPORT, self.import_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(PAGE_FILE)
        self.progress.connect(self.dry_run_page.on_progress)
        self.progress.connect(self.import_page.on_progress)
        self._cancel_requested.connect(self.import_page.on_cancel_requested)

    # -- 1. the file ------------------------------------------------------------------

    def choose_path(self, parent: QWidget) -> str | Path | None:
        if self._choose_path is not None:
            return self._choose_path(parent)
        path, _ = QFileDialog.getOpenFileName(
            parent,
            self.tr("Import contacts"),
            str(Path.home()),
            self.tr("Contacts (*.csv *.vcf *.txt);;All files (*)"),
        )
        return path or None

    # -- 2. detection -----------------------------------------------------------------

    def analyze(
        self,
        path: Path,
        *,
        encoding: str | None = None,
        delimiter: str | None = None,
        file_format: str | None = None,
    ) -> None:
        """Read ``path`` again with these choices (None: detect) on the worker."""
        data = self.analysis.data if self.analysis and self.analysis.path == path else None
        self.detect_page.set_loading(True)

        def job() -> Analysis:
            return import_source.analyze(
                path, data, encoding=encoding, delimiter=delimiter, file_format=file_format
            )

        def done(analysis: Analysis) -> None:
            if self._closed:
                return
            self.analysis = analysis
            self.checked = None
            self.detect_page.set_loading(False)
            self.detect_page.show_analysis()

        def failed(error: BaseException) -> None:
            if self._closed:
                return
            self.detect_page.set_loading(False)
            if isinstance(error, UnicodeDecodeError):
                text = fmt(
                    self.tr("The file is not valid %1 text; choose another encoding."), encoding
                )
            elif isinstance(error, OSError):
                text = fmt(self.tr("The file could not be read: %1"), error.strerror or error)
            else:
                text = fmt(self.tr("The file could not be read: %1"), error)
            self.detect_page.show_error(text)

        self.ctx.runner.run(job, done, failed, key="import-analyze")

    def overrides(self) -> dict[int, str]:
        """The user's column choices on top of the detected layout ({column: field})."""
        a = self.analysis
        if a is None or a.format == "vcard":
            return {}
        return self.mapping_page.overrides_for(a)

    # -- 4. dry run -------------------------------------------------------------------

    def _records_job(self, dry_run: bool) -> Callable[[], _Checked]:
        analysis = self.analysis
        assert analysis is not None
        overrides = self.overrides()
        on_duplicate: OnDuplicate = self.dry_run_page.on_duplicate()  # type: ignore[assignment]
        chunk = self.chunk_size
        cancel = self._cancel
        region = self.ctx.phone_region
        ctx = self.ctx

        def job() -> _Checked:
            records = import_source.build_records(analysis, overrides)
            result = run_import(
                ctx.services.db,
                records,
                on_duplicate=on_duplicate,
                dry_run=dry_run,
                phone_region=region,
                progress=self.progress.emit,
                should_cancel=None if dry_run else cancel.is_set,
                chunk_size=chunk,
            )
            return _Checked(result, _names(ctx, result.outcomes) if dry_run else {})

        return job

    def dry_run(self) -> None:
        if self.analysis is None or self._importing:
            return
        self.dry_run_page.set_running(True)
        self.checked = None

        def done(checked: _Checked) -> None:
            if self._closed:
                return
            self.checked = checked
            lines = [self._line(o, checked.names, dry_run=True) for o in checked.result.outcomes]
            errors = [i for i, o in enumerate(checked.result.outcomes) if o.action == "error"]
            self.dry_run_page.show_result(lines, errors, self.summary(checked.result))

        def failed(error: BaseException) -> None:
            if self._closed:
                return
            self.dry_run_page.show_error(self._error_text(error))

        self.ctx.runner.run(self._records_job(True), done, failed, key="import-dry-run")

    def would_import(self) -> int:
        if self.checked is None:
            return 0
        result = self.checked.result
        return result.count("created") + result.count("merged")

    def summary(self, result: ImportResult) -> str:
        s = result.summary
        if result.dry_run:
            text = self.tr(
                "%1 rows: %2 would be created, %3 merged, %4 duplicates skipped, %5 with errors."
            )
        else:
            text = self.tr("%1 rows: %2 created, %3 merged, %4 duplicates skipped, %5 with errors.")
        return fmt(
            text,
            f"{s['rows']:,}",
            f"{s['created']:,}",
            f"{s['merged']:,}",
            f"{s['duplicates']:,}",
            f"{s['errors']:,}",
        )

    def _line(self, o: Outcome, names: dict[int, str], *, dry_run: bool) -> tuple[str, str, str]:
        def target() -> str:
            if o.duplicate_of_row is not None:
                return fmt(self.tr("row %1"), o.duplicate_of_row)
            name = names.get(o.contact_id or 0)
            if name:
                return fmt(self.tr("“%1” (#%2)"), name, o.contact_id)
            return fmt(self.tr("contact #%1"), o.contact_id)

        if o.action == "error":
            detail = fmt(self.tr("%1: %2"), o.field or self.tr("Row"), o.message or "")
            return str(o.row), self.tr("Error"), detail
        if o.action == "duplicate":
            return str(o.row), self.tr("Duplicate, skipped"), fmt(self.tr("of %1"), target())
        if o.action == "merged":
            result = self.tr("Would be merged") if dry_run else self.tr("Merged")
            return str(o.row), result, fmt(self.tr("into %1"), target())
        return str(o.row), self.tr("Would be created") if dry_run else self.tr("Created"), ""

    def _error_text(self, error: BaseException) -> str:
        if isinstance(error, csv_sources.UnknownFormatError):
            return self.tr("No column goes to a contact field; go back and choose the fields.")
        return fmt(self.tr("The file could not be checked: %1"), error)

    # -- 5. import --------------------------------------------------------------------

    def start_import(self) -> None:
        if self.analysis is None or self._importing:
            return
        self._cancel.clear()
        self._importing = True
        self.import_page.set_running(True)

        def done(checked: _Checked) -> None:
            if self._closed:
                return
            self._importing = False
            self.import_result = checked.result
            count = checked.result.count("created") + checked.result.count("merged")
            self.import_page.finished(self.summary(checked.result), count)
            self.ctx.runner.changed.emit(IMPORT_CHANGES)
            self.finished_import.emit(count)

        def failed(error: BaseException) -> None:
            if self._closed:
                return
            self._importing = False
            if isinstance(error, ImportCancelled):
                text = self.tr("The import was cancelled. Nothing was changed.")
            else:
                text = fmt(self.tr("The import failed, so nothing was changed: %1"), error)
            self.import_page.failed(text)

        self.ctx.runner.run(self._records_job(False), done, failed)

    def cancel_import(self) -> None:
        """Stop the running import (safe from any thread): nothing is saved."""
        if self._importing:
            self._cancel.set()
            self._cancel_requested.emit()

    @property
    def importing(self) -> bool:
        return self._importing

    def imported_ids(self) -> list[int]:
        if self.import_result is None:
            return []
        return [
            o.contact_id
            for o in self.import_result.outcomes
            if o.action in ("created", "merged") and o.contact_id is not None
        ]

    def show_imported(self) -> None:
        ids = self.imported_ids()
        if ids:
            self.contact_requested.emit(ids[0])
        self.accept()

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)

    def reject(self) -> None:
        if self._importing:  # Cancel, Escape or the close button: stop first, then close
            self.cancel_import()
            return
        super().reject()


def _names(ctx: GuiContext, outcomes: Sequence[Outcome]) -> dict[int, str]:
    """Display names of the existing contacts the outcomes point at (worker thread)."""
    ids = sorted(
        {o.contact_id for o in outcomes if o.contact_id is not None and o.duplicate_of_row is None}
    )
    names: dict[int, str] = {}
    with ctx.services.db.read_raw() as conn:
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            for cid, name in conn.execute(
                f"SELECT id, display_name FROM contact WHERE id IN ({marks})",
                part,
            ):
                names[int(cid)] = str(name)
    return names
