"""``contacts add|show|list`` and ``search``."""

from __future__ import annotations

import argparse
from typing import Any

from crm_desktop.cli.common import CliError, Context, add_format, emit_json, emit_table, user_errors


def register(commands: Any) -> None:
    search = commands.add_parser("search", help="find contacts by any part of their data")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=20)
    add_format(search)
    search.set_defaults(handler=run_search)

    contacts = commands.add_parser("contacts", help="add, show and list contacts")
    sub = contacts.add_subparsers(dest="contacts_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add a contact; prints its id")
    add.add_argument("--given", metavar="G")
    add.add_argument("--middle", metavar="M")
    add.add_argument("--family", metavar="F")
    add.add_argument("--display-name", metavar="NAME")
    add.add_argument("--email", action="append", default=[], metavar="E")
    add.add_argument("--phone", action="append", default=[], metavar="P")
    add.add_argument("--birthday", metavar="YYYY-MM-DD|--MM-DD")
    add.add_argument("--organization", metavar="O")
    add.add_argument("--job-title", metavar="T")
    add.add_argument("--tag", action="append", default=[], metavar="T")
    add.add_argument("--status", metavar="S", help="lead, prospect, customer, loyal, inactive")
    add.add_argument("--notes")
    add_format(add)
    add.set_defaults(handler=run_add)

    show = sub.add_parser("show", help="everything about one contact")
    show.add_argument("id", type=int)
    add_format(show)
    show.set_defaults(handler=run_show)

    erase = sub.add_parser(
        "erase", help="delete a person for good, leaving no trace in the database file"
    )
    erase.add_argument("ids", type=int, nargs="+", metavar="ID")
    erase.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    add_format(erase)
    erase.set_defaults(handler=run_erase)

    export = sub.add_parser(
        "export-person", help="everything stored about one person, as JSON and CSV files"
    )
    export.add_argument("id", type=int, metavar="ID")
    export.add_argument("-o", "--output", required=True, metavar="DIR")
    add_format(export)
    export.set_defaults(handler=run_export_person)

    listing = sub.add_parser("list", help="list contacts by name")
    listing.add_argument("--tag", metavar="T")
    listing.add_argument("--limit", type=int, default=100)
    listing.add_argument("--trashed", action="store_true", help="list the trash instead")
    add_format(listing)
    listing.set_defaults(handler=run_list)


def _service(ctx: Context) -> Any:
    from crm_desktop.services.contacts import ContactService

    return ContactService(ctx.db, phone_region=ctx.phone_region)


def _print_rows(rows: list[Any], fmt: str) -> None:
    if fmt == "json":
        emit_json(rows)
        return
    emit_table(
        ["ID", "NAME", "ORGANIZATION", "E-MAIL", "PHONE", "TAGS"],
        [(r.id, r.display_name, r.organization, r.email, r.phone, ", ".join(r.tags)) for r in rows],
    )


def run_search(ctx: Context, args: argparse.Namespace) -> int:
    _print_rows(_service(ctx).search(args.query, limit=args.limit), args.format)
    return 0


def run_add(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.domain.dates import parse_partial_date
    from crm_desktop.services.dto import ContactInput, LabeledValue

    with user_errors():
        birthday = parse_partial_date(args.birthday, field="Birthday") if args.birthday else None
        saved = _service(ctx).create(
            ContactInput(
                given_name=args.given,
                middle_name=args.middle,
                family_name=args.family,
                display_name=args.display_name,
                organization=args.organization,
                job_title=args.job_title,
                emails=tuple(LabeledValue(e) for e in args.email),
                phones=tuple(LabeledValue(p) for p in args.phone),
                birthday=birthday,
                tags=tuple(args.tag),
                status=args.status,
                notes=args.notes,
            )
        )
    if args.format == "json":
        emit_json({"id": saved.id})
    else:
        print(saved.id)
    return 0


def run_show(ctx: Context, args: argparse.Namespace) -> int:
    with user_errors():
        detail = _service(ctx).get(args.id)
    if args.format == "json":
        emit_json(detail)
        return 0
    lines = [
        ("Name", detail.display_name),
        ("Organization", detail.organization),
        ("Job title", detail.job_title),
        ("Status", detail.status),
        ("E-mail", ", ".join(e.address for e in detail.emails)),
        ("Phone", ", ".join(p.raw for p in detail.phones)),
        ("Birthday", detail.birthday.iso() if detail.birthday else None),
        ("Tags", ", ".join(detail.tags)),
        ("Lead source", detail.lead_source),
        (
            "Last contacted",
            detail.last_contacted_at.isoformat() if detail.last_contacted_at else None,
        ),
        ("Notes", detail.notes),
        ("In trash", "yes" if detail.trashed_at else None),
    ]
    for label, value in lines:
        if value:
            print(f"{label + ':':<16}{value}")
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.services.contacts import ContactQuery
    from crm_desktop.services.vocabulary import VocabularyService

    tag_id = None
    if args.tag:
        from crm_desktop.domain.text import fold

        matches = [t.id for t in VocabularyService(ctx.db).tags() if fold(t.name) == fold(args.tag)]
        if not matches:
            raise CliError(f"there is no tag named {args.tag!r}")
        tag_id = matches[0]
    page = _service(ctx).page(ContactQuery(tag_id=tag_id, trashed=args.trashed), limit=args.limit)
    _print_rows(list(page.rows), args.format)
    return 0


def run_erase(ctx: Context, args: argparse.Namespace) -> int:
    if not args.yes:
        raise CliError("erasing cannot be undone; add --yes to confirm")
    service = _service(ctx)
    with user_errors():
        for contact_id in args.ids:
            service.get(contact_id)  # every id must exist before anything is erased
    service.erase(args.ids)
    if args.format == "json":
        emit_json({"erased": sorted(set(args.ids))})
    else:
        print(f"Erased {len(set(args.ids))} contact(s); the ids are kept in the erasure ledger.")
    return 0


def run_export_person(ctx: Context, args: argparse.Namespace) -> int:
    from pathlib import Path

    from crm_desktop.services.privacy import PrivacyService

    with user_errors():
        written = PrivacyService(ctx.db).export_person(args.id, Path(args.output))
    if args.format == "json":
        emit_json({"files": [str(p) for p in written]})
    else:
        for path in written:
            print(path)
    return 0
