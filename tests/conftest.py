"""Test-wide setup: Qt offscreen, an isolated home directory, an in-memory keyring.

The environment is set at import time and in ``pytest_configure`` rather than in fixtures: test
modules are imported (collected) before any fixture runs, and an import that creates a
QApplication or resolves a platformdirs path must already see the test environment.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt: without a display and without offscreen, Qt aborts the process.
# (An explicit choice such as QT_QPA_PLATFORM=xcb under Xvfb is kept; an empty value is not one.)
if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

import keyring
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from support.memory_keyring import MemoryKeyring

# HOME and the XDG base directories all point into one temporary directory for the whole run, so
# platformdirs (and Qt, and anything else) never reads or writes the developer's real files.
_HOME_VARS = {
    "HOME": ".",
    "XDG_DATA_HOME": ".local/share",
    "XDG_CONFIG_HOME": ".config",
    "XDG_STATE_HOME": ".local/state",
    "XDG_CACHE_HOME": ".cache",
}

_saved_env: dict[str, str | None] = {}
_test_home: Path | None = None
_session_keyring = MemoryKeyring()


def pytest_configure(config: pytest.Config) -> None:
    global _test_home
    _test_home = Path(tempfile.mkdtemp(prefix="crm-desktop-test-home-")).resolve()
    for var, rel in _HOME_VARS.items():
        _saved_env[var] = os.environ.get(var)
        target = _test_home / rel
        target.mkdir(parents=True, exist_ok=True)
        os.environ[var] = str(target)
    # Replaces whatever backend keyring would pick, for imports at collection time too.
    keyring.set_keyring(_session_keyring)


def pytest_unconfigure(config: pytest.Config) -> None:
    for var, value in _saved_env.items():
        if value is None:
            os.environ.pop(var, None)
        else:
            os.environ[var] = value
    _saved_env.clear()
    if _test_home is not None:
        shutil.rmtree(_test_home, ignore_errors=True)


@pytest.fixture(scope="session")
def test_home() -> Path:
    """The temporary directory that HOME points at for this test session."""
    assert _test_home is not None
    return _test_home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The in-memory keyring backend, emptied and (re)installed for every test."""
    _session_keyring.clear()
    keyring.set_keyring(_session_keyring)
    yield _session_keyring
    _session_keyring.clear()


@pytest.fixture
def tmp_data_dir(tmp_path: Path) -> Path:
    """An empty, existing directory to pass as ``--data-dir`` (or ``data_dir=``)."""
    path = tmp_path / "data"
    path.mkdir()
    return path
