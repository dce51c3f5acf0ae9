"""Paints one timeline row: an optional day header, then icon, subject, meta and notes.

Colours come from the view's palette (text, a blend of text into base for
secondary text, the highlight for selection), so rows stay crisp in light
and dark themes; only the outcome uses a fixed tone, picked per palette.
Notes are laid out with QTextLayout at the viewport width: two lines with
an ellipsis, or all of them when the row is expanded.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPalette,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from crm_desktop.gui import icons
from crm_desktop.gui.models.timeline_model import Roles

_Index = QModelIndex | QPersistentModelIndex

PAD_X = 10
PAD_Y = 6
ICON = 20
GAP = 10
HEADER_GAP = 6
COLLAPSED_LINES = 2
LINE_BREAK = "\u2028"  # QTextLayout breaks lines only on U+2028


def note_lines(text: str, font: QFont, width: int, max_lines: int | None) -> list[str]:
    """``text`` wrapped to ``width``; past ``max_lines`` the last line ends in an ellipsis."""
    if not text or width <= 0:
        return []
    flat = text.replace("\r\n", "\n").replace("\n", LINE_BREAK)
    layout = QTextLayout(flat, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [flat[s : s + n].replace(LINE_BREAK, "").rstrip() for s, n in spans]
    if max_lines is not None and len(lines) > max_lines:
        rest = flat[spans[max_lines - 1][0] :].replace(LINE_BREAK, " ")
        metrics = QFontMetrics(font)
        lines = [
            *lines[: max_lines - 1],
            metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width),
        ]
    return lines


def secondary(palette: QPalette, selected: bool) -> QColor:
    """Text blended 35% toward the background: quieter, still readable in both themes."""
    fg = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
    bg = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
    mix = 0.35
    return QColor(
        round(fg.red() * (1 - mix) + bg.red() * mix),
        round(fg.green() * (1 - mix) + bg.green() * mix),
        round(fg.blue() * (1 - mix) + bg.blue() * mix),
    )


class TimelineDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    # -- fonts and geometry ------------------------------------------------------------

    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() * 0.9, 7.0))
        header = QFont(small)
        header.setBold(True)
        return bold, small, header

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        width = self._view.viewport().width() or option.rect.width()
        return max(width - 2 * PAD_X - ICON - GAP, 40)

    def _header_height(self, option: QStyleOptionViewItem) -> int:
        _, _, header = self._fonts(option.font)
        return QFontMetrics(header).height() + 2 * HEADER_GAP + 1

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        bold, small, _ = self._fonts(option.font)
        height = PAD_Y * 2 + max(QFontMetrics(bold).height(), ICON)
        if index.data(Roles.Meta) or index.data(Roles.OutcomeText):
            height += QFontMetrics(small).lineSpacing()
        notes = index.data(Roles.Notes) or ""
        if notes:
            limit = None if index.data(Roles.Expanded) else COLLAPSED_LINES
            lines = note_lines(notes, option.font, self._text_width(option), limit)
            height += 2 + len(lines) * QFontMetrics(option.font).lineSpacing()
        if index.data(Roles.Header):
            height += self._header_height(option)
        return QSize(self._view.viewport().width() or 200, height)

    # -- painting ----------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        palette = opt.palette
        bold, small, header_font = self._fonts(opt.font)
        rect = QRect(opt.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        header = index.data(Roles.Header)
        if header:
            h = self._header_height(opt)
            band = QRect(rect.left(), rect.top(), rect.width(), h)
            painter.fillRect(band, palette.color(QPalette.ColorRole.AlternateBase))
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawLine(band.bottomLeft(), band.bottomRight())
            painter.setFont(header_font)
            painter.setPen(secondary(palette, False))
            painter.drawText(
                band.adjusted(PAD_X, 0, -PAD_X, -1),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                str(header),
            )
            rect.setTop(rect.top() + h)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        item = QStyleOptionViewItem(opt)
        item.rect = rect
        item.text = ""
        item.icon = QIcon()
        style = self._view.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, item, painter, self._view)
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        quiet = secondary(palette, selected)

        icon_rect = QRect(rect.left() + PAD_X, rect.top() + PAD_Y, ICON, ICON)
        icon_name = index.data(Roles.IconName)
        if icon_name:
            # Recoloured to the row's text colour: crisp on the selection and in dark themes.
            icons.icon(str(icon_name), text_color.name()).paint(
                painter, icon_rect, Qt.AlignmentFlag.AlignCenter
            )

        left = icon_rect.right() + GAP
        width = rect.right() - PAD_X - left
        y = rect.top() + PAD_Y
        bold_metrics = QFontMetrics(bold)
        title_h = max(bold_metrics.height(), ICON)

        time_text = str(index.data(Roles.Time) or "")
        painter.setFont(small)
        time_w = QFontMetrics(small).horizontalAdvance(time_text) + (GAP if time_text else 0)
        painter.setPen(quiet)
        painter.drawText(
            QRect(left, y, width, title_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            time_text,
        )
        painter.setFont(bold)
        painter.setPen(text_color)
        subject = bold_metrics.elidedText(
            str(index.data(Roles.Subject) or ""), Qt.TextElideMode.ElideRight, width - time_w
        )
        painter.drawText(
            QRect(left, y, width - time_w, title_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            subject,
        )
        y += title_h

        y = self._paint_meta(painter, index, small, left, y, width, quiet, selected, text_color)

        notes = index.data(Roles.Notes) or ""
        if notes:
            limit = None if index.data(Roles.Expanded) else COLLAPSED_LINES
            painter.setFont(opt.font)
            painter.setPen(text_color)
            spacing = QFontMetrics(opt.font).lineSpacing()
            y += 2
            for line in note_lines(notes, opt.font, self._text_width(opt), limit):
                painter.drawText(
                    QRect(left, y, width, spacing),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    line,
                )
                y += spacing
        if opt.state & QStyle.StateFlag.State_HasFocus:
            focus = QStyleOptionViewItem(item)
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, self._view
            )
        painter.restore()

    def _paint_meta(
        self,
        painter: QPainter,
        index: _Index,
        font: QFont,
        left: int,
        y: int,
        width: int,
        quiet: QColor,
        selected: bool,
        text_color: QColor,
    ) -> int:
        outcome = str(index.data(Roles.OutcomeText) or "")
        meta = str(index.data(Roles.Meta) or "")
        if not outcome and not meta:
            return y
        metrics = QFontMetrics(font)
        line_h = metrics.lineSpacing()
        x = left
        if outcome:
            colour = index.data(Roles.OutcomeColor)
            strong = QFont(font)
            strong.setBold(True)
            painter.setFont(strong)
            painter.setPen(text_color if selected or not isinstance(colour, QColor) else colour)
            if isinstance(colour, QColor) and not selected:
                dot = line_h // 3
                painter.setBrush(colour)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawEllipse(x, y + (line_h - dot) // 2, dot, dot)
                painter.setPen(colour)
                x += dot + 5
            shown = QFontMetrics(strong).elidedText(
                outcome, Qt.TextElideMode.ElideRight, left + width - x
            )
            painter.drawText(
                QRect(x, y, left + width - x, line_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                shown,
            )
            x += QFontMetrics(strong).horizontalAdvance(shown)
            if meta:
                meta = " · " + meta
        if meta and x < left + width:
            painter.setFont(font)
            painter.setPen(quiet)
            painter.drawText(
                QRect(x, y, left + width - x, line_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(meta, Qt.TextElideMode.ElideRight, left + width - x),
            )
        return y + line_h
