"""Translation helpers for code that is not a QObject (``self.tr`` covers the rest).

``pyside6-lupdate`` extracts ``QCoreApplication.translate("Context", "text")``
calls; keep the context and the text literal so extraction works.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Load Qt's own and our translations for the locale, when they exist."""
    locale = locale or QLocale()
    installed: list[QTranslator] = []
    for name, directory in (
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("crm_desktop", str(TRANSLATIONS_DIR)),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", directory):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


_PLACEHOLDER = re.compile(r"%(\d+)")


def fmt(text: str, *args: object) -> str:
    """Fill Qt-style %1, %2... in a translated text in one pass.

    PySide6's ``tr`` returns a plain ``str`` (no ``.arg``); translators keep
    the numbered markers, so the order of words may change per language.
    """

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(args[index]) if 0 <= index < len(args) else match.group(0)

    return _PLACEHOLDER.sub(value, text)
