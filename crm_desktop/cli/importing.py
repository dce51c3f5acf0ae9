"""``import FILE``: contacts from Google, Outlook, our own ``contacts`` report or any CSV.

``--format`` takes the file's format (auto, google, outlook, contacts, csv,
vcard) and, as everywhere else, the output format (text, json); give it twice
for both (``--format google --format json``). Exit codes: 0 when every row
was imported (or, with ``--dry-run``, would be), 1 when some rows had errors
(the others are still imported) or the file cannot be read, 2 bad usage.
A progress line is shown while stdout is a terminal (:mod:`.progress`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from crm_desktop.cli.common import CliError, Context, emit_json
from crm_desktop.cli.progress import ProgressLine

FILE_FORMATS = ("auto", "google", "outlook", "contacts", "csv", "vcard")
OUTPUT_FORMATS = ("text", "json")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "import",
        help="import contacts from a CSV file (Google, Outlook, our contacts report, any CSV)",
        description="Import contacts. Everything is saved in one go or not at all; rows with"
        " errors are reported (row number and field) and skipped. Duplicates (same e-mail,"
        " phone, or name and organization) are skipped by default, so importing a file twice"
        " creates nothing new.",
    )
    parser.add_argument("file", metavar="FILE", help="the file to import")
    parser.add_argument(
        "--format",
        action="append",
        choices=(*FILE_FORMATS, *OUTPUT_FORMATS),
        default=[],
        metavar="FORMAT",
        help="the file's format: auto (default), google, outlook, contacts (our report), csv"
        " or vcard; and/or the output: text (default) or json. May be given twice.",
    )
    parser.add_argument("--encoding", metavar="E", help="the file's encoding (default: detected)")
    parser.add_argument(
        "--delimiter", choices=(",", ";", "tab"), help="the field separator (default: detected)"
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=field",
        help="read COLUMN as a contact field (given_name, family_name, email, phone, birthday,"
        " tags, organization, lead_source, notes, ...; 'ignore' skips it). Only the named"
        " columns change: the others keep the detected format's handling (Google, Outlook).",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would happen, row by row; save nothing"
    )
    parser.add_argument(
        "--on-duplicate",
        choices=("skip", "merge", "create"),
        default="skip",
        help="skip (default), merge (fill empty fields, add new e-mails, phones and tags)"
        " or create anyway",
    )
    parser.set_defaults(handler=run_import_command)


def _formats(values: list[str]) -> tuple[str, str]:
    files = [v for v in values if v in FILE_FORMATS]
    outputs = [v for v in values if v in OUTPUT_FORMATS]
    if len(files) > 1 or len(outputs) > 1:
        raise CliError("give --format at most once for the file and once for the output")
    return (files[0] if files else "auto"), (outputs[0] if outputs else "text")


def run_import_command(ctx: Context, args: argparse.Namespace) -> int:
    from crm_desktop.importing import csv_sources
    from crm_desktop.importing.importer import CsvRows, ImportResult, run_import
    from crm_desktop.importing.sniff import sniff
    from crm_desktop.importing.sources import csv_rows, vcard_records
    from crm_desktop.reports.writer import DELIMITERS

    file_format, output = _formats(args.format)
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(f"could not read {path}: {exc.strerror or exc}") from exc
    try:
        mapping = csv_sources.parse_map(args.map)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    info: dict[str, Any] = {"file": str(path)}
    records: CsvRows | list[Any]
    if file_format == "vcard":
        records = vcard_records(data)
        info["format"] = "vcard"
    else:
        delimiter = DELIMITERS[args.delimiter] if args.delimiter else None
        try:
            sniffed = sniff(data, encoding=args.encoding, delimiter=delimiter)
        except LookupError as exc:
            raise CliError(f"unknown encoding {args.encoding!r}") from exc
        except UnicodeDecodeError as exc:
            raise CliError(
                f"the file is not valid {args.encoding} text; try another --encoding"
            ) from exc
        try:
            found = csv_rows(sniffed.text, sniffed.delimiter, file_format, mapping)
        except csv_sources.UnknownFormatError as exc:
            raise CliError(str(exc)) from exc
        if found is None:
            raise CliError(f"{path} is empty")
        header, records = found
        for item in args.map:
            name = item.rpartition("=")[0].strip()
            if not csv_sources.columns_named(header, {name: "ignore"}):
                raise CliError(f"--map: the file has no column {name!r}")
        info.update(
            format=records.layout.source,
            encoding=sniffed.encoding,
            delimiter="tab" if sniffed.delimiter == "\t" else sniffed.delimiter,
        )
    with ProgressLine() as line:

        def progress(stage: str, done: int, total: int) -> None:
            line.show(f"import: {stage} {done:,} / {total:,} rows", force=done == total)

        result: ImportResult = run_import(
            ctx.db,
            records,
            on_duplicate=args.on_duplicate,
            dry_run=args.dry_run,
            phone_region=ctx.phone_region,
            progress=progress if line.enabled else None,
        )
    summary = result.summary
    if output == "json":
        emit_json(
            {
                **info,
                "dry_run": result.dry_run,
                "summary": summary,
                "seconds": round(result.seconds, 3),
                "rows": [
                    {k: v for k, v in _plain(o).items() if v is not None} for o in result.outcomes
                ],
            }
        )
    else:
        print(
            f"{info['file']}: {info['format']}"
            + (
                f", {info['encoding']}, delimiter {info['delimiter']!r}"
                if "encoding" in info
                else ""
            )
        )
        for o in result.outcomes:
            if args.dry_run or o.action == "error":
                print(f"row {o.row}: {_describe(o)}")
        verb = "would be" if args.dry_run else "were"
        print(
            f"{summary['rows']:,} rows: {summary['created']:,} {verb} created,"
            f" {summary['merged']:,} merged, {summary['duplicates']:,} duplicates skipped,"
            f" {summary['errors']:,} with errors"
            + ("" if args.dry_run else f" ({result.seconds:.1f} s)")
        )
    return 1 if summary["errors"] else 0


def _plain(o: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(o)


def _describe(o: Any) -> str:
    if o.action == "error":
        return f"error: {o.field}: {o.message}"
    target = f"row {o.duplicate_of_row}" if o.duplicate_of_row else f"#{o.contact_id}"
    if o.action == "duplicate":
        return f"duplicate of {target}"
    if o.action == "merged":
        return f"merged into {target}"
    return "created" if o.contact_id is None else f"created #{o.contact_id}"
