"""The Reports window: pick a report, a period and options, see it, export it.

A non-modal top-level window. "Show" runs the report on the database
worker (``ctx.runner``) and shows the first :data:`PREVIEW_LIMIT` rows in a
table; "Export CSV…" writes every row with the spreadsheet-safe writer
(delimiter, encoding and ``raw`` as on the command line). The vCard and
calendar exports write what ``crm-desktop export vcard|ics`` writes.

Exports run on the worker too, reporting progress after every batch through
:attr:`ReportsWindow.export_progress` (emitted on the worker, delivered
queued to the GUI thread) and checking a cancel flag between batches; every
file is written as ``PATH.partial`` and renamed when complete, so Cancel or
an error leaves no file. The worker is busy while an export runs, and other
work waits its turn: an export of a million rows takes a few seconds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QStandardPaths, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.gui import icons
from crm_desktop.gui.context import GuiContext
from crm_desktop.gui.dialogs.reports_jobs import (
    PREVIEW_LIMIT,
    ExportCancelled,
    Preview,
    export_csv,
    export_ics,
    export_vcard,
    preset_range,
    preview_report,
)
from crm_desktop.gui.i18n import fmt
from crm_desktop.gui.models.report_table import ReportTableModel

if TYPE_CHECKING:
    from crm_desktop.interchange.vcard_write import VCardVersion
    from crm_desktop.reports.period import ReportParams

__all__ = ["PathChooser", "ReportsWindow"]

#: (parent, caption, suggested path, file filter) -> the chosen path, or "" when cancelled.
PathChooser = Callable[[QWidget, str, str, str], str]

#: Reports whose period does not apply ("as of now").
NO_PERIOD = frozenset({"follow-ups"})
#: Reports with the week/month option.
BY_OPTION = frozenset({"meeting-outcomes"})


def _file_dialog(parent: QWidget, caption: str, suggested: str, filters: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
    return path


def _buddy_label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    """A label with a mnemonic (``&To``) that is as wide as it is drawn.

    Qt sizes such a label by the kerned text, but draws the underlined letter as
    a separate run, without kerning: "To" came out one pixel wider than its size
    hint and its "o" was clipped to "Tc". Without kerning the size hint and the
    drawing agree, in any font and language.
    """
    label = QLabel(text, parent)
    font = label.font()
    font.setKerning(False)
    label.setFont(font)
    label.setBuddy(buddy)
    return label


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportsWindow(QWidget):
    """Reports and exports. ``choose_path`` replaces the save dialog (tests)."""

    report_shown = Signal(int)  # the report's row count, after "Show"
    export_progress = Signal(int)  # rows or cards written so far (emitted on the worker)
    export_finished = Signal(str)  # the path written
    export_failed = Signal(str)  # the message shown (cancelled, or an error)

    def __init__(
        self,
        ctx: GuiContext,
        parent: QWidget | None = None,
        *,
        choose_path: PathChooser | None = None,
        preview_limit: int = PREVIEW_LIMIT,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self._choose_path = choose_path or _file_dialog
        self._preview_limit = preview_limit
        self._cancel = threading.Event()
        self._exporting = False
        self._progress: QProgressDialog | None = None
        self._progress_total = 0
        self._shown: tuple[str, ReportParams] | None = None
        self._shown_total = 0
        self._folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self.setObjectName("ReportsWindow")
        self.setWindowTitle(self.tr("Reports and export"))
        self.setWindowIcon(icons.icon("report"))
        self._build()
        self.export_progress.connect(self._on_progress)
        self.resize(1100, 660)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)

    # -- labels --------------------------------------------------------------------

    def report_labels(self) -> dict[str, tuple[str, str]]:
        """Report name -> (title, description), translated."""
        return {
            "contacts": (
                self.tr("Contacts"),
                self.tr("Every field of every contact, one row each (period: date added)."),
            ),
            "interactions": (
                self.tr("Interactions"),
                self.tr("Calls, meetings, e-mails… of the period with contacts and outcome."),
            ),
            "meeting-outcomes": (
                self.tr("Meeting outcomes"),
                self.tr(
                    "Meetings held per week or month: successful, unsuccessful, "
                    "follow-ups booked and the success rate."
                ),
            ),
            "upcoming": (
                self.tr("Upcoming"),
                self.tr("Meetings (series expanded), open tasks and birthdays of the period."),
            ),
            "follow-ups": (
                self.tr("Follow-ups"),
                self.tr("Overdue tasks and contacts losing touch, as of today."),
            ),
            "revenue-by-customer": (
                self.tr("Revenue by customer"),
                self.tr("Purchases and won deals per customer and currency, top customers first."),
            ),
            "lead-sources": (
                self.tr("Lead sources"),
                self.tr("Contacts acquired, converted, revenue and cost per lead source."),
            ),
            "pipeline": (
                self.tr("Pipeline"),
                self.tr("Open deals by stage: count, value and weighted value."),
            ),
        }

    def preset_labels(self) -> dict[str, str]:
        return {
            "this_week": self.tr("This week"),
            "last_week": self.tr("Last week"),
            "this_month": self.tr("This month"),
            "last_month": self.tr("Last month"),
            "this_year": self.tr("This year"),
        }

    # -- building ------------------------------------------------------------------

    def _build(self) -> None:
        from crm_desktop.reports.registry import REPORTS

        labels = self.report_labels()
        self.report_list = QListWidget(self)
        self.report_list.setAccessibleName(self.tr("Reports"))
        self.report_list.setWordWrap(True)
        for name, report in REPORTS.items():
            title, description = labels.get(name, (name, report.description))
            item = QListWidgetItem(icons.icon("report"), title)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(description)
            self.report_list.addItem(item)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setAccessibleName(self.tr("Report description"))
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QWidget(self)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("&Report"), left)
        heading.setBuddy(self.report_list)
        left_box.addWidget(heading)
        left_box.addWidget(self.report_list, 1)
        left_box.addWidget(self.description)

        # Period and options.
        today = self.ctx.local_now().date()
        self.preset = QComboBox(self)
        self.preset.setAccessibleName(self.tr("Period preset"))
        self.preset.addItem(self.tr("Custom"), "")
        for key, text in self.preset_labels().items():
            self.preset.addItem(text, key)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit, name in ((self.date_from, self.tr("From")), (self.date_to, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        first, last = preset_range("this_month", today)
        self.date_from.setDate(_qdate(first))
        self.date_to.setDate(_qdate(last))
        self.preset.setCurrentIndex(self.preset.findData("this_month"))
        self.all_dates = QCheckBox(self.tr("&All dates"), self)
        self.all_dates.setToolTip(self.tr("Ignore the period: every row of the report"))
        self.by = QComboBox(self)
        self.by.setAccessibleName(self.tr("Group meetings by"))
        self.by.addItem(self.tr("Week"), "week")
        self.by.addItem(self.tr("Month"), "month")
        self.by_label = _buddy_label(self.tr("&By"), self.by, self)
        self.show_button = QPushButton(icons.icon("report"), self.tr("&Show"), self)
        self.show_button.setAccessibleName(self.tr("Show the report"))
        self.show_button.setDefault(True)

        period = QHBoxLayout()
        self.period_labels: list[QLabel] = []
        for text, widget in (
            (self.tr("&Period"), self.preset),
            (self.tr("&From"), self.date_from),
            (self.tr("&To"), self.date_to),
        ):
            label = _buddy_label(text, widget, self)
            self.period_labels.append(label)
            period.addWidget(label)
            period.addWidget(widget)
        period.addWidget(self.all_dates)
        period.addSpacing(12)
        period.addWidget(self.by_label)
        period.addWidget(self.by)
        period.addStretch(1)
        period.addWidget(self.show_button)

        self.model = ReportTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Report result"))
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.note = QLabel(self)
        self.note.setAccessibleName(self.tr("Result summary"))
        self.note.setWordWrap(True)

        # CSV export options.
        csv_box = QGroupBox(self.tr("CSV"), self)
        self.delimiter = QComboBox(csv_box)
        self.delimiter.setAccessibleName(self.tr("Delimiter"))
        self.delimiter.addItem(self.tr("Comma (,)"), ",")
        self.delimiter.addItem(self.tr("Semicolon (;) with decimal commas"), ";")
        self.delimiter.addItem(self.tr("Tab"), "\t")
        self.encoding = QComboBox(csv_box)
        self.encoding.setAccessibleName(self.tr("Encoding"))
        self.encoding.addItem(self.tr("UTF-8 with BOM (Excel)"), "utf-8-sig")
        self.encoding.addItem(self.tr("UTF-8"), "utf-8")
        self.raw = QCheckBox(self.tr("&Raw values (for programs, no formula protection)"), csv_box)
        self.export_button = QPushButton(icons.icon("export"), self.tr("&Export CSV…"), csv_box)
        self.export_button.setAccessibleName(self.tr("Export the report as CSV"))
        csv_form = QFormLayout(csv_box)
        csv_form.addRow(self.tr("&Delimiter"), self.delimiter)
        csv_form.addRow(self.tr("E&ncoding"), self.encoding)
        csv_form.addRow(self.raw)
        csv_form.addRow(self.export_button)

        other_box = QGroupBox(self.tr("Contacts and calendar"), self)
        self.vcard_version = QComboBox(other_box)
        self.vcard_version.setAccessibleName(self.tr("vCard version"))
        self.vcard_version.addItem(self.tr("vCard 4.0"), "4.0")
        self.vcard_version.addItem(self.tr("vCard 3.0 (older programs)"), "3.0")
        self.vcard_button = QPushButton(
            icons.icon("export"), self.tr("Export contacts as &vCard…"), other_box
        )
        self.vcard_button.setAccessibleName(self.tr("Export all contacts as vCard"))
        self.ics_button = QPushButton(
            icons.icon("export"), self.tr("Export &calendar (.ics)…"), other_box
        )
        self.ics_button.setAccessibleName(self.tr("Export the calendar as iCalendar"))
        other_form = QFormLayout(other_box)
        other_form.addRow(self.tr("V&ersion"), self.vcard_version)
        other_form.addRow(self.vcard_button)
        other_form.addRow(self.ics_button)

        exports = QHBoxLayout()
        exports.addWidget(csv_box, 3)
        exports.addWidget(other_box, 2)

        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        right = QWidget(self)
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addLayout(period)
        right_box.addWidget(self.table, 1)
        right_box.addWidget(self.note)
        right_box.addLayout(exports)
        right_box.addWidget(self.status)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([230, 870])
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)

        self.report_list.currentItemChanged.connect(self._on_report_changed)
        self.report_list.itemActivated.connect(lambda _item: self.show_report())
        self.preset.activated.connect(self._on_preset)
        self.date_from.dateChanged.connect(self._on_date_edited)
        self.date_to.dateChanged.connect(self._on_date_edited)
        self.all_dates.toggled.connect(self._update_enabled)
        self.show_button.clicked.connect(self.show_report)
        self.export_button.clicked.connect(self.export_report)
        self.vcard_button.clicked.connect(self.export_vcard)
        self.ics_button.clicked.connect(self.export_calendar)
        self.report_list.setCurrentRow(0)

    # -- state -----------------------------------------------------------------------

    def current_report(self) -> str:
        item = self.report_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def select_report(self, name: str) -> None:
        for row in range(self.report_list.count()):
            if self.report_list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.report_list.setCurrentRow(row)
                return
        raise KeyError(name)

    def set_period(self, start: date | None, end: date | None) -> None:
        """A custom period (None, None: all dates)."""
        self.all_dates.setChecked(start is None and end is None)
        if start is not None:
            self.date_from.setDate(_qdate(start))
        if end is not None:
            self.date_to.setDate(_qdate(end))
        self.preset.setCurrentIndex(0)

    def apply_preset(self, key: str) -> None:
        first, last = preset_range(key, self.ctx.local_now().date())
        self.all_dates.setChecked(False)
        self.date_from.blockSignals(True)
        self.date_to.blockSignals(True)
        self.date_from.setDate(_qdate(first))
        self.date_to.setDate(_qdate(last))
        self.date_from.blockSignals(False)
        self.date_to.blockSignals(False)
        self.preset.setCurrentIndex(self.preset.findData(key))

    def params(self, *, raw: bool = True) -> ReportParams:
        from crm_desktop.reports.period import ReportParams

        name = self.current_report()
        start: date | None = None
        end: date | None = None
        if not self.all_dates.isChecked() and name not in NO_PERIOD:
            start, end = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        by = str(self.by.currentData())
        return ReportParams(self.ctx.zone, self.ctx.now(), start, end, by=by, safe=not raw)

    def _on_report_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        self.description.setText(current.toolTip())
        self._update_enabled()

    def _on_preset(self, index: int) -> None:
        key = self.preset.itemData(index)
        if key:
            self.apply_preset(str(key))

    def _on_date_edited(self) -> None:
        self.preset.setCurrentIndex(0)  # a hand-picked day: the period is custom now

    def _update_enabled(self) -> None:
        name = self.current_report()
        dated = name not in NO_PERIOD
        self.all_dates.setEnabled(dated and not self._exporting)
        for widget in (self.preset, self.date_from, self.date_to):
            widget.setEnabled(dated and not self.all_dates.isChecked() and not self._exporting)
        self.by.setVisible(name in BY_OPTION)
        self.by_label.setVisible(name in BY_OPTION)
        for button in (self.export_button, self.vcard_button, self.ics_button):
            button.setEnabled(not self._exporting)

    def _validate(self) -> bool:
        if self.all_dates.isChecked() or self.current_report() in NO_PERIOD:
            return True
        if self.date_to.date() < self.date_from.date():
            self._say(self.tr("The end of the period is before its start."), error=True)
            return False
        return True

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setProperty("error", error)
        self.status.setStyleSheet("font-weight: bold;" if error else "")

    # -- show --------------------------------------------------------------------------

    def show_report(self) -> None:
        name = self.current_report()
        if not name or not self._validate():
            return
        params = self.params(raw=True)  # the table shows values as they are
        db = self.ctx.services.db if self.ctx.is_open else None
        if db is None:
            self._say(self.tr("The database is not open yet."), error=True)
            return
        limit = self._preview_limit
        self.show_button.setEnabled(False)
        self.note.setText(self.tr("Working…"))
        self._say("")
        self.ctx.runner.run(
            lambda: preview_report(db, name, params, limit=limit),
            lambda preview: self._on_preview(name, params, preview),
            self._on_preview_error,
            key="reports-preview",
        )

    def _on_preview(self, name: str, params: ReportParams, preview: Preview) -> None:
        self.show_button.setEnabled(True)
        self.model.set_table(preview.header, preview.rows)
        self.table.resizeColumnsToContents()
        self._shown = (name, params)
        self._shown_total = preview.total
        if preview.total > len(preview.rows):
            self.note.setText(
                fmt(
                    self.tr("First %1 of %2 rows shown; the export contains all."),
                    f"{len(preview.rows):,}",
                    f"{preview.total:,}",
                )
            )
        else:
            self.note.setText(self.tr("%n row(s)", "", preview.total))
        self.report_shown.emit(preview.total)

    def _on_preview_error(self, exc: BaseException) -> None:
        self.show_button.setEnabled(True)
        self.note.setText("")
        self._say(fmt(self.tr("The report could not be made: %1"), self._plain(exc)), error=True)

    # -- exports -------------------------------------------------------------------------

    def _ask_path(self, caption: str, suggested: str, filters: str) -> Path | None:
        chosen = self._choose_path(self, caption, str(Path(self._folder) / suggested), filters)
        if not chosen:
            return None
        path = Path(chosen)
        if path.is_dir():
            self._say(fmt(self.tr("%1 is a folder; choose a file name."), path), error=True)
            return None
        if not path.parent.is_dir():
            self._say(fmt(self.tr("The folder %1 does not exist."), path.parent), error=True)
            return None
        self._folder = str(path.parent)
        return path

    def _suggested_csv(self, name: str, params: ReportParams) -> str:
        if params.start and params.end:
            return f"{name}_{params.start.isoformat()}_{params.end.isoformat()}.csv"
        return f"{name}.csv"

    def export_report(self) -> None:
        from crm_desktop.reports.writer import CsvOptions

        name = self.current_report()
        if not name or self._exporting or not self._validate():
            return
        raw = self.raw.isChecked()
        params = self.params(raw=raw)
        path = self._ask_path(
            self.tr("Export the report as CSV"),
            self._suggested_csv(name, params),
            self.tr("CSV files (*.csv);;All files (*)"),
        )
        if path is None:
            return
        options = CsvOptions(str(self.delimiter.currentData()), str(self.encoding.currentData()),
                             raw)  # fmt: skip
        # The row count is known when this very report was just shown.
        shown = self._shown
        total = 0
        if (
            shown is not None
            and shown[0] == name
            and (shown[1].start, shown[1].end, shown[1].by) == (params.start, params.end, params.by)
        ):
            total = self._shown_total  # fmt: skip
        db = self.ctx.services.db
        cancel = self._start_export(self.tr("Writing the report…"), total)

        def job() -> int:
            return export_csv(db, name, params, path, options,
                              progress=self.export_progress.emit, cancel=cancel)  # fmt: skip

        def done(rows: int) -> None:
            self._finish_export(
                path, fmt(self.tr("%1 rows written to %2."), f"{rows:,}", str(path))
            )

        self.ctx.runner.run(job, done, lambda exc: self._export_error(path, exc))

    def export_vcard(self) -> None:
        if self._exporting:
            return
        version: VCardVersion = "3.0" if self.vcard_version.currentData() == "3.0" else "4.0"
        path = self._ask_path(
            self.tr("Export contacts as vCard"),
            "contacts.vcf",
            self.tr("vCard files (*.vcf);;All files (*)"),
        )
        if path is None:
            return
        db = self.ctx.services.db
        cancel = self._start_export(self.tr("Writing the contacts…"), 0)

        def job() -> int:
            return export_vcard(db, path, version, progress=self._export_step,
                                cancel=cancel)  # fmt: skip

        def done(cards: int) -> None:
            text = fmt(self.tr("%1 contacts written to %2 (vCard %3)."), f"{cards:,}", path,
                       version)  # fmt: skip
            self._finish_export(path, text)

        self.ctx.runner.run(job, done, lambda exc: self._export_error(path, exc))

    def export_calendar(self) -> None:
        if self._exporting:
            return
        path = self._ask_path(
            self.tr("Export the calendar"),
            "calendar.ics",
            self.tr("iCalendar files (*.ics);;All files (*)"),
        )
        if path is None:
            return
        db = self.ctx.services.db
        now = self.ctx.now()
        salt = str(self.ctx.paths.database.resolve())
        cancel = self._start_export(self.tr("Writing the calendar…"), 0)

        def job() -> tuple[int, int, int]:
            return export_ics(db, path, now=now, salt=salt, progress=self._export_step,
                              cancel=cancel)  # fmt: skip

        def done(counts: tuple[int, int, int]) -> None:
            events, tasks, birthdays = counts
            text = fmt(
                self.tr("%1 events, %2 tasks and %3 birthdays written to %4."),
                f"{events:,}", f"{tasks:,}", f"{birthdays:,}", path,
            )  # fmt: skip
            self._finish_export(path, text)

        self.ctx.runner.run(job, done, lambda exc: self._export_error(path, exc))

    def _export_step(self, done: int, _total: int) -> None:
        """Progress of a file export (on the worker): the count the bar shows."""
        self.export_progress.emit(done)

    def cancel_export(self) -> None:
        """Stop the running export at the next batch (safe from any thread)."""
        self._cancel.set()

    @property
    def exporting(self) -> bool:
        return self._exporting

    def _start_export(self, label: str, total: int) -> threading.Event:
        self._cancel = threading.Event()
        self._exporting = True
        self._progress_total = total
        self._update_enabled()
        self._say(label)
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, total, self)
        dialog.setWindowTitle(self.tr("Export"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(400)
        dialog.setAccessibleName(self.tr("Export progress"))
        dialog.canceled.connect(self.cancel_export)
        dialog.setValue(0)
        self._progress = dialog
        return self._cancel

    def _on_progress(self, done: int) -> None:
        dialog = self._progress
        if dialog is None:
            return
        if self._progress_total:
            dialog.setValue(min(done, self._progress_total))
            dialog.setLabelText(
                fmt(self.tr("%1 of %2 written…"), f"{done:,}", f"{self._progress_total:,}")
            )
        else:
            dialog.setLabelText(fmt(self.tr("%1 written…"), f"{done:,}"))

    def _end_export(self) -> None:
        self._exporting = False
        if self._progress is not None:
            self._progress.canceled.disconnect(self.cancel_export)
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        self._update_enabled()

    def _finish_export(self, path: Path, text: str) -> None:
        self._end_export()
        self._say(text)
        self.export_finished.emit(str(path))

    def _export_error(self, path: Path, exc: BaseException) -> None:
        self._end_export()
        if isinstance(exc, ExportCancelled):
            text = self.tr("Export cancelled; no file was written.")
        elif isinstance(exc, OSError):
            text = fmt(self.tr("Could not write %1: %2"), path, exc.strerror or self._plain(exc))
        else:
            text = fmt(self.tr("The export failed: %1"), self._plain(exc))
        self._say(text, error=not isinstance(exc, ExportCancelled))
        self.export_failed.emit(text)

    def _plain(self, exc: BaseException) -> str:
        return str(exc) or type(exc).__name__

    # -- window ------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel_export()  # a running export stops; its file is not left behind
        super().closeEvent(event)
