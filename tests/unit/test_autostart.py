"""The XDG autostart entry: written, valid, private, removed; other platforms refused."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from crm_desktop import autostart

linux_only = pytest.mark.skipif(not autostart.supported(), reason="XDG autostart is Linux only")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "config home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return autostart.config_home()


def test_config_home_follows_xdg(tmp_path: Path) -> None:
    assert autostart.config_home({"XDG_CONFIG_HOME": str(tmp_path)}) == tmp_path
    assert autostart.config_home({"XDG_CONFIG_HOME": "relative"}) == Path.home() / ".config"
    assert autostart.config_home({}) == Path.home() / ".config"


@linux_only
def test_enable_writes_a_valid_private_entry_and_disable_removes_it(home: Path) -> None:
    assert not autostart.is_enabled(home)
    path = autostart.enable(home, "crm-desktop gui --hidden")
    assert path == home / "autostart" / "crm-desktop.desktop"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    for line in (
        "Type=Application",
        "Name=CRM Desktop",
        "Exec=crm-desktop gui --hidden",
        "Icon=crm-desktop",
        "X-GNOME-Autostart-enabled=true",
    ):
        assert line in lines
    assert any(line.startswith("Comment=") for line in lines)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert autostart.is_enabled(home)
    assert [p.name for p in path.parent.iterdir()] == ["crm-desktop.desktop"]  # no temp left

    validator = shutil.which("desktop-file-validate")
    if validator is not None:
        result = subprocess.run([validator, str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr

    assert autostart.disable(home)
    assert not path.exists() and not autostart.is_enabled(home)
    assert not autostart.disable(home)  # nothing left to remove


@linux_only
def test_enable_replaces_and_respects_a_switched_off_entry(home: Path) -> None:
    path = autostart.enable(home, "old")
    autostart.enable(home, "crm-desktop gui --hidden")
    assert "Exec=crm-desktop gui --hidden" in path.read_text(encoding="utf-8")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false"
        ),
        encoding="utf-8",
    )
    assert not autostart.is_enabled(home)


def test_exec_line_quotes_as_the_spec_requires() -> None:
    assert autostart.exec_line(["crm-desktop", "gui", "--hidden"]) == "crm-desktop gui --hidden"
    line = autostart.exec_line(
        ["/opt/my apps/python", "-m", "crm_desktop", "--data-dir", "/a/100%"]
    )
    assert line == '"/opt/my apps/python" -m crm_desktop --data-dir /a/100%%'
    assert autostart.exec_line(['say "$HOME"']) == '"say \\"\\$HOME\\""'
    with pytest.raises(ValueError):
        autostart.exec_line([])


@linux_only
def test_a_quoted_command_still_validates(home: Path) -> None:
    line = autostart.exec_line(["/opt/my apps/crm-desktop", "--data-dir", "/srv/crm data", "gui"])
    path = autostart.enable(home, line)
    assert f"Exec={line.replace(chr(92), chr(92) * 2)}" in path.read_text(encoding="utf-8")
    validator = shutil.which("desktop-file-validate")
    if validator is not None:
        result = subprocess.run([validator, str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_command_starts_hidden_with_the_data_dir(tmp_path: Path) -> None:
    argv = autostart.command(tmp_path)
    assert argv[-4:] == ["--data-dir", str(tmp_path), "gui", "--hidden"]
    assert autostart.command()[-2:] == ["gui", "--hidden"]


def test_other_platforms_are_refused(home: Path) -> None:
    assert not autostart.supported("win32") and not autostart.supported("darwin")
    assert autostart.supported("linux")
    with pytest.raises(autostart.AutostartUnsupported):
        autostart.enable(home, "crm-desktop gui --hidden", platform="darwin")
    assert not autostart.is_enabled(home, platform="win32")
    assert not (home / "autostart").exists()


def test_a_bundle_starts_itself(monkeypatch) -> None:
    import sys

    from crm_desktop import autostart

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/crm-desktop/crm-desktop")
    assert autostart.command()[:1] == ["/opt/crm-desktop/crm-desktop"]
    assert autostart.command()[-2:] == ["gui", "--hidden"]
