"""One progress line on the terminal for long commands (export, report, import).

Why only when stdout is a terminal: a script or a pipe reads stdout, and
must get exactly what it got before (the summary line or the JSON). On a
terminal the line is rewritten in place with ``\\r`` (at most ten times a
second: 100,000 updates would cost more than the work) and erased when the
command ends, however it ends (Ctrl+C included), so the summary or the
error message starts on a clean line.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

__all__ = ["ProgressLine", "counted"]

_CLEAR = "\r\x1b[K"  # to the start of the line, erase it


def counted(label: str, done: int, total: int | None, unit: str) -> str:
    """'vcard: 42,000 / 100,000 contacts', or 'report: 42,000 rows' without a total."""
    if total is None:
        return f"{label}: {done:,} {unit}"
    return f"{label}: {done:,} / {total:,} {unit}"


class ProgressLine:
    """``with ProgressLine() as line: line.show(text)``: silent unless a terminal."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = sys.stdout if stream is None else stream
        self.interval = interval
        self.clock = clock
        try:
            self.enabled = self.stream.isatty()
        except (AttributeError, ValueError):  # a closed or unusual stream: stay silent
            self.enabled = False
        self._last: float | None = None
        self._shown = False

    def show(self, text: str, *, force: bool = False) -> None:
        """Replace the line with ``text``, unless the last update was under ``interval`` ago."""
        if not self.enabled:
            return
        now = self.clock()
        if not force and self._last is not None and now - self._last < self.interval:
            return
        self._last = now
        self.stream.write(_CLEAR + text)
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Erase the line (if anything was shown)."""
        if self._shown:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self._shown = False

    def __enter__(self) -> ProgressLine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.clear()
