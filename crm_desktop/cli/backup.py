"""``backup create|list|verify ID|restore ID``, and what to say about a file we refuse.

``restore`` never opens the database through :class:`Context`: it replaces
the file, and an open engine would keep writing to the old one.
"""

from __future__ import annotations

import argparse
import shlex
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from crm_desktop.cli.common import CliError, Context, add_format, emit_json, emit_table

if TYPE_CHECKING:
    from crm_desktop.paths import AppPaths
    from crm_desktop.storage.backups import BackupInfo
    from crm_desktop.storage.errors import StorageError


def register(commands: Any) -> None:
    backup = commands.add_parser("backup", help="create, list, verify and restore backups")
    actions = backup.add_subparsers(dest="action", metavar="ACTION", required=True)

    create = actions.add_parser("create", help="make a verified backup now")
    add_format(create)
    create.set_defaults(handler=run_create)

    listing = actions.add_parser("list", help="list the backups, newest first")
    add_format(listing)
    listing.set_defaults(handler=run_list)

    verify = actions.add_parser("verify", help="check a backup's integrity and foreign keys")
    verify.add_argument("id", metavar="ID")
    add_format(verify)
    verify.set_defaults(handler=run_verify)

    restore = actions.add_parser(
        "restore", help="replace the database with a backup (the current one is backed up first)"
    )
    restore.add_argument("id", metavar="ID")
    add_format(restore)
    restore.set_defaults(handler=run_restore)


def _store(ctx: Context) -> Any:
    from crm_desktop.storage.backups import BackupStore

    return BackupStore(ctx.paths.ensure())


def _describe(info: BackupInfo) -> dict[str, object]:
    return {
        "id": info.id,
        "created": info.created,
        "reason": info.reason,
        "size": info.size,
        "schema_version": info.schema_version,
        "verified": info.verified,
        "path": str(info.path),
    }


def run_create(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.storage.backups import BackupError, read_policy

    # Opened for its checks (refusals, migration), with one pooled connection
    # kept while the copy reads: closed last, it folds the WAL back and
    # removes -wal/-shm, which the copy's read-only connection cannot.
    with ctx.db.read_raw():
        pass
    store = _store(ctx)
    try:
        info = store.create(ctx.paths.database, "manual")
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    store.rotate(read_policy(ctx.paths.database))
    if args.format == "json":
        emit_json(_describe(info))
    else:
        print(f"Backup {info.id} created and verified ({_size(info.size)}): {info.path}")
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    backups = _store(ctx).list()
    if args.format == "json":
        emit_json([_describe(b) for b in backups])
        return 0
    if not backups:
        print("No backups yet; 'crm-desktop backup create' makes one.")
        return 0
    emit_table(
        ("ID", "CREATED (UTC)", "REASON", "SIZE", "SCHEMA", "VERIFIED"),
        [
            (
                b.id,
                f"{b.created:%Y-%m-%d %H:%M:%S}",
                b.reason,
                _size(b.size),
                b.schema_version,
                {True: "yes", False: "FAILED", None: "not yet"}[b.verified],
            )
            for b in backups
        ],
    )
    return 0


def run_verify(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.storage.backups import BackupError

    try:
        problems = _store(ctx).verify(args.id)
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    if args.format == "json":
        emit_json({"id": args.id, "ok": not problems, "problems": problems})
    elif problems:
        print(f"Backup {args.id}: {len(problems)} problem(s) found:")
        for problem in problems[:50]:
            print(f"  {problem}")
    else:
        print(f"Backup {args.id}: ok, integrity and foreign keys are clean")
    return 0 if not problems else 1


def run_restore(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.restore import erase_again, restore_backup
    from crm_desktop.storage.backups import BackupError

    try:
        result, pending = restore_backup(ctx.paths, args.id)
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    again = erase_again(ctx.db, pending)  # people erased since the backup was made
    if args.format == "json":
        emit_json({"restored": result, "erased_again": again})
        return 0
    print(
        f"Restored backup {result.backup_id} of {result.created:%Y-%m-%d %H:%M} UTC: "
        f"{result.contacts:,} contacts, {result.interactions:,} interactions."
    )
    if result.safety_backup:
        print(f"The database it replaced was saved as backup {result.safety_backup}.")
    if result.set_aside:
        print(f"The file it replaced could not be backed up; it was moved to {result.set_aside}.")
    if again:
        print(f"Erased again: {again} contact(s) erased after this backup was made.")
    return 0


def refusal(paths: AppPaths, error: StorageError) -> str:
    """One line for a database file we will not open.

    Damaged files and non-databases are set aside (moved, unchanged), so the
    next start is not stuck on them, and the newest verified backup is
    offered. A foreign or newer file may be perfectly good for its owner:
    it stays where it is.
    """
    from crm_desktop.storage.errors import DamagedDatabaseError, NotADatabaseError
    from crm_desktop.storage.set_aside import file_set, newest_verified_backup, set_aside

    if not isinstance(error, DamagedDatabaseError | NotADatabaseError) or not file_set(error.path):
        return f"{error.message} ({error.path})"
    what = error.message.split(" It was left unchanged")[0]
    moved = set_aside(error.path, paths.quarantine_dir, datetime.now(UTC))
    line = f"{what} It was moved, unchanged, from {error.path} to {moved}."
    newest = newest_verified_backup(paths)
    if newest is None:
        return f"{line} There is no verified backup; the next command starts an empty database."
    command = f"crm-desktop{_data_dir_option(paths)} backup restore {newest.id}"
    return (
        f"{line} The newest verified backup is {newest.id} "
        f"({newest.created:%Y-%m-%d %H:%M} UTC); restore it with: {command}"
    )


def newest_backup_line(paths: AppPaths) -> str:
    """For ``check``: whether a verified backup exists, in one informational line."""
    from crm_desktop.storage.set_aside import newest_verified_backup

    newest = newest_verified_backup(paths)
    if newest is None:
        return "no verified backup yet; 'crm-desktop backup create' makes one"
    return f"newest verified backup: {newest.id} ({newest.created:%Y-%m-%d %H:%M} UTC)"


def _data_dir_option(paths: AppPaths) -> str:
    from crm_desktop.paths import AppPaths

    if paths == AppPaths.default():
        return ""
    return f" --data-dir {shlex.quote(str(paths.data_dir))}"


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.0f} kB"
