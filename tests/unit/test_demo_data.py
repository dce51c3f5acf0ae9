"""The demo-data generator: counts, determinism, realism, index consistency, all-or-nothing."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import phonenumbers
import pytest

from crm_desktop.domain.contact_points import parse_phone, validate_email
from crm_desktop.domain.text import fold
from crm_desktop.services import demo_vocab as vocab
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.demo_activity import interaction_counts
from crm_desktop.services.demo_data import DemoCancelled, DemoSummary, generate_demo
from crm_desktop.services.dto import ContactInput
from crm_desktop.storage import search_index
from crm_desktop.storage.database import Database, open_database

TODAY = date(2026, 11, 23)
CONTACTS, INTERACTIONS = 300, 3000
STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")


def _make(path: Path, seed: int = 1) -> tuple[Database, DemoSummary]:
    db = open_database(path)
    summary = generate_demo(
        db, contacts=CONTACTS, interactions=INTERACTIONS, seed=seed, today=TODAY
    )
    return db, summary


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    db, summary = _make(tmp_path_factory.mktemp("demo") / "crm.sqlite3")
    yield db, summary
    db.close()


def _all(db: Database, sql: str) -> list[Any]:
    with db.read() as session:
        return list(session.connection().exec_driver_sql(sql).fetchall())


def _one(db: Database, sql: str) -> Any:
    return _all(db, sql)[0][0]


def test_counts_match_the_summary(demo: tuple[Database, DemoSummary]) -> None:
    db, s = demo
    assert s.contacts == _one(db, "SELECT count(*) FROM contact") == CONTACTS
    assert s.interactions == _one(db, "SELECT count(*) FROM interaction") == INTERACTIONS
    assert s.interaction_links == _one(db, "SELECT count(*) FROM interaction_contact")
    assert s.interaction_links >= INTERACTIONS
    assert _one(db, "SELECT count(*) FROM contact_fts") == CONTACTS
    assert _one(db, "SELECT count(*) FROM interaction_fts") == INTERACTIONS
    for table, count in (
        ("organization", s.organizations),
        ("event", s.events),
        ("task", s.tasks),
        ("deal", s.deals),
        ("purchase", s.purchases),
    ):
        assert count > 0
        assert _one(db, f"SELECT count(*) FROM {table}") == count
    busiest = _one(
        db,
        "SELECT contact_id FROM interaction_contact GROUP BY contact_id"
        " ORDER BY count(*) DESC, contact_id LIMIT 1",
    )
    assert busiest == s.busiest_contact_id


def test_database_is_consistent(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    assert _all(db, "PRAGMA foreign_key_check") == []
    assert _all(db, "PRAGMA integrity_check") == [("ok",)]
    for sql in (
        "SELECT occurred_at FROM interaction",
        "SELECT created_at FROM contact",
        "SELECT last_contacted_at FROM contact WHERE last_contacted_at IS NOT NULL",
        "SELECT starts_at FROM event",
        "SELECT recorded_at FROM consent",
    ):
        values = [r[0] for r in _all(db, sql)]
        assert values
        assert all(STAMP.match(v) for v in values), sql
    # Every event reminds 15 minutes before; deals use the configured stages.
    no_reminder = (
        "SELECT count(*) FROM event e WHERE NOT EXISTS (SELECT 1 FROM event_reminder r"
        " WHERE r.event_id = e.id AND r.minutes_before = 15)"
    )
    assert _one(db, no_reminder) == 0
    assert {r[0] for r in _all(db, "SELECT DISTINCT status FROM deal")} == {"open", "won", "lost"}
    assert _one(db, "SELECT count(*) FROM task WHERE done = 0 AND due_date < '2026-11-23'") > 0


def test_same_seed_gives_same_data(tmp_path: Path, demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    again, summary_again = _make(tmp_path / "again.sqlite3")
    other, _ = _make(tmp_path / "other.sqlite3", seed=2)
    try:
        sql = "SELECT display_name, last_contacted_at FROM contact ORDER BY id"
        assert _all(db, sql) == _all(again, sql)
        assert summary == summary_again
        assert _all(db, sql) != _all(other, sql)
    finally:
        again.close()
        other.close()


def test_all_six_languages_are_present(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    names = _all(db, "SELECT given_name, family_name FROM contact")
    for code in ("el", "hu", "pt", "ro", "kk", "en"):
        locales = [loc for loc, _ in vocab.LOCALES if loc.code == code]
        given = {g for loc in locales for g in (*loc.given_m, *loc.given_f)}
        family = {
            vocab.gendered(f, female) for loc in locales for f in loc.family for female in (0, 1)
        }
        assert any(g in given and f in family for g, f in names), code
    assert any(re.search("[ăâîșț]", f"{g} {f}") for g, f in names)  # Romanian letters
    assert any(re.search("[әғқңөұүһі]", f"{g} {f}") for g, f in names)  # Kazakh letters


def test_birthdays_and_dates(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    assert _one(db, "SELECT count(*) FROM contact WHERE birthday_month = 2 AND birthday_day = 29")
    yearless = _one(
        db,
        "SELECT count(*) FROM contact WHERE birthday_month IS NOT NULL AND birthday_year IS NULL",
    )
    missing = _one(db, "SELECT count(*) FROM contact WHERE birthday_month IS NULL")
    assert 0.08 * CONTACTS < yearless < 0.3 * CONTACTS
    assert 0.07 * CONTACTS < missing < 0.25 * CONTACTS
    assert len({r[0] for r in _all(db, "SELECT birthday_month FROM contact")} - {None}) == 12
    leap = _all(
        db, "SELECT birthday_year FROM contact WHERE birthday_month = 2 AND birthday_day = 29"
    )
    assert all(y is None or y % 4 == 0 for (y,) in leap)
    assert _one(db, "SELECT count(*) FROM contact_date") > 0


def test_last_contacted_matches_interactions(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    wrong = _one(
        db,
        "SELECT count(*) FROM contact c WHERE c.last_contacted_at IS NOT"
        " (SELECT max(occurred_at) FROM interaction_contact ic WHERE ic.contact_id = c.id)",
    )
    assert wrong == 0
    mismatched = _one(
        db,
        "SELECT count(*) FROM interaction_contact ic JOIN interaction i"
        " ON i.id = ic.interaction_id WHERE ic.occurred_at != i.occurred_at",
    )
    assert mismatched == 0
    assert _one(db, "SELECT max(occurred_at) FROM interaction") < "2026-11-23"
    assert _one(db, "SELECT min(occurred_at) FROM interaction") > "2023-11-23"
    later = (
        "SELECT count(*) FROM contact WHERE created_at > coalesce(last_contacted_at, created_at)"
    )
    assert _one(db, later) == 0


def test_search_index_matches_what_search_index_would_build(
    demo: tuple[Database, DemoSummary], tmp_path: Path
) -> None:
    db, _ = _make(tmp_path / "reindexed.sqlite3")
    try:
        sql = "SELECT rowid, name, organization, email, phone, tags, notes FROM contact_fts"

        def documents() -> dict[int, list[list[str]]]:
            return {r[0]: [sorted(str(c).split()) for c in r[1:]] for r in _all(db, sql)}

        ours = documents()
        with db.write() as session:
            search_index.reindex_contacts(session.connection(), list(ours))
        assert documents() == ours
    finally:
        db.close()


def test_folded_search_finds_greek_kazakh_and_portuguese_names(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, _ = demo
    service = ContactService(db)
    rows = _all(db, "SELECT id, given_name, family_name FROM contact ORDER BY id")
    for pattern in ("[α-ωά-ώ]", "[әғқңөұүһі]", "[ãõçâêôáéíóú]"):
        cid, given, family = next(r for r in rows if re.search(pattern, fold(r[1]) + r[1]))
        query = fold(given)[:4]  # folded and partial: "ελεν" finds "Ελένη"
        assert query != given[:4] or not re.search("[^a-z]", query)
        found = [r.id for r in service.search(f"{query} {fold(family)}", limit=500)]
        assert cid in found, (given, family)


def test_phones_and_emails_are_valid(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    phones = _all(db, "SELECT raw, e164 FROM contact_phone")
    for code in ("+30", "+36", "+351", "+40", "+77", "+44", "+1"):
        assert any(e164.startswith(code) for _, e164 in phones), code
    assert any(not raw.startswith(("+", "00")) for raw, _ in phones)  # some typed nationally
    for raw, e164 in phones:
        # Typed nationally: parsed in the number's country; "00..." as dialled from Europe.
        region = phonenumbers.region_code_for_number(phonenumbers.parse(e164))
        region = None if raw.startswith("00") else region
        assert parse_phone(raw, default_region=region).e164 == e164, raw
    emails = _all(db, "SELECT address FROM contact_email")
    assert all(validate_email(a).address == a for (a,) in emails)
    two = (
        "SELECT count(*) FROM (SELECT 1 FROM contact_email GROUP BY contact_id HAVING count(*) > 1)"
    )
    assert _one(db, two) > 0


def test_interaction_counts_are_skewed_enough_for_the_benchmark() -> None:
    counts = interaction_counts(random.Random(1), 100_000, 1_000_000)
    assert sum(counts) == 1_000_000
    assert counts[0] >= 10_000
    assert sorted(counts)[50_000] < 20  # most contacts have a handful


def test_cancel_rolls_everything_back(tmp_path: Path) -> None:
    db = open_database(tmp_path / "crm.sqlite3")
    calls: list[str] = []

    def cancel() -> bool:
        calls.append("asked")
        return len(calls) > 3

    try:
        with pytest.raises(DemoCancelled):
            generate_demo(
                db, contacts=CONTACTS, interactions=INTERACTIONS, today=TODAY, should_cancel=cancel
            )
        for table in ("contact", "organization", "interaction", "tag", "contact_fts"):
            assert _one(db, f"SELECT count(*) FROM {table}") == 0, table
    finally:
        db.close()


def test_refuses_a_database_with_contacts(tmp_path: Path) -> None:
    db = open_database(tmp_path / "crm.sqlite3")
    try:
        ContactService(db).create(ContactInput(given_name="Anna", family_name="Kovács"))
        with pytest.raises(ValueError, match="empty database"):
            generate_demo(db, contacts=10, interactions=10, today=TODAY)
        assert _one(db, "SELECT count(*) FROM contact") == 1
        assert _one(db, "SELECT count(*) FROM interaction") == 0
    finally:
        db.close()


def test_progress_is_reported(tmp_path: Path) -> None:
    db = open_database(tmp_path / "crm.sqlite3")
    seen: list[tuple[str, int, int]] = []
    try:
        generate_demo(
            db,
            contacts=50,
            interactions=100,
            today=TODAY,
            progress=lambda stage, done, total: seen.append((stage, done, total)),
        )
    finally:
        db.close()
    stages = {stage for stage, _, _ in seen}
    assert {"contacts", "interactions"} <= stages
    assert ("interactions", 100, 100) in seen


def test_every_birthday_is_a_real_date_at_scale(tmp_path: Path) -> None:
    """29 February drawn from the calendar (1 day in 366) must get a leap year too."""
    db = open_database(tmp_path / "crm.sqlite3")
    try:
        generate_demo(db, contacts=6000, interactions=0, seed=7)
        rows = _all(
            db,
            "SELECT birthday_year FROM contact WHERE birthday_month = 2 AND birthday_day = 29",
        )
        assert len(rows) > 5
        assert all(y is None or (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) for (y,) in rows)
        assert len(ContactService(db).rows(ContactService(db).ids())) == 6000  # all decode
    finally:
        db.close()


def test_deals_come_with_their_history(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    deals = _one(db, "SELECT count(*) FROM deal")
    closed = _one(db, "SELECT count(*) FROM deal WHERE status IN ('won', 'lost')")
    assert deals and closed
    assert _one(db, "SELECT count(*) FROM deal_change WHERE kind = 'created'") == deals
    assert _one(db, "SELECT count(*) FROM deal_change WHERE kind IN ('won', 'lost')") == closed
