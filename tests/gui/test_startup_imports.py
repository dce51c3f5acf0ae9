"""The first paint must not wait for SQLAlchemy, SQLModel or phonenumbers.

Importing SQLModel alone costs ~0.4 s here; the window paints its first
page with bare sqlite3 (gui.quick_start) while the worker imports the rest.
Any GUI module that imports the service stack at module level undoes that,
so this test imports what start-up imports, in a fresh interpreter.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "phonenumbers", "email_validator")

SCRIPT = """
import sys
import crm_desktop.cli, crm_desktop.app, crm_desktop.gui.application, crm_desktop.gui.main_window
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print(",".join(heavy))
"""


def test_start_up_imports_stay_light() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(heavy=HEAVY)],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert result.stdout.strip() == "", f"imported at start-up: {result.stdout.strip()}"
