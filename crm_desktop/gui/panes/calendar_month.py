"""The month grid: QCalendarWidget with per-day markers painted in each cell.

Qt keeps selection, arrow-key moves and locale (first day of week, names);
we add small coloured pills per day (meetings, tasks, birthdays; a number
inside when more than one), a ring around today, and PgUp/PgDn/T keys.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPalette, QPen, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QTableView, QWidget

from crm_desktop.services.calendar_items import DayCounts, month_grid

MEETING_COLOR = QColor("#2563eb")
TASK_COLOR = QColor("#d97706")
BIRTHDAY_COLOR = QColor("#db2777")


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class MonthGrid(QCalendarWidget):
    today_requested = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.counts: dict[date, DayCounts] = {}
        self.setNavigationBarVisible(False)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.setGridVisible(False)
        self.setAccessibleName(self.tr("Month calendar"))
        self.setMinimumHeight(250)
        weekend = QTextCharFormat()
        weekend.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.setWeekdayTextFormat(day, weekend)
        self.view = self.findChild(QTableView, "qt_calendar_calendarview")
        if self.view is not None:
            self.view.installEventFilter(self)

    # -- data ------------------------------------------------------------------

    def set_today(self, today: date) -> None:
        self._today = today
        self.updateCells()

    def grid_span(self) -> tuple[date, date]:
        first_weekday = self.firstDayOfWeek().value - 1  # Qt: Monday = 1; Python: Monday = 0
        return month_grid(self.yearShown(), self.monthShown(), first_weekday)

    def set_counts(self, counts: dict[date, DayCounts]) -> None:
        self.counts = counts
        self.updateCells()

    def selected(self) -> date:
        return pydate(self.selectedDate())

    def select(self, day: date) -> None:
        self.setSelectedDate(qdate(day))
        self.setCurrentPage(day.year, day.month)

    def move_months(self, months: int) -> None:
        self.setSelectedDate(self.selectedDate().addMonths(months))

    # -- painting --------------------------------------------------------------

    def paintCell(self, painter: QPainter, rect: QRect, qday: QDate) -> None:
        super().paintCell(painter, rect, qday)
        day = pydate(qday)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if day == self._today:
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(rect).adjusted(2, 2, -2, -2), 5, 5)
        counts = self.counts.get(day)
        if counts is not None and not counts.empty:
            self._paint_markers(painter, QRectF(rect), counts, day.month == self.monthShown())
        painter.restore()

    def _paint_markers(
        self, painter: QPainter, rect: QRectF, counts: DayCounts, this_month: bool
    ) -> None:
        pills = [
            (n, color)
            for n, color in (
                (counts.meetings, MEETING_COLOR),
                (counts.tasks, TASK_COLOR),
                (counts.birthdays, BIRTHDAY_COLOR),
            )
            if n
        ]
        size = max(6.0, min(11.0, rect.height() / 4))
        font = QFont(painter.font())
        font.setPixelSize(int(size - 2))
        font.setBold(True)
        painter.setFont(font)
        widths = [size if n == 1 else size + (4 if n > 9 else 0) for n, _ in pills]
        gap = 2.0
        x = rect.center().x() - (sum(widths) + gap * (len(pills) - 1)) / 2
        y = rect.bottom() - size - 3
        for (n, color), width in zip(pills, widths, strict=True):
            fill = QColor(color)
            if not this_month:
                fill.setAlpha(110)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            box = QRectF(x, y, width, size)
            if n == 1:
                painter.drawEllipse(box.adjusted(2, 2, -2, -2))
            else:
                painter.drawRoundedRect(box, size / 2, size / 2)
                painter.setPen(QColor("white"))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(min(n, 99)))
            x += width + gap

    # -- keys ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_key = event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
        if is_key and self._key(event):  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if key == Qt.Key.Key_PageUp:
            self.move_months(-1)
        elif key == Qt.Key.Key_PageDown:
            self.move_months(1)
        elif key == Qt.Key.Key_T:
            self.today_requested.emit()
        else:
            return False
        return True

    def summary_text(self, day: date) -> str:
        """A sentence for screen readers and the agenda heading."""
        counts = self.counts.get(day, DayCounts())
        parts = []
        if counts.meetings:
            parts.append(self.tr("%n meeting(s)", "", counts.meetings))
        if counts.tasks:
            parts.append(self.tr("%n open task(s)", "", counts.tasks))
        if counts.birthdays:
            parts.append(self.tr("%n birthday(s)", "", counts.birthdays))
        return ", ".join(parts)


def week_start(day: date, first_weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)
