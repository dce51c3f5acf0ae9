"""Growing a shown window when a word-wrapped line (a problem under a field) appears in it.

Qt keeps a shown window's size when a child appears, up to its minimum
size; that minimum ignores the height word-wrapped text needs at the
window's width, so a two-line error was squeezed to one and drawn over the
row below (seen in the Settings dialog at its opening size).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["show_problem"]


def show_problem(label: QLabel, text: str) -> None:
    """Show ``text`` in ``label`` (a problem line) and let its window grow to show it whole.

    The growing waits for the event loop to pass on the layout requests of
    the new text (the nested layouts' cached heights are stale until then).
    """
    label.setText(text)
    label.show()
    window = label.window()
    QTimer.singleShot(0, window, lambda: _grow(window))


def _grow(window: QWidget) -> None:
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    width = window.width()
    if layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(width)
    else:
        needed = layout.totalSizeHint().height()
    if needed > window.height():
        window.resize(width, needed)
