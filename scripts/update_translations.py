"""Refresh the translation catalogue and build the English plural forms.

    .venv/bin/python scripts/update_translations.py

1. ``pyside6-lupdate`` collects every ``self.tr``/``QCoreApplication.translate``
   string of the GUI into ``resources/translations/crm_desktop_en.ts``
   (translators copy it to ``crm_desktop_<lang>.ts``).
2. English needs a catalogue too, for plurals only: the source says
   "%n day(s) ago"; the English forms become "%n day ago" and "%n days ago".
3. ``pyside6-lrelease`` compiles every ``.ts`` into the ``.qm`` the app loads.

``tests/gui/test_translations.py`` fails when the catalogue is out of date.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
ENGLISH = TRANSLATIONS / "crm_desktop_en.ts"
BIN = Path(sys.executable).parent
_OPTIONAL_S = re.compile(r"\((s|es)\)")


def sources() -> list[str]:
    files = sorted((ROOT / "crm_desktop" / "gui").rglob("*.py"))
    return [str(f.relative_to(ROOT)) for f in files]


def run_lupdate(target: Path) -> None:
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *sources(),
            "-ts",
            str(target),
            "-no-obsolete",
            "-locations",
            "none",
            "-silent",
        ],
        cwd=ROOT,
        check=True,
    )


def english_plurals(text: str) -> tuple[str, str]:
    """("%n day ago", "%n days ago") from "%n day(s) ago"."""
    return _OPTIONAL_S.sub("", text), _OPTIONAL_S.sub(r"\1", text)


def fill_english(path: Path) -> None:
    tree = ET.parse(path)
    root = tree.getroot()
    root.set("language", "en")
    for message in root.iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        for form in english_plurals(source):
            ET.SubElement(translation, "numerusform").text = form
    tree.write(path, encoding="utf-8", xml_declaration=True)


def release() -> None:
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        subprocess.run(
            [str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
            check=True,
        )


def main() -> int:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    run_lupdate(ENGLISH)
    fill_english(ENGLISH)
    release()
    print(f"updated {ENGLISH.relative_to(ROOT)} and compiled the .qm files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
