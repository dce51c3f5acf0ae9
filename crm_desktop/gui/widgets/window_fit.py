"""Growing a shown window when a word-wrapped line (a problem under a field) appears in it.

Qt keeps a shown window's size when a child appears, up to its minimum
size; that minimum ignores the height word-wrapped text needs at the
window's width, so a two-line error was squeezed to one and drawn over the
row below (seen in the Settings dialog at its opening size).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["grow_to_fit", "show_problem"]


def grow_to_fit(widget: QWidget) -> None:
    """Make ``widget``'s window tall enough for its content at its width; never shrink it.

    Done once the event loop has passed on the layout requests of what just
    changed (the nested layouts' cached heights are stale until then).
    """
    window = widget.window()
    QTimer.singleShot(0, window, lambda: _grow(window))


def show_problem(label: QLabel, text: str) -> None:
    """Show ``text`` in ``label`` (a problem line) and let its window grow to show it whole."""
    label.setText(text)
    label.show()
    grow_to_fit(label)


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
