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
