"""Every user-visible string is in the catalogue, and English plurals read right."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

from crm_desktop.gui.plurals import ago, plurals

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "translations" / "crm_desktop_en.ts"


def _messages(path: Path) -> set[tuple[str, str]]:
    root = ET.parse(path).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_catalogue_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    files = sorted(str(f) for f in (ROOT / "crm_desktop" / "gui").rglob("*.py"))
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), *files, "-ts", str(fresh), "-silent"], check=True)
    missing = _messages(fresh) - _messages(CATALOGUE)
    assert not missing, (
        f"{len(missing)} strings are not in the catalogue, e.g. {sorted(missing)[:3]}; "
        "run: .venv/bin/python scripts/update_translations.py"
    )


def test_english_plural_forms() -> None:
    today = date(2026, 11, 23)
    assert ago(today - timedelta(days=1), today) == "yesterday"
    assert ago(today - timedelta(days=3), today) == "3 days ago"
    assert plurals().in_days(1) == "in 1 day"
    assert plurals().months_ago(1) == "1 month ago"
