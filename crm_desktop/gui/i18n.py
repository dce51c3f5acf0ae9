"""Translation helpers for code that is not a QObject (``self.tr`` covers the rest).

``pyside6-lupdate`` extracts ``QCoreApplication.translate("Context", "text")``
calls; keep the context and the text literal so extraction works.
"""

from __future__ import annotations

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
