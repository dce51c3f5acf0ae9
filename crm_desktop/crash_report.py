"""A crash report the user can read and copy: versions and code locations, no data.

Why no exception message and no local variables: both may hold personal data
(a name in a ``KeyError``, an e-mail address in a ``ValueError`` from a
library, a row in a local variable). A report keeps only what identifies
the place in the code: the exception's type and each frame's file, line and
function. File paths are cut to the package (``crm_desktop/...``,
``sqlalchemy/...``), so the user's home directory (often their name) is not
in them either. Nothing here sends anything anywhere; the GUI shows the text.

No Qt here: the Qt version is read only when Qt is already loaded.
"""

from __future__ import annotations

import hashlib
import platform
import sqlite3
import sys
from collections.abc import Iterator
from types import TracebackType
from typing import NamedTuple

from crm_desktop import __version__

#: The sentence that tells the reader why the message is missing.
LEFT_OUT = (
    "The error message and the values of variables are left out on purpose: they may contain"
    " personal data."
)


class Frame(NamedTuple):
    file: str
    line: int
    function: str


def short_path(filename: str) -> str:
    """``/home/jane/.../site-packages/sqlalchemy/x.py`` -> ``sqlalchemy/x.py``."""
    path = filename.replace("\\", "/")
    for marker in ("/site-packages/", "/dist-packages/"):
        if marker in path:
            return path.rsplit(marker, 1)[1]
    if "/crm_desktop/" in path:
        return "crm_desktop/" + path.rsplit("/crm_desktop/", 1)[1]
    stdlib = f"/python{sys.version_info.major}.{sys.version_info.minor}/"
    if stdlib in path:
        return path.rsplit(stdlib, 1)[1]
    return path.rsplit("/", 1)[-1]  # anything else: the file name only


def frames(tb: TracebackType | None) -> list[Frame]:
    """The frames of a traceback, outermost first, as locations only."""
    out: list[Frame] = []
    while tb is not None:
        code = tb.tb_frame.f_code
        out.append(Frame(short_path(code.co_filename), tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    return out


def type_name(exc_type: type[BaseException]) -> str:
    module = exc_type.__module__
    return exc_type.__qualname__ if module == "builtins" else f"{module}.{exc_type.__qualname__}"


def _chain(exc: BaseException) -> Iterator[tuple[BaseException, str]]:
    """The exception and its causes, innermost first (as Python prints them)."""
    seen: set[int] = set()
    items: list[tuple[BaseException, str]] = []
    link = ""
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        items.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, "The error above was the direct cause of:"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, "While handling the error above, another came:"
        else:
            current = None
    # Each item's link says how it leads to the one raised after it, printed next.
    yield from reversed(items)


def scrubbed_traceback(exc: BaseException) -> str:
    """Like Python's traceback, with types and locations only."""
    lines: list[str] = []
    for item, follows in _chain(exc):
        lines.append("Traceback (most recent call last):")
        lines.extend(
            f'  File "{f.file}", line {f.line}, in {f.function}' for f in frames(item.__traceback__)
        )
        lines.append(type_name(type(item)))
        if follows:
            lines.extend(["", follows, ""])
    return "\n".join(lines)


def fingerprint(exc: BaseException) -> str:
    """The same for the same place in the code: one dialog per distinct traceback."""
    digest = hashlib.sha256()
    for item, _ in _chain(exc):
        digest.update(type_name(type(item)).encode())
        for frame in frames(item.__traceback__):
            digest.update(f"|{frame.file}:{frame.line}:{frame.function}".encode())
    return digest.hexdigest()[:16]


def _qt_version() -> str:
    core = sys.modules.get("PySide6.QtCore")
    if core is None:
        return "not loaded"
    return (
        f"{getattr(core, 'qVersion', lambda: '?')()} (PySide6 {getattr(core, '__version__', '?')})"
    )


def build_report(exc: BaseException) -> str:
    """The whole report: versions, platform, fingerprint and the scrubbed traceback."""
    return "\n".join(
        [
            f"CRM Desktop {__version__}",
            f"Python {platform.python_version()} ({platform.python_implementation()})",
            f"Qt {_qt_version()}",
            f"SQLite {sqlite3.sqlite_version}",
            f"Platform {platform.platform()}",
            f"Fingerprint {fingerprint(exc)}",
            "",
            scrubbed_traceback(exc),
            "",
            LEFT_OUT,
        ]
    )
