"""What every service shares: the database and an injectable clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from crm_desktop.storage.database import Database

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Service:
    """Base of the use-case classes. Tests pass a fixed clock; nothing patches globals."""

    def __init__(self, db: Database, *, clock: Clock = utc_now) -> None:
        self.db = db
        self.clock = clock


class NotFoundError(LookupError):
    """The row was deleted (perhaps by another window) or never existed."""

    def __init__(self, what: str, row_id: int) -> None:
        super().__init__(f"{what} {row_id} does not exist")
        self.what = what
        self.row_id = row_id
