"""Why a database file cannot be opened, in words a user can act on.

The messages name the file's situation, never its contents. The GUI maps
each class to a translated dialog; the CLI prints ``str(error)``.
"""

from __future__ import annotations

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
