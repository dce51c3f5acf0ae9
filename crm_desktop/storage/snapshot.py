"""Verified copies of the live database.

Never a plain file copy: a live WAL database is several files and a copy
taken mid-write is torn. SQLite's online backup API gives a consistent
snapshot; we check it (integrity and foreign keys), fsync it and only then
rename it into place, so a file with the final name is always a good copy.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from crm_desktop.paths import PRIVATE_FILE_MODE, make_private_dir


class SnapshotError(Exception):
    """The copy failed its checks; nothing was left under the final name."""


def check_database(conn: sqlite3.Connection) -> list[str]:
    """Problems SQLite finds in an open database (empty when it is sound)."""
    problems: list[str] = []
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    if rows != [("ok",)]:
        problems.extend(str(row[0]) for row in rows)
    violations = conn.execute("PRAGMA foreign_key_check").fetchall()
    problems.extend(f"foreign key violation in table {row[0]}" for row in violations)
    return problems


def verified_copy(source: Path, destination: Path) -> Path:
    """Copy the database at ``source`` to ``destination`` and prove the copy sound."""
    make_private_dir(destination.parent)
    partial = destination.with_name(destination.name + ".partial")
    fd = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(fd)
    try:
        src = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
            problems = check_database(dst)
        finally:
            dst.close()
            src.close()
        if problems:
            raise SnapshotError(f"the copy failed its check: {problems[0]}")
        _fsync_file(partial)
        os.replace(partial, destination)
        _fsync_dir(destination.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return destination


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
