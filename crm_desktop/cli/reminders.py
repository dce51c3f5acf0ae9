"""``reminders due``: what would fire at a moment or in a window, without claiming it.

Why read-only: the ledger is what makes each occurrence fire once; a
script that looks must never steal an occurrence from the running app.
"""

from __future__ import annotations

import argparse
from typing import Any

from crm_desktop.cli.common import Context, add_format, emit_json, emit_table, user_errors


def register(commands: Any) -> None:
    reminders = commands.add_parser("reminders", help="list due reminders")
    sub = reminders.add_subparsers(dest="reminders_command", metavar="ACTION", required=True)
    due = sub.add_parser(
        "due",
        help="list what would fire now (or at --at, or within --within), claiming nothing",
        description=(
            "List the reminders that would fire at that moment: occurrences not yet shown"
            " (looking back at most 30 days) and snoozed ones whose time came. Reminders"
            " already shown or dismissed are not listed. Nothing is marked as shown."
        ),
    )
    due.add_argument(
        "--at", metavar="ISO", help="the moment (default now); local time unless an offset"
    )
    due.add_argument(
        "--within", metavar="DURATION", help="also what falls due this long after it (2h, 7d)"
    )
    add_format(due)
    due.set_defaults(handler=run_due)


def run_due(ctx: Context, args: argparse.Namespace) -> int:
    from datetime import UTC, datetime, timedelta

    from crm_desktop.domain.dates import parse_datetime
    from crm_desktop.domain.durations import parse_duration
    from crm_desktop.services.reminders import ReminderService

    with user_errors():
        at = parse_datetime(args.at, tz=ctx.zone, field="At") if args.at else datetime.now(UTC)
        within = parse_duration(args.within, field="Within") if args.within else timedelta(0)
        found = ReminderService(ctx.db, timezone=ctx.zone).due(at, within=within)
    if args.format == "json":
        emit_json(
            {
                "at": at.astimezone(UTC),
                "within_seconds": int(within.total_seconds()),
                "reminders": found,
            }
        )
        return 0
    rows = [
        (
            r.due_at.astimezone(ctx.zone).strftime("%Y-%m-%d %H:%M"),
            r.kind,
            ("missed " if r.missed else "") + ("snoozed" if r.snoozed else ""),
            r.text,
        )
        for r in found
    ]
    emit_table(("DUE", "KIND", "STATE", "REMINDER"), rows)
    return 0
