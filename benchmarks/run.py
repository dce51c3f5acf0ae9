"""``python -m benchmarks.run``: the data core at scale, ours beside raw sqlite3.

Each operation runs through our services (SQLAlchemy session, validation,
DTO decoding) and, for comparison, as the same SQL on a bare ``sqlite3``
connection. The ratio is the cost of our layers; the goals come from the
foundation issue (p95 under 5 ms, within 3x of raw).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from benchmarks.dataset import ensure_dataset
from benchmarks.timing import Row, measure, print_table
from crm_desktop.domain.text import fold
from crm_desktop.services import contact_queries as q
from crm_desktop.services.contacts import ContactQuery, ContactService, ContactSort
from crm_desktop.services.events import EventService
from crm_desktop.services.interactions import _TIMELINE, InteractionService
from crm_desktop.storage.database import open_database

GOAL_MS = 5.0
MAX_RATIO = 3.0


def sample_queries(raw: sqlite3.Connection, count: int, seed: int) -> list[str]:
    """What people type: name prefixes (unaccented, as typed in a hurry), full names, digits."""
    rng = random.Random(seed)
    rows = raw.execute(
        "SELECT c.given_name, c.family_name, (SELECT p.raw FROM contact_phone p"
        " WHERE p.contact_id = c.id LIMIT 1) FROM contact c WHERE c.id IN"
        " (SELECT id FROM contact ORDER BY random() LIMIT ?)",
        (count,),
    ).fetchall()
    queries: list[str] = []
    for i, (given, family, phone) in enumerate(rows):
        given, family = fold(given or "x"), fold(family or "x")
        shape = i % 5
        if shape == 0:
            queries.append(family[: rng.randint(3, 5)])
        elif shape == 1:
            queries.append(given)
        elif shape == 2:
            queries.append(f"{given} {family[:2]}")
        elif shape == 3 and phone:
            digits = "".join(ch for ch in phone if ch.isdigit())
            queries.append(f"{digits[-7:-4]} {digits[-4:-2]}")
        else:
            queries.append(given[:3])
    return queries


def _raw_rows(raw: sqlite3.Connection, ids: list[int]) -> list[tuple[object, ...]]:
    return raw.execute(q.rows_by_ids_sql(ids)).fetchall() if ids else []


def run(contacts: int, interactions: int, seed: int, rebuild: bool) -> list[Row]:
    path = ensure_dataset(contacts, interactions, seed, rebuild=rebuild)
    db = open_database(path)
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA cache_size=-32000")
    now = datetime.now(UTC)
    today = now.astimezone().date()
    contacts_svc = ContactService(db)
    timeline_svc = InteractionService(db)
    rows: list[Row] = []

    def add(
        name: str,
        ours: list[Callable[[], object]],
        bare: list[Callable[[], object]] | None,
        rounds: int = 5,
        goal: bool = True,
    ) -> None:
        rows.append(
            Row(
                name,
                measure(ours, rounds=rounds),
                measure(bare, rounds=rounds) if bare else None,
                GOAL_MS if goal else None,
                MAX_RATIO if goal and bare else None,
            )
        )

    # Search: the best tiers of matches, trashed dropped, then the rows of the first 50.
    queries = sample_queries(raw, 50, seed)

    def raw_search(text: str) -> Callable[[], object]:
        return lambda: _raw_rows(raw, q.search_ids(raw, text, 50))

    add(
        f"search, top 50 ({len(queries)} typed queries)",
        [lambda t=t: contacts_svc.search(t) for t in queries],
        [raw_search(t) for t in queries],
    )
    hits = [len(contacts_svc.search(t)) for t in queries]
    print(f"search queries: {len(queries)}, with hits: {sum(1 for h in hits if h)}")

    def raw_page(query: ContactQuery, offset: int) -> Callable[[], object]:
        statements, params = q.id_queries(query, today=today, now=now)
        return lambda: _raw_rows(
            raw, q.fetch_id_page(raw, statements, params, offset=offset, limit=101)[:100]
        )

    # Contact list pages, sorted in SQL: ids first, then the rows of the page.
    for sort, descending in (
        (ContactSort.NAME, False),
        (ContactSort.LAST_CONTACTED, True),
        (ContactSort.ORGANIZATION, False),
        (ContactSort.STATUS, True),
    ):
        query = ContactQuery(sort=sort, descending=descending)
        add(
            f"list first page (100), by {sort.value}{' desc' if descending else ''}",
            [lambda query=query: contacts_svc.page(query, limit=100)],
            [raw_page(query, 0)],
            rounds=30,
        )
    add(
        "list page at row 50,000, by name",
        [lambda: contacts_svc.page(ContactQuery(), offset=50_000, limit=100)],
        [raw_page(ContactQuery(), 50_000)],
        rounds=20,
        goal=False,
    )
    filtered = ContactQuery(text="an", sort=ContactSort.NAME)
    add(
        "list first page filtered by search 'an'",
        [lambda: contacts_svc.page(filtered, limit=100)],
        [raw_page(filtered, 0)],
        rounds=20,
        goal=False,
    )
    statements, ids_params = q.id_queries(ContactQuery(), today=today, now=now)
    add(
        "all ids in list order (for a view's model)",
        [lambda: contacts_svc.ids()],
        [lambda: q.fetch_ids(raw, statements, ids_params)],
        rounds=5,
        goal=False,
    )

    # Timeline of the busiest contact.
    busiest, count = raw.execute(
        "SELECT contact_id, count(*) FROM interaction_contact GROUP BY contact_id"
        " ORDER BY 2 DESC LIMIT 1"
    ).fetchone()
    first_sql = _TIMELINE.format(after="")
    add(
        f"timeline first page (50) of a contact with {count:,}",
        [lambda: timeline_svc.timeline(busiest, limit=50)],
        [lambda: raw.execute(first_sql, {"contact": busiest, "limit": 51}).fetchall()],
        rounds=30,
    )
    cursor = None
    for _ in range(100):
        _, cursor = timeline_svc.timeline(busiest, after=cursor, limit=50)
    assert cursor is not None
    after_sql = _TIMELINE.format(after="AND (ic.occurred_at, ic.interaction_id) < (:at, :iid)")
    after_params = {
        "contact": busiest,
        "limit": 51,
        "at": cursor.occurred_at,
        "iid": cursor.interaction_id,
    }
    add(
        "timeline page 101 (keyset)",
        [lambda: timeline_svc.timeline(busiest, after=cursor, limit=50)],
        [lambda: raw.execute(after_sql, after_params).fetchall()],
        rounds=30,
    )

    some_ids = [r[0] for r in raw.execute("SELECT id FROM contact ORDER BY random() LIMIT 50")]
    add(
        "open a contact (every field)",
        [lambda i=i: contacts_svc.get(i) for i in some_ids],
        None,
        rounds=2,
        goal=False,
    )
    events = EventService(db)
    add(
        "calendar: occurrences in the next 31 days",
        [lambda: events.between(now, now + timedelta(days=31))],
        None,
        rounds=5,
        goal=False,
    )
    raw.close()
    db.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true", help="regenerate the cached database")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = run(args.contacts, args.interactions, args.seed, args.rebuild)
    print(f"\n{args.contacts:,} contacts, {args.interactions:,} interactions (times in ms)\n")
    print_table(rows)
    print(f"\ntotal {time.perf_counter() - started:.1f} s")
    return 0 if all(r.verdict == "ok" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
