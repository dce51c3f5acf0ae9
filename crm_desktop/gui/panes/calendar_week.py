"""The week view: seven columns, an all-day strip, and a scrollable time grid.

Blocks are laid out once per data change (:func:`layout_blocks`), then
painted; hit-testing uses the same rectangles, and tests read them too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from crm_desktop.domain.choices import EventStatus
from crm_desktop.gui.i18n import fmt
from crm_desktop.gui.panes.calendar_agenda import BIRTHDAY, EVENT, TASK
from crm_desktop.gui.panes.calendar_month import BIRTHDAY_COLOR, MEETING_COLOR, TASK_COLOR
from crm_desktop.services.calendar_items import Agenda

GUTTER = 40
HOUR_HEIGHT = 44
FIRST_HOUR, LAST_HOUR = 7, 20
HEADER_HEIGHT = 22
CHIP_HEIGHT = 16
MAX_CHIPS = 3


# (column, start, end, kind, id, text, colour, faded) and (kind, id, text, colour, faded)
_Timed = tuple[int, datetime, datetime, str, int, str, QColor, bool]
_Chip = tuple[str, int, str, QColor, bool]


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # EVENT, TASK or BIRTHDAY
    item_id: int
    day: int  # column 0..6
    text: str
    color: QColor
    rect: QRectF  # in the canvas (timed) or header (all-day) coordinates
    faded: bool = False


def _column_x(width: int, day: int) -> tuple[float, float]:
    column = (width - GUTTER) / 7
    return GUTTER + day * column, column


class _Canvas(QWidget):
    """The part that draws the hours and the timed blocks."""

    def __init__(self, view: WeekView) -> None:
        super().__init__(view)
        self.week = view
        self.blocks: list[Block] = []
        self.setMouseTracking(True)

    def hour_y(self, hour: float) -> float:
        return (hour - self.week.first_hour) * HOUR_HEIGHT

    def sizeHint(self) -> QSize:
        return QSize(300, int((self.week.last_hour - self.week.first_hour) * HOUR_HEIGHT) + 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        selected = self.week.selected_column()
        if selected is not None:
            x, w = _column_x(self.width(), selected)
            painter.fillRect(QRectF(x, 0, w, self.height()), _tint(pal, 18))
        grid = QPen(pal.color(QPalette.ColorRole.Mid), 0.5)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        for hour in range(self.week.first_hour, self.week.last_hour + 1):
            y = self.hour_y(hour)
            painter.setPen(grid)
            painter.drawLine(GUTTER - 4, int(y), self.width(), int(y))
            painter.setPen(muted)
            painter.drawText(
                QRectF(0, y + 1, GUTTER - 6, 14), Qt.AlignmentFlag.AlignRight, f"{hour:02d}:00"
            )
        painter.setPen(grid)
        for day in range(8):
            x, _w = _column_x(self.width(), day)
            painter.drawLine(int(x), 0, int(x), self.height())
        self.week.paint_now_line(painter, self)
        for block in self.blocks:
            _paint_block(painter, block)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.week.place()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.week.setFocus()
        self.week.handle_press(event.position().toPoint())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.week.handle_double_click(self.week.block_at(event.position().toPoint(), True))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.week.show_menu(self.week.block_at(event.pos(), True), event.globalPos())


def _tint(pal: QPalette, alpha: int) -> QColor:
    color = QColor(pal.color(QPalette.ColorRole.Highlight))
    color.setAlpha(alpha)
    return color


def _paint_block(painter: QPainter, block: Block) -> None:
    fill = QColor(block.color)
    fill.setAlpha(70 if block.faded else 200)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(block.rect.adjusted(1, 1, -1, -1), 3, 3)
    painter.setPen(QColor("white") if not block.faded else block.color.darker(140))
    font = QFont(painter.font())
    font.setPixelSize(10)
    painter.setFont(font)
    metrics = QFontMetrics(font)
    box = block.rect.adjusted(3, 1, -2, -1)
    y = box.top()
    for line in block.text.split("\n"):  # title first, then the time when there is room
        if y + metrics.height() > box.bottom() + 2 and y > box.top():
            break
        shown = metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(box.width()))
        painter.drawText(
            QRectF(box.left(), y, box.width(), metrics.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            shown,
        )
        y += metrics.height()


class WeekView(QWidget):
    day_selected = Signal(object)  # date
    event_activated = Signal(int)
    task_activated = Signal(int)
    contact_activated = Signal(int)
    event_menu_requested = Signal(int, QPoint)
    today_requested = Signal()
    first_item_requested = Signal()

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.start = date.today()
        self.selected = self.start
        self.today = self.start
        self.first_hour, self.last_hour = FIRST_HOUR, LAST_HOUR
        self.chips: list[Block] = []
        self._agenda = Agenda()
        self._rows = 0
        self._chip_data: list[list[_Chip]] = [[] for _ in range(7)]
        self._timed: list[_Timed] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Week calendar"))
        self.canvas = _Canvas(self)
        self.scroller = QScrollArea(self)
        self.scroller.setWidget(self.canvas)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, self._header_height(), 0, 0)
        self._layout.addWidget(self.scroller)

    # -- data ------------------------------------------------------------------

    def set_week(self, start: date, selected: date, today: date) -> None:
        self.start, self.selected, self.today = start, selected, today
        self.update()
        self.canvas.update()

    def set_agenda(self, agenda: Agenda) -> None:
        self._agenda = agenda
        self.relayout()

    def selected_column(self) -> int | None:
        offset = (self.selected - self.start).days
        return offset if 0 <= offset < 7 else None

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(7)]

    def blocks(self) -> list[Block]:
        return [*self.chips, *self.canvas.blocks]

    def relayout(self) -> None:
        timed: list[_Timed] = []
        chips: list[list[_Chip]] = [[] for _ in range(7)]
        for event in self._agenda.events:
            occ = event.occurrence
            start, end = occ.start.astimezone(self.zone), occ.end.astimezone(self.zone)
            faded = occ.status in (EventStatus.CANCELLED, EventStatus.MISSED)
            column = (start.date() - self.start).days
            if occ.all_day:
                last = (end - timedelta(microseconds=1)).date()
                for i in range(7):
                    if start.date() <= self.start + timedelta(days=i) <= last:
                        chips[i].append((EVENT, occ.event_id, occ.title, MEETING_COLOR, faded))
            elif 0 <= column < 7:
                text = f"{occ.title}\n{start:%H:%M}–{end:%H:%M}"
                timed.append((column, start, end, EVENT, occ.event_id, text, MEETING_COLOR, faded))
        for task in self._agenda.tasks:
            if task.due_at is not None:
                start = task.due_at.astimezone(self.zone)
                column = (start.date() - self.start).days
                if 0 <= column < 7:
                    end = start + timedelta(minutes=20)
                    timed.append(
                        (column, start, end, TASK, task.id, task.title, TASK_COLOR, task.done)
                    )
            elif task.due_date is not None and 0 <= (task.due_date - self.start).days < 7:
                chips[(task.due_date - self.start).days].append(
                    (TASK, task.id, task.title, TASK_COLOR, task.done)
                )
        for birthday in self._agenda.birthdays:
            column = (birthday.date - self.start).days
            if 0 <= column < 7:
                chips[column].append(
                    (BIRTHDAY, birthday.contact_id, birthday.name, BIRTHDAY_COLOR, False)
                )
        hours = [s.hour for _c, s, *_ in timed] + [FIRST_HOUR]
        ends = [e.hour + (1 if e.minute else 0) for _c, _s, e, *_ in timed] + [LAST_HOUR]
        self.first_hour, self.last_hour = max(0, min(hours)), min(24, max(ends))
        self._rows = min(MAX_CHIPS, max((len(c) for c in chips), default=0))
        self._chip_data = chips
        self._timed = timed
        self._layout.setContentsMargins(0, self._header_height(), 0, 0)
        self.canvas.setMinimumHeight(self.canvas.sizeHint().height())
        self.place()

    def place(self) -> None:
        width = self.canvas.width() or self.width()
        self.chips = []
        for day, items in enumerate(self._chip_data):
            x, w = _column_x(width, day)
            shown = items if len(items) <= MAX_CHIPS else items[: MAX_CHIPS - 1]
            for row, (kind, item_id, text, color, faded) in enumerate(shown):
                y = HEADER_HEIGHT + row * (CHIP_HEIGHT + 1)
                rect = QRectF(x + 1, y, w - 2, CHIP_HEIGHT)
                self.chips.append(Block(kind, item_id, day, text, color, rect, faded))
            if len(items) > MAX_CHIPS:
                y = HEADER_HEIGHT + (MAX_CHIPS - 1) * (CHIP_HEIGHT + 1)
                more = fmt(self.tr("+%1 more"), len(items) - MAX_CHIPS + 1)
                rect = QRectF(x + 1, y, w - 2, CHIP_HEIGHT)
                self.chips.append(Block("", 0, day, more, QColor("gray"), rect, True))
        blocks: list[Block] = []
        for day in range(7):
            day_items = sorted((t for t in self._timed if t[0] == day), key=lambda t: (t[1], t[2]))
            lanes: list[datetime] = []  # end time of the last block in each lane
            placed: list[tuple[int, _Timed]] = []
            for item in day_items:
                lane = next((i for i, end in enumerate(lanes) if end <= item[1]), len(lanes))
                if lane == len(lanes):
                    lanes.append(item[2])
                else:
                    lanes[lane] = item[2]
                placed.append((lane, item))
            x, w = _column_x(width, day)
            lane_w = w / max(1, len(lanes))
            for lane, (_d, start, end, kind, item_id, text, color, faded) in placed:
                top = self.canvas.hour_y(start.hour + start.minute / 60)
                minutes = max(20.0, (end - start).total_seconds() / 60)
                rect = QRectF(x + lane * lane_w, top, lane_w, minutes / 60 * HOUR_HEIGHT)
                blocks.append(Block(kind, item_id, day, text, color, rect, faded))
        self.canvas.blocks = blocks
        self.update()
        self.canvas.update()

    def _header_height(self) -> int:
        return HEADER_HEIGHT + self._rows * (CHIP_HEIGHT + 1) + 4

    def scroll_to_hour(self, hour: int) -> None:
        self.scroller.verticalScrollBar().setValue(int(self.canvas.hour_y(hour)))

    # -- painting --------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        width = self.canvas.width() or self.width()
        painter.fillRect(
            QRectF(0, 0, self.width(), self._header_height()), pal.color(QPalette.ColorRole.Window)
        )
        for day, when in enumerate(self.days()):
            x, w = _column_x(width, day)
            box = QRectF(x, 0, w, HEADER_HEIGHT - 2)
            if when == self.selected:
                painter.fillRect(box, _tint(pal, 40))
            painter.setPen(
                pal.color(QPalette.ColorRole.Highlight)
                if when == self.today
                else pal.color(QPalette.ColorRole.WindowText)
            )
            font = painter.font()
            font.setBold(when == self.today)
            painter.setFont(font)
            label = self.locale().dayName(when.isoweekday(), self.locale().FormatType.ShortFormat)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, f"{label} {when.day}")
        font = painter.font()
        font.setBold(False)
        painter.setFont(font)
        for chip in self.chips:
            _paint_block(painter, chip)

    def paint_now_line(self, painter: QPainter, canvas: _Canvas) -> None:
        now = datetime.now(self.zone)
        column = (now.date() - self.start).days
        if 0 <= column < 7:
            x, w = _column_x(canvas.width(), column)
            y = canvas.hour_y(now.hour + now.minute / 60)
            painter.setPen(QPen(QColor("#dc2626"), 1.5))
            painter.drawLine(int(x), int(y), int(x + w), int(y))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.place()

    # -- input -----------------------------------------------------------------

    def block_at(self, pos: QPoint, in_canvas: bool) -> Block | None:
        blocks = self.canvas.blocks if in_canvas else self.chips
        return next((b for b in reversed(blocks) if b.rect.contains(pos.toPointF())), None)

    def column_at(self, x: int) -> int | None:
        width = self.canvas.width() or self.width()
        if x < GUTTER:
            return None
        return min(6, int((x - GUTTER) / ((width - GUTTER) / 7)))

    def handle_press(self, pos: QPoint) -> None:
        column = self.column_at(pos.x())
        if column is not None:
            self.selected = self.start + timedelta(days=column)
            self.day_selected.emit(self.selected)
            self.update()
            self.canvas.update()

    def handle_double_click(self, block: Block | None) -> None:
        if block is None:
            return
        if block.kind == EVENT:
            self.event_activated.emit(block.item_id)
        elif block.kind == TASK:
            self.task_activated.emit(block.item_id)
        elif block.kind == BIRTHDAY:
            self.contact_activated.emit(block.item_id)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        self.handle_press(event.position().toPoint())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.handle_double_click(self.block_at(event.position().toPoint(), False))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.show_menu(self.block_at(event.pos(), False), event.globalPos())

    def show_menu(self, block: Block | None, global_pos: QPoint) -> None:
        if block is not None and block.kind == EVENT:
            self.event_menu_requested.emit(block.item_id, global_pos)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_PageUp: -7,
            Qt.Key.Key_PageDown: 7,
        }
        key = Qt.Key(event.key())
        if key in steps:
            self.selected += timedelta(days=steps[key])
            self.day_selected.emit(self.selected)
        elif key == Qt.Key.Key_T:
            self.today_requested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.first_item_requested.emit()
        else:
            super().keyPressEvent(event)
