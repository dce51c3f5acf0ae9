"""The ``crm-desktop`` command: headless commands for scripts and people, and ``gui``.

Exit codes: 0 success, 1 a user error (one line on stderr, no traceback),
2 bad usage (argparse). Nothing here imports Qt unless the command is ``gui``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence

from crm_desktop import __version__
from crm_desktop.cli import activity, backup, contacts, data, export, importing, reminders, reports
from crm_desktop.cli.common import CliError, Context

COMMAND_MODULES = (contacts, activity, data, backup, reminders, reports, export, importing)
_DASHED_VALUE = re.compile(r"^--\d")  # "--02-29": a yearless birthday, not an option


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crm-desktop",
        description="A local-first desktop CRM. Without a command, starts the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep the database, backups, logs and settings in DIR instead of the default",
    )
    parser.add_argument(
        "--debug", action="store_true", help="log at DEBUG level (logs never hold personal data)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    gui = commands.add_parser("gui", help="start the window (the default)")
    gui.add_argument(
        "--screenshot",
        metavar="PATH",
        help="save a PNG of the window once the first page of data is painted and every pane"
        " has loaded",
    )
    gui.add_argument("--quit-after-paint", action="store_true", help="exit after the first paint")
    gui.add_argument("--hidden", action="store_true", help="start in the system tray (at login)")
    gui.set_defaults(handler=_run_gui, needs_db=False)
    return parser


def _run_gui(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.app import main as app_main  # Qt only on this path

    if args.hidden:
        from crm_desktop.gui import application

        application.start_hidden = True
    return app_main(
        ctx.paths,
        screenshot=args.screenshot,
        quit_after_paint=args.quit_after_paint,
        zone_name=ctx.zone.key,
        phone_region=ctx.phone_region,
    )


def _join_dashed_values(argv: Sequence[str]) -> list[str]:
    """Let ``--birthday --02-29`` mean ``--birthday=--02-29``."""
    out: list[str] = []
    for arg in argv:
        if out and out[-1].startswith("--") and "=" not in out[-1] and _DASHED_VALUE.match(arg):
            out[-1] = f"{out[-1]}={arg}"
        else:
            out.append(arg)
    return out


def _damaged(ctx: Context) -> str:
    from crm_desktop.cli.backup import refusal
    from crm_desktop.storage.errors import DamagedDatabaseError

    error = DamagedDatabaseError(
        ctx.paths.database,
        "The database file is damaged and cannot be read. It was left unchanged.",
    )
    return refusal(ctx.paths, error)


def _reopen_read_only(ctx: Context) -> bool:
    """Swap the command's database for a read-only one, if the file is ours and current."""
    from crm_desktop.storage.database import SCHEMA_VERSION, FileKind, inspect_file

    path = ctx.paths.database
    if not path.is_file():
        return False
    try:
        state = inspect_file(path)
    except Exception:
        return False
    if state.kind is not FileKind.OURS or state.schema_version != SCHEMA_VERSION:
        return False  # an upgrade would have to write: nothing to read safely
    from crm_desktop.storage.database import open_read_only

    ctx.close()
    db = open_read_only(path)
    try:
        with db.read_raw() as conn:
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except Exception:
        db.close()
        return False
    ctx._db = db
    return True


def _run_read_only(ctx: Context, args: argparse.Namespace) -> int:
    """Run the command again on the read-only database: reads work, a write gets one line."""
    from crm_desktop.storage.errors import write_refusal

    try:
        code: int = args.handler(ctx, args)
    except CliError as exc:
        print(f"crm-desktop: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        refusal = write_refusal(exc, ctx.paths.data_dir)
        if refusal is None:
            raise
        print(f"crm-desktop: {refusal}", file=sys.stderr)  # nothing was saved
        return 1
    print(
        "crm-desktop: the data folder is read-only, so the database was opened for reading only",
        file=sys.stderr,
    )
    return code


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # every file we create (database, backups, exports) is private
    parser = build_parser()
    args = parser.parse_args(_join_dashed_values(sys.argv[1:] if argv is None else argv))
    if args.command is None:
        debug = ["--debug"] if args.debug else []
        args = parser.parse_args(
            [*(["--data-dir", args.data_dir] if args.data_dir else []), *debug, "gui"]
        )
    ctx = Context(args.data_dir)
    from crm_desktop import logging_setup

    try:
        logging_setup.install(ctx.paths.log_dir, debug=args.debug)
    except OSError as exc:  # a full disk or read-only folder: go on without a log file
        from crm_desktop.storage.errors import write_refusal

        if write_refusal(exc, ctx.paths.log_dir) is None:
            raise
    if args.command != "gui":  # the window installs its own hooks, with the crash dialog
        logging_setup.install_excepthooks()
    try:
        code: int = args.handler(ctx, args)
        return code
    except CliError as exc:
        print(f"crm-desktop: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        from crm_desktop.storage.errors import is_corruption, is_read_only, write_refusal

        if not is_corruption(exc):
            refusal = write_refusal(exc, ctx.paths.data_dir)
            if refusal is None:
                raise
            if is_read_only(exc, ctx.paths.data_dir) and _reopen_read_only(ctx):
                return _run_read_only(ctx, args)
            print(f"crm-desktop: {refusal}", file=sys.stderr)  # nothing was saved
            return 1
        ctx.close()  # release the file before it is moved aside
        print(f"crm-desktop: {_damaged(ctx)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("crm-desktop: interrupted; nothing was half-saved", file=sys.stderr)
        return 130
    finally:
        ctx.close()
