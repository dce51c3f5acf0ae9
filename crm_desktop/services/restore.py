"""Restoring a backup without bringing back anyone erased since it was made.

The command line, the Backups window and the damaged-file window all
restore this way: the erasure ledgers (the current file's, and those of
damaged files set aside since the backup) are read *before* the file is
replaced, and replayed on the restored file once it is open again.
"""

from __future__ import annotations

from crm_desktop.paths import AppPaths
from crm_desktop.services.contacts import ContactService
from crm_desktop.storage.backups import BackupStore, RestoreResult
from crm_desktop.storage.database import Database
from crm_desktop.storage.erasures import PendingErasures, pending_erasures

__all__ = ["erase_again", "restore_backup"]


def restore_backup(paths: AppPaths, backup_id: str) -> tuple[RestoreResult, PendingErasures]:
    """Put backup ``backup_id`` in place; the erasures to replay once it is open.

    The database must have no open connection (the restore replaces the file).
    """
    store = BackupStore(paths)
    made = store.get(backup_id).created
    pending = pending_erasures(paths.database, paths.quarantine_dir, made)
    return store.restore(backup_id, paths.database), pending


def erase_again(db: Database, pending: PendingErasures) -> int:
    """Erase, in the restored ``db``, the people erased since its backup; how many."""
    with db.read_raw() as conn:
        erased = pending.entries_for(conn)
    return len(ContactService(db).replay_erasures(erased).contacts) if erased else 0
