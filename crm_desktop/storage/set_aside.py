"""Moving a file we must not open out of the way, without changing a byte.

A damaged file or a file that is not a database at all may still hold the
only copy of someone's customers: a recovery tool or a support person may
get them back. So it is never repaired, truncated or deleted. It is
renamed, with its -wal, -shm and -journal companions, into the
``set-aside`` directory under a dated name, and the application can start
again from a backup or an empty database.

``os.replace`` within one file system is a rename: the inode and every byte
stay the same. Across file systems it fails, and we let it fail rather
than copy and delete.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from crm_desktop.paths import AppPaths, make_private_dir
from crm_desktop.storage.errors import DamagedDatabaseError
from crm_desktop.storage.file_check import FileKind, inspect_file

if TYPE_CHECKING:
    from crm_desktop.storage.backups import BackupInfo

#: The companions SQLite keeps beside a database; they belong to it.
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"


def file_set(path: Path) -> list[Path]:
    """The main file and whichever of its companions exist, main file first."""
    companions = [path.with_name(path.name + s) for s in SIDECAR_SUFFIXES]
    return [p for p in [path, *companions] if p.exists()]


def set_aside(db_path: Path, quarantine_dir: Path, now: datetime) -> Path:
    """Move the file set of ``db_path`` to ``quarantine_dir``; return the main file's new path.

    The new name carries the UTC time (``crm-20260123T101500Z.sqlite3``), and
    a counter if that name is taken, so nothing set aside earlier is ever
    overwritten. Companions are moved first: a -wal left beside a fresh
    database of the same name would be replayed into it.
    """
    make_private_dir(quarantine_dir)
    stamp = now.astimezone(UTC).strftime(STAMP_FORMAT)
    base = f"{db_path.stem}-{stamp}"
    target = _free_name(quarantine_dir, base, db_path.suffix)
    moves = [
        (p, target.with_name(target.name + p.name[len(db_path.name) :])) for p in file_set(db_path)
    ]
    if not moves:
        raise FileNotFoundError(db_path)
    for source, destination in reversed(moves):  # companions first, the main file last
        os.replace(source, destination)
    fsync_dir(quarantine_dir)
    fsync_dir(db_path.parent)
    return target


def _free_name(directory: Path, base: str, suffix: str) -> Path:
    """A main-file name in ``directory`` that neither it nor any companion uses yet."""
    counter = 1
    while True:
        name = base if counter == 1 else f"{base}-{counter}"
        candidate = directory / f"{name}{suffix}"
        taken = [candidate, *(candidate.with_name(candidate.name + s) for s in SIDECAR_SUFFIXES)]
        if not any(p.exists() for p in taken):
            return candidate
        counter += 1


def quick_check(path: Path) -> None:
    """Refuse a file ``inspect_file`` accepts but whose pages are damaged.

    ``inspect_file`` reads only the header and the schema, so a broken page
    in the middle of a table passes it and the first query that touches it
    fails. ``PRAGMA quick_check`` reads every page (0.15 s for 70 MB here)
    without writing: the file stays byte-identical, as ``inspect_file`` keeps it.
    """
    if inspect_file(path).kind is not FileKind.OURS:
        return
    beside = (path.with_name(path.name + s) for s in ("-wal", "-journal"))
    options = "mode=ro" if any(p.exists() for p in beside) else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?{options}", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        rows = []
    if rows != [("ok",)]:
        raise DamagedDatabaseError(
            path, "The database file is damaged and cannot be read. It was left unchanged."
        )


def newest_verified_backup(paths: AppPaths) -> BackupInfo | None:
    """The newest backup that passes a full check: what to offer instead of a damaged file."""
    from crm_desktop.storage.backups import BackupStore  # it imports this module

    return BackupStore(paths).newest_verified()


def fsync_dir(path: Path) -> None:
    """Make the renames durable: a rename lives in the directory, not the file."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
