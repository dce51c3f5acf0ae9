"""The yardstick for start-up: a bare PySide6 window with a paged sqlite3 table.

No services, no ORM, no styling: open the file, read the ids in name order
and the first 100 rows, show a QTableView, print the time from process
start to the first paint. `benchmarks.gui_run` runs it beside the app.
"""

from __future__ import annotations

import sqlite3
import sys
import time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QTableView

from crm_desktop.app import process_started


class Model(QAbstractTableModel):
    def __init__(self, path: str) -> None:
        super().__init__()
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self.ids = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM contact WHERE trashed_at IS NULL ORDER BY sort_key, id"
            )
        ]
        marks = ",".join(map(str, self.ids[:100]))
        self.rows = {
            r[0]: r
            for r in conn.execute(
                f"SELECT id, display_name, job_title FROM contact WHERE id IN ({marks})"
            )
        }

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.ids)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows.get(self.ids[index.row()])
        return row[index.column() + 1] if row else ""


def main() -> int:
    started = process_started()
    app = QApplication(sys.argv[:1])
    view = QTableView()
    view.setModel(Model(sys.argv[1]))
    view.resize(1366, 768)
    view.show()

    def painted() -> None:
        view.grab()
        print(f"first paint with data: {time.perf_counter() - started:.3f} s after process start")
        app.quit()

    QTimer.singleShot(0, painted)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
