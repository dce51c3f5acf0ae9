"""Start at login: the XDG autostart entry (Linux), written and removed here.

No Qt: the settings dialog calls these, and so could a command. The entry is
``$XDG_CONFIG_HOME/autostart/crm-desktop.desktop`` (``~/.config`` when the
variable is unset), a valid Desktop Entry whose ``Exec`` starts the window
hidden in the tray (``crm-desktop gui --hidden``). It is written by this
module alone, so it does not depend on what the packaging installs.

Other platforms have their own mechanisms (a registry key, a launch agent);
they are not supported yet: :func:`supported` says so and :func:`enable`
raises :class:`AutostartUnsupported`.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "ENTRY_NAME",
    "AutostartUnsupported",
    "command",
    "config_home",
    "desktop_entry",
    "disable",
    "enable",
    "entry_path",
    "exec_line",
    "is_enabled",
    "supported",
]

ENTRY_NAME = "crm-desktop.desktop"
APP_NAME = "CRM Desktop"
ICON = "crm-desktop"
COMMENT = "Your customers, on your computer: reminders arrive while the window is closed"
FILE_MODE = 0o600

# Characters that force an Exec argument into double quotes (Desktop Entry spec, "Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


class AutostartUnsupported(RuntimeError):
    """Starting at login is not supported on this platform (yet)."""


def supported(platform: str | None = None) -> bool:
    """Whether XDG autostart applies here (Linux desktops)."""
    return (platform or sys.platform).startswith("linux")


def config_home(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_CONFIG_HOME``, or ``~/.config`` when unset or not absolute (as the spec says)."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_CONFIG_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".config"


def entry_path(config_home: Path) -> Path:
    return config_home / "autostart" / ENTRY_NAME


def command(data_dir: Path | None = None) -> list[str]:
    """The argv started at login: ``crm-desktop gui --hidden`` (and ``--data-dir``).

    In a PyInstaller bundle ``sys.executable`` is the application itself;
    when ``crm-desktop`` is not on PATH (a development checkout), the current
    interpreter runs the package instead.
    """
    if getattr(sys, "frozen", False):
        program = [sys.executable]
    elif shutil.which("crm-desktop"):
        program = ["crm-desktop"]
    else:
        program = [sys.executable, "-m", "crm_desktop"]
    options = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return [*program, *options, "gui", "--hidden"]


def _quote(arg: str) -> str:
    if arg and not (set(arg) & _RESERVED):
        return arg.replace("%", "%%")
    inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return '"' + inner.replace("%", "%%") + '"'


def exec_line(argv: Sequence[str]) -> str:
    """An ``Exec`` value for ``argv``, quoted as the Desktop Entry spec requires."""
    if not argv:
        raise ValueError("an empty command")
    return " ".join(_quote(a) for a in argv)


def _escape_value(value: str) -> str:
    """The string-level escapes of a Desktop Entry value (applied after Exec quoting)."""
    return (
        value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )


def desktop_entry(exec_value: str) -> str:
    """The file's text for an ``Exec`` value (see :func:`exec_line`)."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={APP_NAME}",
            f"Comment={COMMENT}",
            f"Exec={_escape_value(exec_value)}",
            f"Icon={ICON}",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def enable(
    config_home: Path, exec_value: str | None = None, *, platform: str | None = None
) -> Path:
    """Write the autostart entry (private, replaced atomically); return its path."""
    if not supported(platform):
        raise AutostartUnsupported(
            f"starting at login is not supported on {platform or sys.platform}"
        )
    path = entry_path(config_home)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = desktop_entry(exec_value if exec_value is not None else exec_line(command()))
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(temp, FILE_MODE)  # O_CREAT's mode only applies to a new file
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


def disable(config_home: Path) -> bool:
    """Remove the entry; True when there was one."""
    path = entry_path(config_home)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def is_enabled(config_home: Path, *, platform: str | None = None) -> bool:
    """Whether our entry exists and is not switched off (``Hidden``, the GNOME key)."""
    if not supported(platform):
        return False
    try:
        text = entry_path(config_home).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values.setdefault(key.strip(), value.strip())
    return (
        values.get("Hidden", "false").lower() != "true"
        and values.get("X-GNOME-Autostart-enabled", "true").lower() != "false"
    )
