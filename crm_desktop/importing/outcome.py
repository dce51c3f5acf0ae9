"""What an import says about each row, and how it is stopped.

Kept apart from :mod:`crm_desktop.importing.importer` so that the checking
workers (:mod:`crm_desktop.importing.checking`) can build outcomes without
importing the writer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

__all__ = ["Action", "ImportCancelled", "Outcome", "Progress", "check_cancel"]

Progress = Callable[[str, int, int], None]  # (stage, done, total)
Action = Literal["created", "duplicate", "merged", "error"]


class ImportCancelled(Exception):
    """``should_cancel()`` said stop; nothing was saved."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened (or, in a dry run, would happen) to one row."""

    row: int
    action: Action
    contact_id: int | None = None  # created or merged into (None in a dry run for new ones)
    duplicate_of_row: int | None = None  # the earlier row in the same file
    field: str | None = None  # for errors: the field label, never the value
    message: str | None = None


def check_cancel(should_cancel: Callable[[], bool] | None) -> None:
    if should_cancel is not None and should_cancel():
        raise ImportCancelled("The import was cancelled; nothing was saved.")
