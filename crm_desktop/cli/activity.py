"""``log`` an interaction and ``meeting add``."""

from __future__ import annotations

import argparse
from typing import Any

from crm_desktop.cli.common import Context, add_format, emit_json, user_errors


def register(commands: Any) -> None:
    log = commands.add_parser("log", help="log a call, meeting, e-mail... with a contact")
    log.add_argument("contact_id", type=int, metavar="CONTACT_ID")
    log.add_argument("--kind", required=True, help="call, meeting, email, message, visit, note...")
    log.add_argument("--outcome", help="successful, unsuccessful, no_answer, follow_up_needed...")
    log.add_argument("--direction", choices=("inbound", "outbound"))
    log.add_argument("--at", metavar="ISO", help="when (default now); local time unless an offset")
    log.add_argument("--duration", metavar="30m")
    log.add_argument("--subject")
    log.add_argument("--notes", metavar="TEXT")
    add_format(log)
    log.set_defaults(handler=run_log)

    meeting = commands.add_parser("meeting", help="plan meetings")
    sub = meeting.add_subparsers(dest="meeting_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="plan a meeting with a contact; prints its id")
    add.add_argument("contact_id", type=int, metavar="CONTACT_ID")
    add.add_argument("--start", required=True, metavar="ISO", help="local time unless an offset")
    add.add_argument("--duration", default="30m", metavar="30m")
    add.add_argument(
        "--remind",
        action="append",
        metavar="15m",
        help="a reminder this long before the start (repeatable; default 15m)",
    )
    add.add_argument("--title")
    add.add_argument("--location")
    add.add_argument("--kind", choices=("meeting", "call", "follow_up"), default="meeting")
    add_format(add)
    add.set_defaults(handler=run_meeting_add)


def _print_id(new_id: int, fmt: str) -> None:
    if fmt == "json":
        emit_json({"id": new_id})
    else:
        print(new_id)


def run_log(ctx: Context, args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from crm_desktop.domain.dates import parse_datetime
    from crm_desktop.domain.durations import parse_duration
    from crm_desktop.services.dto import InteractionInput
    from crm_desktop.services.interactions import InteractionService

    with user_errors():
        when = parse_datetime(args.at, tz=ctx.zone, field="At") if args.at else datetime.now(UTC)
        minutes = None
        if args.duration:
            minutes = int(parse_duration(args.duration).total_seconds() // 60)
        saved = InteractionService(ctx.db).log(
            InteractionInput(
                contact_ids=(args.contact_id,),
                kind=args.kind,
                occurred_at=when,
                direction=args.direction,
                duration_minutes=minutes,
                subject=args.subject,
                notes=args.notes,
                outcome=args.outcome,
            )
        )
    _print_id(saved.id, args.format)
    return 0


def run_meeting_add(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.domain.dates import parse_datetime
    from crm_desktop.domain.durations import parse_duration
    from crm_desktop.services.contacts import ContactService
    from crm_desktop.services.dto import EventInput
    from crm_desktop.services.events import EventService

    with user_errors():
        start = parse_datetime(args.start, tz=ctx.zone, field="Start")
        duration = parse_duration(args.duration)
        reminders = tuple(
            int(parse_duration(r, field="Remind").total_seconds() // 60)
            for r in (args.remind or ["15m"])
        )
        title = (
            args.title or f"Meeting with {ContactService(ctx.db).get(args.contact_id).display_name}"
        )
        saved = EventService(ctx.db).create(
            EventInput(
                title=title,
                start=start,
                end=start + duration,
                timezone=ctx.zone.key,
                kind=args.kind,
                location=args.location,
                contact_ids=(args.contact_id,),
                reminder_minutes=reminders,
            )
        )
    _print_id(saved.id, args.format)
    return 0
