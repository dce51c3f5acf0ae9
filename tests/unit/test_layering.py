"""The layer rule: domain, storage, services and scheduling never import Qt or the GUI layer.

Checked in a fresh interpreter (the test process itself has Qt loaded by pytest-qt) by
``tests/support/layering_check.py``, which refuses PySide6, shiboken6 and crm_desktop.gui.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CHECKER = Path(__file__).resolve().parents[1] / "support" / "layering_check.py"

LOWER_LAYERS = [
    "crm_desktop.domain",
    "crm_desktop.storage",
    "crm_desktop.services",
    "crm_desktop.scheduling",
    "crm_desktop.reports",
    "crm_desktop.mail",
    "crm_desktop.interchange",
    "crm_desktop.importing",
]


def run_checker(
    packages: list[str], extra_path: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if extra_path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(extra_path), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, str(CHECKER), *packages],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_lower_layers_never_import_qt() -> None:
    result = run_checker(LOWER_LAYERS)
    assert result.returncode == 0, (
        "a lower layer imports Qt or crm_desktop.gui (or fails to import):\n"
        + result.stdout
        + result.stderr
    )


@pytest.fixture
def bad_package(tmp_path: Path) -> Path:
    """A throwaway package whose submodule imports Qt at import time, next to a clean one."""
    pkg = tmp_path / "layering_probe"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "clean.py").write_text("import json\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "widget.py").write_text(
        textwrap.dedent(
            """\
            from PySide6.QtCore import QObject


            class Thing(QObject):
                pass
            """
        )
    )
    (pkg / "uses_gui.py").write_text("import crm_desktop.gui\n")
    (pkg / "migrations").mkdir()
    (pkg / "migrations" / "__init__.py").write_text("")
    (pkg / "migrations" / "env.py").write_text("raise RuntimeError('needs alembic context')\n")
    return tmp_path


def test_checker_flags_a_module_that_imports_qt(bad_package: Path) -> None:
    result = run_checker(["layering_probe"], extra_path=bad_package)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "LAYERING VIOLATION layering_probe.sub.widget imports PySide6" in result.stdout
    assert "LAYERING VIOLATION layering_probe.uses_gui imports crm_desktop.gui" in result.stdout
    assert "layering_probe.clean" not in result.stdout
    assert "migrations" not in result.stdout
