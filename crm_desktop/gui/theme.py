"""Light and dark palettes on the Fusion style, following the system's preference.

Fusion looks the same on every desktop, so one set of screenshots and one
icon colouring hold everywhere; the palette follows the system's colour
scheme (Qt 6.5+) unless the user picked one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel

ACCENT = "#2563eb"
#: A problem's text: a red that reads well on each palette's window colour.
_ERROR = {False: "#b3261e", True: "#ff8a80"}

_LIGHT = {
    QPalette.ColorRole.Window: "#f6f7f9",
    QPalette.ColorRole.WindowText: "#1f2328",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f3f5f8",
    QPalette.ColorRole.Text: "#1f2328",
    QPalette.ColorRole.Button: "#f0f2f5",
    QPalette.ColorRole.ButtonText: "#1f2328",
    QPalette.ColorRole.Highlight: ACCENT,
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1f2328",
    QPalette.ColorRole.PlaceholderText: "#8a9099",
    QPalette.ColorRole.Link: ACCENT,
    QPalette.ColorRole.Mid: "#c9ced6",
}
_DARK = {
    QPalette.ColorRole.Window: "#1e2126",
    QPalette.ColorRole.WindowText: "#e6e8eb",
    QPalette.ColorRole.Base: "#16181c",
    QPalette.ColorRole.AlternateBase: "#1c1f24",
    QPalette.ColorRole.Text: "#e6e8eb",
    QPalette.ColorRole.Button: "#2a2e35",
    QPalette.ColorRole.ButtonText: "#e6e8eb",
    QPalette.ColorRole.Highlight: "#3b82f6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#2a2e35",
    QPalette.ColorRole.ToolTipText: "#e6e8eb",
    QPalette.ColorRole.PlaceholderText: "#8b929c",
    QPalette.ColorRole.Link: "#60a5fa",
    QPalette.ColorRole.Mid: "#3a3f47",
}


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return bool(hints.colorScheme() == Qt.ColorScheme.Dark)


def apply(app: QApplication, mode: str = "system") -> None:
    """``mode`` is "light", "dark" or "system"."""
    dark = system_prefers_dark() if mode == "system" else mode == "dark"
    app.setStyle("Fusion")
    palette = QPalette()
    for role, color in (_DARK if dark else _LIGHT).items():
        palette.setColor(role, QColor(color))
    disabled = QColor("#6b7280" if dark else "#a0a6ae")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    app.setPalette(palette)
    app.setStyleSheet(
        "QTableView { border: 1px solid palette(mid); border-radius: 4px; }"
        "QHeaderView::section { padding: 4px 6px; border: none;"
        " border-bottom: 1px solid palette(mid); background: palette(button); }"
        "QToolBar { spacing: 4px; padding: 2px 6px; }"
        "#undoBar { background: palette(alternate-base); border-radius: 4px; }"
        f'QLabel[problem="true"] {{ color: {_ERROR[dark]}; }}'
    )


def mark_as_problem(label: QLabel) -> None:
    """Show ``label``'s text in the theme's problem red (set by :func:`apply`, so it
    follows a switch between light and dark at once, unlike a colour of its own)."""
    label.setProperty("problem", True)
