"""Import benchmark: 100,000 Google-format contacts with full validation and duplicate matching.

Generates a Google Contacts CSV (names, organizations, e-mails, phones,
birthdays and labels from the demo vocabulary: Greek, Hungarian,
Portuguese, Romanian, Kazakh and English names) into a temporary file,
imports it into a fresh temporary database and prints rows/s. The goal
(issue 7): 10,000 rows/s or more. Touches nothing outside its temp dir.

    .venv/bin/python -m benchmarks.import_bench [--rows N]
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

from crm_desktop.domain.text import fold
from crm_desktop.importing import csv_sources
from crm_desktop.importing.importer import CsvRows, run_import
from crm_desktop.importing.sniff import read_rows, sniff
from crm_desktop.services import demo_vocab as vocab
from crm_desktop.services.demo_data import ascii_name
from crm_desktop.storage.database import open_database

HEADER = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Nickname",
    "Organization Name",
    "Organization Title",
    "Birthday",
    "Notes",
    "Labels",
    "E-mail 1 - Label",
    "E-mail 1 - Value",
    "E-mail 2 - Label",
    "E-mail 2 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
    "Address 1 - Label",
    "Address 1 - Street",
    "Address 1 - City",
    "Address 1 - Postal Code",
    "Address 1 - Country",
]


def _phone(rng: random.Random, loc: vocab.Locale) -> str:
    plan = loc.phones[0]
    lead = rng.choice(plan.pattern)
    rest = plan.length - len(lead) - 1
    nsn = f"{lead}{rng.randint(2, 9)}{rng.randrange(10**rest):0{rest}d}"
    groups, start = [], 0
    for size in plan.groups:
        groups.append(nsn[start : start + size])
        start += size
    return f"+{loc.calling_code} " + " ".join(groups)


def write_google_csv(path: Path, rows: int, seed: int = 7, repeats: float = 0.01) -> None:
    """Realistic, mostly distinct people; ``repeats`` of the rows list an earlier person again.

    A name is given x middle initial (half of the people) x family name, and
    70% have an organization, so name + organization rarely collides by
    chance; the repeats (same e-mail or phone, other spelling of the name)
    are the duplicates an import should find (~1%).
    """
    rng = random.Random(seed)
    locales = [loc for loc, _ in vocab.LOCALES]
    weights = [w for _, w in vocab.LOCALES]
    written: list[list[str]] = []
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for i in range(rows):
            if written and rng.random() < repeats:
                again = list(rng.choice(written))
                again[0] = again[0].upper()  # a different spelling, same e-mail and phone
                again[10] = again[10].upper()
                out.writerow(again)
                continue
            loc = rng.choices(locales, weights)[0]
            female = rng.random() < 0.5
            given = rng.choice(loc.given_f if female else loc.given_m)
            middle = rng.choice("ABCDEFGHIJKLMNOPRSTVZ") + "." if rng.random() < 0.5 else ""
            family = vocab.gendered(rng.choice(loc.family), female)
            org = (
                f"{rng.choice(loc.org_roots)} {rng.choice(loc.org_forms)}"
                if rng.random() < 0.7
                else ""
            )
            local = f"{ascii_name(fold(given))}.{ascii_name(fold(family))}{i}"
            email = f"{local}@{rng.choice(loc.mail_domains)}" if rng.random() < 0.92 else ""
            second = f"{local}@work.example.com" if email and rng.random() < 0.15 else ""
            phones = _phone(rng, loc) if rng.random() < 0.9 else ""
            if phones and rng.random() < 0.2:
                phones += " ::: " + _phone(rng, loc)
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            birthday = (
                ""
                if rng.random() < 0.3
                else f"--{month:02d}-{day:02d}"
                if rng.random() < 0.3
                else f"{rng.randint(1950, 2000)}-{month:02d}-{day:02d}"
            )
            labels = " ::: ".join(
                [
                    "* myContacts",
                    *rng.sample(("Friends", "Clients", "VIP", "Family"), rng.randint(0, 2)),
                ]
            )
            address = rng.random() < 0.3
            row = [
                given,
                middle,
                family,
                "",
                org,
                rng.choice(loc.titles) if org else "",
                birthday,
                "Met at the fair." if rng.random() < 0.1 else "",
                labels,
                "* Home" if email else "",
                email,
                "Work" if second else "",
                second,
                "Mobile" if phones else "",
                phones,
                "Home" if address else "",
                f"{rng.choice(loc.streets)} {rng.randint(1, 99)}" if address else "",
                rng.choice(loc.cities) if address else "",
                f"{rng.randint(10000, 99999)}" if address else "",
                loc.country_name if address else "",
            ]
            written.append(row)
            out.writerow(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crm-import-bench-") as tmp:
        path = Path(tmp) / "google.csv"
        write_google_csv(path, args.rows)
        db = open_database(Path(tmp) / "crm.sqlite3")
        try:
            started = time.perf_counter()
            sniffed = sniff(path.read_bytes())
            rows = read_rows(sniffed.text, sniffed.delimiter)
            layout = csv_sources.layout_for(next(rows), "auto")
            records = CsvRows(layout, list(rows))
            parsed = time.perf_counter()
            result = run_import(db, records, phone_region="DE")
            done = time.perf_counter()
            again = run_import(db, records, phone_region="DE", dry_run=True)
        finally:
            db.close()
    total = done - started
    print(f"format {layout.source}, {sniffed.encoding}, {args.rows:,} rows: {result.summary}")
    print(f"read + map   {parsed - started:6.2f} s")
    print(f"check + save {done - parsed:6.2f} s")
    print(f"total        {total:6.2f} s  = {args.rows / total:,.0f} rows/s (goal 10,000)")
    print(f"re-import dry run: {again.summary['created']} would be created")


if __name__ == "__main__":
    main()
