"""Translation helpers for code that is not a QObject (``self.tr`` covers the rest).

``pyside6-lupdate`` extracts ``QCoreApplication.translate("Context", "text")``
calls; keep the context and the text literal so extraction works.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator


def translations_dir() -> Path:
    from crm_desktop.resources import resources_dir

    return resources_dir() / "translations"


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Qt's own strings and ours for the locale, on top of our English catalogue.

    English is always loaded first: the source strings say "%n day(s)", and
    only a catalogue gives "1 day" and "2 days". A translation for the
    user's language, when there is one, takes precedence (installed last).
    """
    locale = locale or QLocale()
    ours = str(translations_dir())
    installed: list[QTranslator] = []

    def install(translator: QTranslator, loaded: bool) -> None:
        if loaded:
            app.installTranslator(translator)
            installed.append(translator)

    english = QTranslator(app)
    install(english, english.load("crm_desktop_en", ours))
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    install(qt, qt.load(locale, "qtbase", "_", qt_dir))
    if locale.language() != QLocale.Language.English:
        native = QTranslator(app)
        install(native, native.load(locale, "crm_desktop", "_", ours))
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
