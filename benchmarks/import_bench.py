"""Import benchmark: 100,000 Google-format contacts with full validation and duplicate matching.

Generates a Google Contacts CSV (names, organizations, e-mails, phones,
birthdays and labels from the demo vocabulary: Greek, Hungarian,
Portuguese, Romanian, Kazakh and English names) into a temporary file,
imports it into a fresh temporary database and prints rows/s, beside the
floor measured in the same run: the same rows written by raw
``executemany`` with the FTS index and no reading, checking or matching.
The goal (issue 7): 10,000 rows/s or more. ``--serial`` also times the
import without worker processes. Touches nothing outside its temp dir.

    .venv/bin/python -m benchmarks.import_bench [--rows N] [--serial]
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from crm_desktop.domain.text import fold
from crm_desktop.importing.importer import run_import
from crm_desktop.importing.sniff import sniff
from crm_desktop.importing.sources import csv_rows
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


def phone_groups(rng: random.Random, plan: vocab.PhonePlan) -> list[str]:
    """A random national number of ``plan``, split into its usual groups of digits."""
    lead = rng.choice(plan.pattern)
    rest = plan.length - len(lead) - 1
    nsn = f"{lead}{rng.randint(2, 9)}{rng.randrange(10**rest):0{rest}d}"
    groups, start = [], 0
    for size in plan.groups:
        groups.append(nsn[start : start + size])
        start += size
    return groups


def _phone(rng: random.Random, loc: vocab.Locale) -> str:
    return f"+{loc.calling_code} " + " ".join(phone_groups(rng, loc.phones[0]))


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


def _import(tmp: Path, path: Path, name: str, pool: bool | None) -> tuple[float, dict[str, int]]:
    """Read, check and save the whole file into a fresh database: (seconds, summary)."""
    db = open_database(tmp / f"{name}.sqlite3")
    try:
        started = time.perf_counter()
        sniffed = sniff(path.read_bytes())
        found = csv_rows(sniffed.text, sniffed.delimiter, "auto")
        assert found is not None
        source = found[1]
        result = run_import(db, source, phone_region="DE", pool=pool)
        seconds = time.perf_counter() - started
        again = run_import(db, source, phone_region="DE", dry_run=True)
        assert again.summary["created"] == 0, "a second import would create contacts"
    finally:
        db.close()
    return seconds, result.summary


_TABLES = (
    "organization",
    "tag",
    "contact",
    "contact_email",
    "contact_phone",
    "contact_address",
    "contact_tag",
)


def _floor(tmp: Path, source: str) -> float:
    """The same rows written by raw ``executemany`` into a fresh database, index and FTS
    included, with no reading, checking or matching: what an import cannot beat."""
    with sqlite3.connect(tmp / f"{source}.sqlite3") as src:
        data = {t: src.execute(f"SELECT * FROM {t}").fetchall() for t in _TABLES}
        fts = src.execute(
            "SELECT rowid, name, organization, email, phone, tags, notes FROM contact_fts"
        ).fetchall()
    open_database(tmp / "floor.sqlite3").close()
    conn = sqlite3.connect(tmp / "floor.sqlite3", isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous=FULL")
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for table, rows in data.items():
            if rows:
                marks = ",".join("?" * len(rows[0]))
                conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        conn.executemany(
            "INSERT INTO contact_fts(rowid, name, organization, email, phone,"
            " tags, notes) VALUES (?,?,?,?,?,?,?)",
            fts,
        )
        conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--serial", action="store_true", help="also time it without workers")
    args = parser.parse_args()
    n = args.rows
    with tempfile.TemporaryDirectory(prefix="crm-import-bench-") as tmp_name:
        tmp = Path(tmp_name)
        path = tmp / "google.csv"
        write_google_csv(path, n)
        seconds, summary = _import(tmp, path, "ours", None)
        print(f"{n:,} Google rows: {summary}")
        print(
            f"import (read, check, match, save): {seconds:6.2f} s = {n / seconds:7,.0f} rows/s"
            " (goal 10,000)"
        )
        if args.serial:
            serial, _ = _import(tmp, path, "serial", False)
            print(f"the same without worker processes: {serial:6.2f} s = {n / serial:7,.0f} rows/s")
        floor = _floor(tmp, "ours")
        print(
            f"floor: raw executemany of the same rows + FTS: {floor:6.2f} s"
            f" = {n / floor:7,.0f} rows/s; ours is {seconds / floor:.1f}x"
        )


if __name__ == "__main__":
    main()
