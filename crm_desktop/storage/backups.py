"""Verified backups of the database: create, list, verify, restore, rotate.

A backup is a file ``REASON-YYYYMMDDTHHMMSSZ.sqlite3`` in ``backup_dir``,
made by :func:`~crm_desktop.storage.snapshot.verified_copy` (SQLite's
online backup API, checked, fsynced, renamed), so it is taken safely while
the application writes, and a file under a final name is always a complete
copy. The name is the whole truth (id, reason, UTC time): no catalogue can
disagree with the directory. The pre-migration copies that ``migrate``
takes follow the same pattern and are listed, verified and rotated too.

Full checks are slow on a large file, so their results are remembered in
``checks.json`` (keyed by size and mtime: a changed file is checked again).
It is a cache: losing it only means checking again.
"""

from __future__ import annotations

import builtins
import json
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, cast, get_args

from crm_desktop.paths import PRIVATE_FILE_MODE, AppPaths, make_private_dir
from crm_desktop.storage.backup_policy import (
    SETTING_KEY,
    RetentionPolicy,
    keep_per_period,
    read_policy,
)
from crm_desktop.storage.errors import StorageError
from crm_desktop.storage.file_check import APPLICATION_ID, SCHEMA_VERSION, FileKind, inspect_file
from crm_desktop.storage.set_aside import STAMP_FORMAT, file_set, fsync_dir, set_aside
from crm_desktop.storage.snapshot import SnapshotError, check_database, verified_copy

Reason = Literal["manual", "daily", "pre-restore", "pre-migration"]
REASONS: tuple[Reason, ...] = get_args(Reason)
_NAME = re.compile(
    r"^(?P<reason>manual|daily|pre-restore|pre-migration)-(?P<stamp>\d{8}T\d{6}Z)(?:-\d+)?$"
)
SUFFIX = ".sqlite3"
CHECKS_FILE = "checks.json"


class BackupError(Exception):
    """A backup could not be made, found, checked or restored; the text is for the user."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    id: str  # the file stem, e.g. "daily-20260123T101500Z"
    path: Path
    created: datetime  # UTC, from the name
    reason: Reason
    size: int
    schema_version: int | None  # None: the file could not be read
    verified: bool | None  # last full check passed / failed; None: not checked yet


@dataclass(frozen=True, slots=True)
class RestoreResult:
    backup_id: str
    created: datetime
    contacts: int
    interactions: int
    #: The backup taken of the database that was replaced (reason "pre-restore").
    safety_backup: str | None
    #: Where the replaced file set went when it could not be backed up (damaged, foreign).
    set_aside: Path | None


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _read_only(path: Path) -> sqlite3.Connection:
    # A backup is one self-contained file that nothing writes: "immutable"
    # reads it without creating -wal/-shm companions or taking locks.
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)


class BackupStore:
    """The backups of one data directory."""

    def __init__(self, paths: AppPaths, clock: Callable[[], datetime] = _utc_now) -> None:
        self.paths = paths
        self.directory = paths.backup_dir
        self._clock = clock

    # -- making and finding backups ----------------------------------------------------

    def create(self, db_path: Path, reason: Reason, *, now: datetime | None = None) -> BackupInfo:
        """A verified copy of the database at ``db_path``, safe while it is being written."""
        if reason not in REASONS:
            raise ValueError(f"unknown backup reason {reason!r}")
        try:
            if inspect_file(db_path).kind is not FileKind.OURS:
                raise BackupError("There is no database to back up yet.")
        except StorageError as exc:
            raise BackupError(f"{exc.message} No backup was made.") from exc
        make_private_dir(self.directory)
        stamp = (now or self._clock()).astimezone(UTC).strftime(STAMP_FORMAT)
        path = self._free_path(f"{reason}-{stamp}")
        try:
            verified_copy(db_path, path)
        except (SnapshotError, sqlite3.DatabaseError) as exc:
            raise BackupError(
                f"The database failed its check, so no backup was made ({exc}). "
                "Run 'crm-desktop check' for details."
            ) from exc
        self._remember(path, ok=True)
        return self._info(path)

    def list(self) -> builtins.list[BackupInfo]:
        """Every backup, newest first; files that do not follow our naming are ignored."""
        if not self.directory.is_dir():
            return []
        found = [self._info(p) for p in self.directory.glob(f"*{SUFFIX}") if _NAME.match(p.stem)]
        return sorted(found, key=lambda b: (b.created, b.id), reverse=True)

    def get(self, backup_id: str) -> BackupInfo:
        path = self.directory / f"{backup_id}{SUFFIX}"
        if not _NAME.match(backup_id) or not path.is_file():
            raise BackupError(
                f"There is no backup {backup_id!r}; 'crm-desktop backup list' shows them."
            )
        return self._info(path)

    def verify(self, backup_id: str) -> builtins.list[str]:
        """Problems a full check finds in a backup (empty when it is sound); remembered."""
        path = self.get(backup_id).path
        problems: builtins.list[str] = []
        try:
            conn = _read_only(path)
            try:
                if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                    problems.append("not a CRM Desktop database")
                else:
                    problems.extend(check_database(conn))
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            problems.append(f"SQLite could not read the file: {exc}")
        self._remember(path, ok=not problems)
        return problems

    def newest_verified(self) -> BackupInfo | None:
        """The newest backup that passes a full check (checking lazily, newest first)."""
        return next((b for b in self.list() if self._is_good(b)), None)

    # -- restoring -------------------------------------------------------------------------

    def restore(self, backup_id: str, db_path: Path) -> RestoreResult:
        """Put a backup in place of the database; the replaced file set is kept first.

        No connection to ``db_path`` may be open. The current database is
        backed up (reason "pre-restore"); if it cannot be (damaged, foreign,
        newer) it is set aside instead. Only then are its stale -wal/-shm
        removed: left beside the restored file, SQLite would replay them into it.
        """
        info = self.get(backup_id)
        problems = self.verify(backup_id)
        if problems:
            raise BackupError(
                f"Backup {backup_id} failed its check ({problems[0]}); nothing was changed."
            )
        if info.schema_version is None or info.schema_version > SCHEMA_VERSION:
            raise BackupError(
                f"Backup {backup_id} was written by a newer CRM Desktop; update the "
                "application to restore it. Nothing was changed."
            )
        contacts, interactions = _counts(info.path)
        safety, moved = self._protect_current(db_path)
        make_private_dir(db_path.parent)
        temp = db_path.with_name(db_path.name + ".restoring")
        try:
            _copy_private(info.path, temp)
            for stale in file_set(db_path):
                stale.unlink()  # backed up or set aside above: nothing is lost
            os.replace(temp, db_path)
            fsync_dir(db_path.parent)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return RestoreResult(
            backup_id=info.id,
            created=info.created,
            contacts=contacts,
            interactions=interactions,
            safety_backup=safety.id if safety else None,
            set_aside=moved,
        )

    def _protect_current(self, db_path: Path) -> tuple[BackupInfo | None, Path | None]:
        """Back up the database about to be replaced, or move it aside if it cannot be."""
        try:
            kind = inspect_file(db_path).kind
        except StorageError:
            return None, set_aside(db_path, self.paths.quarantine_dir, self._clock())
        if kind is FileKind.MISSING:
            return None, None
        if kind is FileKind.OURS:
            _refuse_if_in_use(db_path)
            try:
                return self.create(db_path, "pre-restore"), None
            except BackupError:
                pass  # damaged inside: keep it whole, aside
        return None, set_aside(db_path, self.paths.quarantine_dir, self._clock())

    # -- daily and rotation ----------------------------------------------------------------

    def daily_if_due(self, db_path: Path, now: datetime) -> BackupInfo | None:
        """The day's backup, once per calendar day (in ``now``'s zone); None when not due."""
        if now.tzinfo is None:
            raise ValueError("now must be an aware datetime")
        today = now.date()
        for backup in self.list():
            if backup.reason == "daily" and backup.created.astimezone(now.tzinfo).date() == today:
                return None
        try:
            if inspect_file(db_path).kind is not FileKind.OURS:
                return None
        except StorageError:
            return None
        return self.create(db_path, "daily", now=now)

    def rotate(self, policy: RetentionPolicy) -> builtins.list[BackupInfo]:
        """Delete the backups the policy does not keep; return them.

        Daily backups follow borg's prune rules: the newest backup of each of
        the last N days, then of each of the last N ISO weeks and months not
        already kept (UTC calendar). Manual, pre-restore and pre-migration
        backups keep the N newest of each. The newest sound backup is always
        kept, whatever the policy says.
        """
        backups = self.list()
        daily = [b for b in backups if b.reason == "daily"]
        keep: set[str] = set()
        keep_per_period(daily, policy.daily, lambda d: d.date(), keep)
        keep_per_period(daily, policy.weekly, lambda d: d.isocalendar()[:2], keep)
        keep_per_period(daily, policy.monthly, lambda d: (d.year, d.month), keep)
        counts = {
            "manual": policy.manual,
            "pre-restore": policy.pre_restore,
            "pre-migration": policy.pre_migration,
        }
        for reason, count in counts.items():
            keep.update(b.id for b in [b for b in backups if b.reason == reason][:count])
        doomed = [b for b in backups if b.id not in keep]
        if doomed and not any(self._is_good(b) for b in backups if b.id in keep):
            last_good = next((b for b in doomed if self._is_good(b)), None)
            if last_good is not None:
                doomed.remove(last_good)
        for backup in doomed:
            backup.path.unlink(missing_ok=True)
        self._forget({b.id for b in doomed})
        return doomed

    # -- the check cache -------------------------------------------------------------------

    def _is_good(self, backup: BackupInfo) -> bool:
        if backup.verified is None:
            return not self.verify(backup.id)
        return backup.verified

    def _info(self, path: Path) -> BackupInfo:
        match = _NAME.match(path.stem)
        assert match is not None
        stat = path.stat()
        record = self._records().get(path.stem)
        verified = None
        if isinstance(record, dict) and record.get("stamp") == [stat.st_size, stat.st_mtime_ns]:
            verified = bool(record.get("ok"))
        return BackupInfo(
            id=path.stem,
            path=path,
            created=datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC),
            reason=cast(Reason, match["reason"]),
            size=stat.st_size,
            schema_version=_schema_version(path),
            verified=verified,
        )

    def _free_path(self, base: str) -> Path:
        counter = 1
        while True:
            name = base if counter == 1 else f"{base}-{counter}"
            path = self.directory / f"{name}{SUFFIX}"
            if not path.exists() and not path.with_name(path.name + ".partial").exists():
                return path
            counter += 1

    def _records(self) -> dict[str, object]:
        try:
            data = json.loads((self.directory / CHECKS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _remember(self, path: Path, *, ok: bool) -> None:
        stat = path.stat()
        records = self._records()
        records[path.stem] = {
            "stamp": [stat.st_size, stat.st_mtime_ns],
            "ok": ok,
            "checked_at": self._clock().astimezone(UTC).isoformat(),
        }
        self._write_records(records)

    def _forget(self, ids: set[str]) -> None:
        records = self._records()
        if ids & records.keys():
            self._write_records({k: v for k, v in records.items() if k not in ids})

    def _write_records(self, records: Mapping[str, object]) -> None:
        target = self.directory / CHECKS_FILE
        temp = target.with_name(f"{CHECKS_FILE}.{os.getpid()}.tmp")
        fd = os.open(temp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(records, handle, indent=1, sort_keys=True)
        os.replace(temp, target)


def _schema_version(path: Path) -> int | None:
    try:
        conn = _read_only(path)
        try:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def _counts(path: Path) -> tuple[int, int]:
    conn = _read_only(path)
    try:
        contacts = conn.execute("SELECT count(*) FROM contact").fetchone()[0]
        interactions = conn.execute("SELECT count(*) FROM interaction").fetchone()[0]
    finally:
        conn.close()
    return int(contacts), int(interactions)


def _copy_private(source: Path, destination: Path) -> None:
    """A byte copy of a quiescent backup file, 0600 and on disk before it is renamed."""
    fd = os.open(destination, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, PRIVATE_FILE_MODE)
    if os.name == "posix":
        os.fchmod(fd, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        shutil.copyfileobj(src, out, 1024 * 1024)
        out.flush()
        os.fsync(out.fileno())


def _refuse_if_in_use(db_path: Path) -> None:
    """Fail unless no other connection has the database open.

    Leaving WAL mode needs the database to itself, so the switch doubles as
    the test; it also folds the WAL into the main file, as closing would.
    """
    conn = sqlite3.connect(db_path, timeout=0)
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise sqlite3.OperationalError(f"journal mode stayed {mode}")
    except sqlite3.OperationalError as exc:
        raise BackupError(
            "The database is in use (is CRM Desktop open?). Close it and restore again; "
            "nothing was changed."
        ) from exc
    finally:
        conn.close()


__all__ = [
    "SETTING_KEY",
    "BackupError",
    "BackupInfo",
    "BackupStore",
    "Reason",
    "RestoreResult",
    "RetentionPolicy",
    "read_policy",
]
