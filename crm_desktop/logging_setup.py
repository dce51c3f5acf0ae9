"""The log file: private, rotated, and free of personal data even at DEBUG.

The rule (ARCHITECTURE rule 9): our code logs what happened, never the data
it happened to. Counts, ids, type names and stages are fine; names, e-mail
addresses, notes, search text, file contents and exception messages are not
(a message may quote a value). Three guards back the rule up, because
libraries do not follow it:

* SQLAlchemy's engine runs with ``hide_parameters=True`` (storage.database),
  so its statement log and its errors never show bound values. Its DEBUG
  level logs *result rows*, which hide_parameters does not cover, so the
  engine loggers are capped at INFO here, and :class:`PrivacyFilter` drops
  row records should anything lower the cap again.
* :class:`ScrubbingFormatter` renders an exception as its type and its
  frames (file, line, function), never its message, so ``log.exception``
  anywhere (ours or a library's) cannot leak a message into the file.
* The excepthooks log the same scrubbed traceback (crash_report).

Files are 0600 in a 0700 directory. INFO by default; DEBUG with
``CRM_DESKTOP_DEBUG=1`` or ``crm-desktop --debug``. No Qt here.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from crm_desktop import __version__
from crm_desktop.crash_report import scrubbed_traceback, type_name
from crm_desktop.paths import PRIVATE_FILE_MODE, make_private_dir

DEBUG_ENV = "CRM_DESKTOP_DEBUG"
LOG_FILENAME = "crm-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
#: Loggers whose DEBUG level would print data (SQLAlchemy: result rows).
CAPPED_AT_INFO = ("sqlalchemy.engine", "sqlalchemy.pool", "sqlalchemy.orm")

log = logging.getLogger(__name__)
_handler: logging.Handler | None = None

CrashCallback = Callable[[BaseException], None]


def debug_requested(flag: bool | None = None) -> bool:
    """``--debug`` when given, else the environment variable."""
    if flag:
        return True
    return os.environ.get(DEBUG_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler whose files are created 0600 (whatever the umask)."""

    def _open(self) -> Any:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
        if os.name == "posix":
            os.fchmod(fd, PRIVATE_FILE_MODE)  # a file made by an older version
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


class ScrubbingFormatter(logging.Formatter):
    """Exceptions as type and frames only: a message may contain personal data."""

    def format(self, record: logging.LogRecord) -> str:
        # logging caches the exception text on the record: another handler that
        # formatted it first (a console, pytest's capture) would have put the
        # message there. Format our own, and leave theirs as it was.
        cached = record.exc_text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: Any) -> str:
        _type, value, _tb = ei
        if value is None:
            return type_name(_type) if _type is not None else ""
        return scrubbed_traceback(value)

    def formatStack(self, stack_info: str) -> str:
        # Stack text holds only code locations and source lines: no values.
        return stack_info


class PrivacyFilter(logging.Filter):
    """Drops library records known to carry data (SQLAlchemy result rows)."""

    def filter(self, record: logging.LogRecord) -> bool:
        # "Row (...)" and "Col (...)" at DEBUG: query results.
        return not (record.name.startswith("sqlalchemy.engine") and record.levelno < logging.INFO)


def install(log_dir: Path, *, debug: bool | None = None) -> Path:
    """Send the root logger to ``log_dir``; idempotent (a second call re-points it)."""
    global _handler
    make_private_dir(log_dir)
    path = log_dir / LOG_FILENAME
    level = logging.DEBUG if debug_requested(debug) else logging.INFO
    handler = PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(ScrubbingFormatter(FORMAT))
    handler.addFilter(PrivacyFilter())
    handler.setLevel(level)
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    _handler = handler
    root.addHandler(handler)
    root.setLevel(level)
    for name in CAPPED_AT_INFO:
        # INFO logs statements (values hidden); DEBUG would log result rows.
        logging.getLogger(name).setLevel(
            logging.INFO if level == logging.DEBUG else logging.WARNING
        )
    log.info(
        "CRM Desktop %s, Python %s, logging at %s",
        __version__,
        sys.version.split()[0],
        logging.getLevelName(level),
    )
    return path


def uninstall() -> None:
    """Detach and close the file handler (tests, and before a data directory moves)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None


def log_crash(exc: BaseException, *, where: str = "main thread") -> None:
    """Log an unhandled exception: type and frames, no message, no locals."""
    log.critical("unhandled %s in %s\n%s", type_name(type(exc)), where, scrubbed_traceback(exc))


def install_excepthooks(on_crash: CrashCallback | None = None) -> None:
    """Log unhandled exceptions (main and other threads), then call ``on_crash``.

    Without ``on_crash`` (the CLI) the scrubbed traceback also goes to stderr,
    even with ``--debug``: a terminal is often a shared screen or a pasted ticket.
    """
    previous = sys.__excepthook__  # not a hook of ours: installing twice must not chain

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        _report(exc, "main thread")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a thread"
        _report(args.exc_value, f"thread {name}")

    def _report(exc: BaseException, where: str) -> None:
        with contextlib.suppress(Exception):  # logging must never hide the crash itself
            log_crash(exc, where=where)
        if on_crash is not None:
            on_crash(exc)
        else:
            print(
                f"crm-desktop: an internal error occurred ({type_name(type(exc))});"
                " details without personal data are in the log.\n" + scrubbed_traceback(exc),
                file=sys.stderr,
            )

    sys.excepthook = hook
    threading.excepthook = thread_hook
