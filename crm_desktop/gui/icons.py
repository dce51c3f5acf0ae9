"""The icon set: Lucide SVGs recoloured to the palette, and the app icon."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from crm_desktop.resources import resources_dir

_SIZES = (16, 20, 24, 32)


def _text_color() -> str:
    app = QGuiApplication.instance()
    if app is None:
        return "#202124"
    color: QColor = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    return str(color.name())


def icon(name: str, color: str | None = None) -> QIcon:
    """The icon ``name`` (a file in resources/icons without .svg) in ``color``."""
    return _icon(name, color or _text_color())


@cache
def _icon(name: str, color: str) -> QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.exists():
        return QIcon()
    svg = path.read_text(encoding="utf-8").replace("currentColor", color)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    result = QIcon()
    for size in _SIZES:
        pixmap = QPixmap(QSize(size, size))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result


@cache
def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "app-icon.svg"))


def clear_cache() -> None:
    """Forget rendered icons (after a palette change)."""
    _icon.cache_clear()
