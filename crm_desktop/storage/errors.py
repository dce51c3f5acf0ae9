"""Why a database file cannot be opened, in words a user can act on.

The messages name the file's situation, never its contents. The GUI maps
each class to a translated dialog; the CLI prints ``str(error)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


class StorageError(Exception):
    """Base class: something about the database file stops us from using it."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


class NotADatabaseError(StorageError):
    """The file is not an SQLite database at all (or its header is destroyed)."""


class ForeignDatabaseError(StorageError):
    """An SQLite database, but not one of ours: we never touch it."""


class NewerSchemaError(StorageError):
    """Written by a newer CRM Desktop: opening it with this version could lose data."""


class DamagedDatabaseError(StorageError):
    """Ours, but SQLite reports corruption."""


class MigrationError(StorageError):
    """An upgrade failed and was rolled back; the verified copy taken before it is named."""


_CORRUPTION = ("database disk image is malformed", "file is not a database")


def is_corruption(error: BaseException) -> bool:
    """Whether ``error`` (or what it wraps) is SQLite saying the file is damaged.

    Opening checks only the header and schema (a full ``quick_check`` reads
    every page: 20 s for a 575 MB database), so a damaged page in the middle
    of a table surfaces as an error from the first query that reads it.
    """
    import sqlite3

    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, sqlite3.DatabaseError) and any(
            text in str(seen) for text in _CORRUPTION
        ):
            return True
        seen = getattr(seen, "orig", None) or seen.__cause__
    return False


# What a write that the disk or the folder refuses looks like, at each layer:
# SQLite's primary result codes (extended codes keep them in the low byte),
# its messages, and the OS errors raised by our own file writes.
SQLITE_READONLY = 8
SQLITE_CANTOPEN = 14
SQLITE_FULL = 13
_DISK_FULL_TEXT = "database or disk is full"
_READ_ONLY_TEXT = ("attempt to write a readonly database", "readonly database")
_CANT_OPEN_TEXT = "unable to open database file"

DISK_FULL_MESSAGE = (
    "The disk is full: nothing was saved; free some space and try again."
    " Your existing data is intact."
)
READ_ONLY_MESSAGE = (
    "The data folder is read-only: nothing was saved. Make it writable (or choose another"
    " with --data-dir) and try again. Your existing data is intact and can still be read."
)


def _chain(error: BaseException) -> Iterator[BaseException]:
    """``error`` and what it wraps: SQLAlchemy's ``.orig``, then ``__cause__``."""
    seen: BaseException | None = error
    hops = 0
    while seen is not None and hops < 32:
        yield seen
        seen = getattr(seen, "orig", None) or seen.__cause__
        hops += 1


def _sqlite_code(error: BaseException) -> int | None:
    import sqlite3

    if not isinstance(error, sqlite3.Error):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_disk_full(error: BaseException) -> bool:
    """Whether ``error`` (or what it wraps) says the disk or quota is full (SQLITE_FULL, ENOSPC)."""
    import errno
    import sqlite3

    for seen in _chain(error):
        if isinstance(seen, sqlite3.Error) and (
            _sqlite_code(seen) == SQLITE_FULL or _DISK_FULL_TEXT in str(seen)
        ):
            return True
        if isinstance(seen, OSError) and seen.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
    return False


def is_read_only(error: BaseException, directory: Path | None = None) -> bool:
    """Whether ``error`` (or what it wraps) says the file or its folder cannot be written.

    SQLITE_READONLY (any extended code: a read-only file, folder or mount) and
    EROFS/EACCES/EPERM count. "unable to open database file" is ambiguous (a
    missing folder says the same), so it counts only when ``directory`` is
    given and is not writable.
    """
    import errno
    import sqlite3

    for seen in _chain(error):
        if isinstance(seen, sqlite3.Error):
            code, text = _sqlite_code(seen), str(seen)
            if code == SQLITE_READONLY or any(t in text for t in _READ_ONLY_TEXT):
                return True
            if (code == SQLITE_CANTOPEN or _CANT_OPEN_TEXT in text) and _unwritable(directory):
                return True
        if isinstance(seen, OSError) and seen.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return True
    return False


def _unwritable(directory: Path | None) -> bool:
    import os

    return directory is not None and directory.is_dir() and not os.access(directory, os.W_OK)


def write_refusal(error: BaseException, directory: Path | None = None) -> str | None:
    """The one plain line for a write the disk or folder refused, else ``None``."""
    if is_disk_full(error):
        return DISK_FULL_MESSAGE
    if is_read_only(error, directory):
        return READ_ONLY_MESSAGE
    return None
