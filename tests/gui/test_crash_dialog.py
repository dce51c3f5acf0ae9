"""The crash dialog: the scrubbed report, Copy to the clipboard, one dialog per traceback."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QApplication, QLabel

from crm_desktop.gui.dialogs.crash_dialog import CrashDialog, CrashReporter

SENTINEL = "Qzxsentinelvq"


def _failure(where: int) -> BaseException:
    try:
        if where == 1:
            raise ValueError(f"no contact named {SENTINEL}")
        raise KeyError(SENTINEL)
    except (ValueError, KeyError) as exc:
        return exc


def test_dialog_shows_report_and_copies_it(qtbot: Any) -> None:
    dialog = CrashDialog("CRM Desktop 0.1.0\nTraceback ...")
    qtbot.addWidget(dialog)
    assert dialog.report.isReadOnly()
    assert dialog.report.toPlainText().startswith("CRM Desktop 0.1.0")
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == dialog.report.toPlainText()


def test_same_traceback_twice_opens_one_dialog(qtbot: Any) -> None:
    reporter = CrashReporter()
    with qtbot.waitSignal(reporter._reported):
        reporter.handle(_failure(1))
    qtbot.waitUntil(lambda: reporter.shown == 1)
    with qtbot.waitSignal(reporter._reported):
        reporter.handle(_failure(1))  # same place, another instance
    assert reporter.shown == 1
    assert len(reporter.dialogs) == 1
    dialog = reporter.dialogs[0]
    qtbot.addWidget(dialog)
    report = dialog.report.toPlainText()
    assert "ValueError" in report and SENTINEL not in report
    assert any("Nothing is sent" in label.text() for label in dialog.findChildren(QLabel))

    # another traceback, reported from a worker thread: a second dialog, on the GUI thread
    worker = threading.Thread(target=reporter.handle, args=(_failure(2),))
    with qtbot.waitSignal(reporter._reported):
        worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.shown == 2)
    for opened in list(reporter.dialogs):
        qtbot.addWidget(opened)
        opened.close()
    qtbot.waitUntil(lambda: not reporter.dialogs)
