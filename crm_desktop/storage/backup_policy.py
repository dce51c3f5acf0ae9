"""How many backups rotation keeps, and the rule that picks them.

Apart from the store so the policy (a user setting) can be read and shown
without the backup machinery; the counts live in the ``setting`` table as
a JSON object under :data:`SETTING_KEY`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Protocol

#: The Setting row (JSON object) that overrides :class:`RetentionPolicy` counts.
SETTING_KEY = "backups.retention"


class _Dated(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def created(self) -> datetime: ...


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How many backups rotation keeps: daily ones by day/week/month, the others by count."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 6
    manual: int = 10
    pre_restore: int = 10
    pre_migration: int = 10

    @classmethod
    def from_mapping(cls, value: Mapping[str, object]) -> RetentionPolicy:
        """Counts from a setting; unknown keys and anything but a count >= 0 are ignored."""
        counts = {
            f.name: v
            for f in fields(cls)
            if isinstance(v := value.get(f.name), int) and not isinstance(v, bool) and v >= 0
        }
        return cls(**counts)


def read_policy(db_path: Path) -> RetentionPolicy:
    """The retention policy stored in the database's settings, or the defaults."""
    try:
        conn = sqlite3.connect(f"{db_path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM setting WHERE key = ?", (SETTING_KEY,)).fetchone()
        finally:
            conn.close()
        value = json.loads(row[0]) if row else {}
    except (sqlite3.Error, ValueError):
        return RetentionPolicy()
    return RetentionPolicy.from_mapping(value) if isinstance(value, dict) else RetentionPolicy()


def keep_per_period(
    backups: Sequence[_Dated],
    count: int,
    period: Callable[[datetime], Hashable],
    keep: set[str],
) -> None:
    """Borg's prune_split: the newest backup of each period, up to ``count`` new keeps."""
    last: Hashable = None
    kept = 0
    for backup in backups:  # newest first
        if kept >= count:
            return
        current = period(backup.created)
        if current != last:
            last = current
            if backup.id not in keep:
                keep.add(backup.id)
                kept += 1
