"""The customer list in SQL: filters, sorts and light rows.

Everything is filtered, sorted and paged by SQLite; Python only decodes
the page it asked for. The WHERE text for live contacts repeats the partial
indexes' ``trashed_at IS NULL`` exactly, so the planner can use them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from crm_desktop.domain.dates import PartialDate
from crm_desktop.domain.text import search_tokens
from crm_desktop.services.dto import ContactRow
from crm_desktop.services.sqltime import parse_utc, to_sql
from crm_desktop.storage.search_query import TIER_SQL, match_expression, search_tiers

Params = Mapping[str, Any]
#: Extra hits fetched per tier, so that contacts in the trash can be dropped.
SEARCH_HEADROOM = 25


class ContactSort(StrEnum):
    NAME = "name"
    ORGANIZATION = "organization"
    STATUS = "status"
    LAST_CONTACTED = "last_contacted"
    CREATED = "created"
    UPDATED = "updated"
    TAGS = "tags"
    PHONE = "phone"
    EMAIL = "email"
    NEXT_MEETING = "next_meeting"


#: Sort keys read from the contact row itself; each has a matching partial index.
_ORDER = {
    ContactSort.NAME: ("c.sort_key",),
    ContactSort.LAST_CONTACTED: ("c.last_contacted_at",),
    ContactSort.CREATED: ("c.created_at",),
    ContactSort.UPDATED: ("c.updated_at",),
}
#: Sorts by a value of child rows: a correlated sub-query per contact and a full
#: sort (0.1-0.3 s at 100k contacts). Rarely used, so no index is kept for them.
#: The next meeting counts one-off meetings and series that have not started yet.
_CHILD_ORDER = {
    ContactSort.TAGS: "(SELECT min(t.folded) FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
    " WHERE ct.contact_id = c.id)",
    ContactSort.PHONE: "(SELECT p.raw FROM contact_phone p WHERE p.contact_id = c.id"
    " ORDER BY p.position LIMIT 1)",
    ContactSort.EMAIL: "(SELECT e.normalized FROM contact_email e WHERE e.contact_id = c.id"
    " ORDER BY e.position LIMIT 1)",
    ContactSort.NEXT_MEETING: "(SELECT min(ev.starts_at) FROM event_contact ec"
    " JOIN event ev ON ev.id = ec.event_id WHERE ec.contact_id = c.id"
    " AND ev.status = 'planned' AND ev.starts_at >= :now)",
}

#: Sorts by a parent row (table, its order, the contact's foreign key). A join
#: ordered by the parent's column makes SQLite sort all 100k rows (23 ms for the
#: first page); walking the parent in index order and its contacts through
#: (fk, sort_key, id) needs no sort at all (0.05 ms). Contacts without a parent
#: come in a second query, after (or, descending, before) the others.
_GROUPED = {
    ContactSort.ORGANIZATION: ("organization", ("p.sort_key", "p.id"), "organization_id"),
    ContactSort.STATUS: ("relationship_status", ("p.position", "p.id"), "status_id"),
}


@dataclass(frozen=True, slots=True)
class ContactQuery:
    """Which contacts a list shows, and in which order."""

    text: str = ""
    tag_id: int | None = None
    status_id: int | None = None
    lead_source_id: int | None = None
    losing_touch: bool = False
    birthday_within_days: int | None = None
    has_open_deal: bool = False
    trashed: bool = False
    sort: ContactSort = ContactSort.NAME
    descending: bool = False


_FROM = (
    " FROM contact c"
    " LEFT JOIN organization o ON o.id = c.organization_id"
    " LEFT JOIN relationship_status s ON s.id = c.status_id"
)

ROW_COLUMNS = """
SELECT c.id, c.display_name, o.name, s.name,
       (SELECT group_concat(t.name, char(31)) FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
         WHERE ct.contact_id = c.id),
       c.last_contacted_at,
       (SELECT e.address FROM contact_email e WHERE e.contact_id = c.id
         ORDER BY e.position LIMIT 1),
       (SELECT p.raw FROM contact_phone p WHERE p.contact_id = c.id ORDER BY p.position LIMIT 1),
       c.birthday_month, c.birthday_day, c.birthday_year
"""


def birthday_days(today: date, days: int) -> list[tuple[int, int]]:
    """(month, day) pairs of the next ``days`` days from today, 29 Feb included in
    common years when 28 Feb is in the range (those people celebrate then)."""
    pairs: list[tuple[int, int]] = []
    for offset in range(days + 1):
        d = today + timedelta(days=offset)
        pairs.append((d.month, d.day))
        if d.month == 2 and d.day == 28 and (d + timedelta(days=1)).day != 29:
            pairs.append((2, 29))
    return pairs


def _single_letter(text: str) -> str | None:
    tokens = search_tokens(text) if text else []
    if len(tokens) == 1 and len(tokens[0]) == 1 and not tokens[0].isdigit():
        return tokens[0]
    return None


def where(query: ContactQuery, *, today: date, now: datetime) -> tuple[str, dict[str, Any]]:
    """The WHERE clause (with its bound values) for ``query``."""
    clauses = ["c.trashed_at IS NOT NULL" if query.trashed else "c.trashed_at IS NULL"]
    params: dict[str, Any] = {}
    initial = _single_letter(query.text)
    match = match_expression(query.text) if query.text and initial is None else None
    if initial is not None:
        # One letter: names that start with it, a range of the sort index.
        # Matching any word of any field would be half the database (80 ms
        # at 100k contacts) and useless; this is instant and what "k" means.
        clauses.append("c.sort_key >= :initial AND c.sort_key < :after_initial")
        params.update(initial=initial, after_initial=chr(ord(initial) + 1))
    elif query.text and match is None:
        clauses.append("0")  # only punctuation: nothing can match
    if match:
        clauses.append("c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH :match)")
        params["match"] = match
    if query.tag_id is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM contact_tag ct WHERE ct.contact_id = c.id AND ct.tag_id = :tag)"
        )
        params["tag"] = query.tag_id
    if query.status_id is not None:
        clauses.append("c.status_id = :status")
        params["status"] = query.status_id
    if query.lead_source_id is not None:
        clauses.append("c.lead_source_id = :lead_source")
        params["lead_source"] = query.lead_source_id
    if query.losing_touch:
        clauses.append(
            "c.stay_in_touch_days IS NOT NULL AND (c.last_contacted_at IS NULL"
            " OR julianday(:now) - julianday(c.last_contacted_at) > c.stay_in_touch_days)"
        )
        params["now"] = to_sql(now)
    if query.birthday_within_days is not None:
        pairs = birthday_days(today, max(0, min(query.birthday_within_days, 366)))
        values = ", ".join(f"({m}, {d})" for m, d in pairs)  # ints only
        clauses.append(f"(c.birthday_month, c.birthday_day) IN (VALUES {values})")
    if query.has_open_deal:
        clauses.append(
            "EXISTS (SELECT 1 FROM deal d WHERE d.contact_id = c.id AND d.status = 'open')"
        )
    return " WHERE " + " AND ".join(clauses), params


def _order(keys: Sequence[str], descending: bool) -> str:
    direction = " DESC" if descending else ""
    return " ORDER BY " + ", ".join(f"{k}{direction}" for k in keys)


def id_queries(
    query: ContactQuery, *, today: date, now: datetime
) -> tuple[list[str], dict[str, Any]]:
    """Statements whose results, concatenated, are the matching ids in list order."""
    clause, params = where(query, today=today, now=now)
    if query.sort in _CHILD_ORDER:
        value = _CHILD_ORDER[query.sort]
        params.setdefault("now", to_sql(now))
        child_keys = (f"{value} IS NULL", value, "c.sort_key", "c.id")
        return [
            "SELECT c.id FROM contact c" + clause + _order(child_keys, query.descending)
        ], params
    if query.sort not in _GROUPED:
        own_keys = (*_ORDER[query.sort], "c.id")
        return ["SELECT c.id FROM contact c" + clause + _order(own_keys, query.descending)], params
    table, parent_keys, fk = _GROUPED[query.sort]
    with_parent = (
        f"SELECT c.id FROM {table} p CROSS JOIN contact c ON c.{fk} = p.id"
        + clause
        + _order((*parent_keys, "c.sort_key", "c.id"), query.descending)
    )
    without = (
        "SELECT c.id FROM contact c"
        + clause
        + f" AND c.{fk} IS NULL"
        + _order(("c.sort_key", "c.id"), query.descending)
    )
    statements = [without, with_parent] if query.descending else [with_parent, without]
    return statements, params


def count_sql(query: ContactQuery, *, today: date, now: datetime) -> tuple[str, dict[str, Any]]:
    clause, params = where(query, today=today, now=now)
    return "SELECT count(*) FROM contact c" + clause, params


def live_ids_sql(ids: Sequence[int]) -> str:
    """Which of ``ids`` are not in the trash (ints only: safe to inline)."""
    id_list = ",".join(str(int(i)) for i in ids) or "NULL"
    return f"SELECT id FROM contact WHERE id IN ({id_list}) AND trashed_at IS NULL"


def rows_by_ids_sql(ids: Sequence[int]) -> str:
    return ROW_COLUMNS + _FROM + f" WHERE c.id IN ({','.join(str(int(i)) for i in ids)})"


# -- running them on a bare sqlite3 connection (the service's raw read, or quick_start) --


def fetch_ids(conn: sqlite3.Connection, statements: Sequence[str], params: Params) -> list[int]:
    return [row[0] for sql in statements for row in conn.execute(sql, params)]


def fetch_id_page(
    conn: sqlite3.Connection,
    statements: Sequence[str],
    params: Params,
    *,
    offset: int,
    limit: int,
) -> list[int]:
    """``limit`` ids from ``offset`` across the statements, paging each in SQL.

    Ids first, rows after: with the row columns in the paged query SQLite
    would compute them for every row it sorts or skips.
    """
    found: list[int] = []
    for sql in statements:
        if len(found) >= limit:
            break
        page = conn.execute(
            f"{sql} LIMIT :_limit OFFSET :_offset",
            {**params, "_limit": limit - len(found), "_offset": offset},
        ).fetchall()
        found.extend(row[0] for row in page)
        if page:
            offset = 0
        elif offset:
            offset -= conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
            offset = max(offset, 0)
    return found


def search_ids(conn: sqlite3.Connection, query: str, limit: int) -> list[int]:
    """Live contacts matching ``query``, best tier first, by name within a tier."""
    found: list[int] = []
    seen: set[int] = set()
    for match in search_tiers(query):
        rows = conn.execute(TIER_SQL, {"match": match, "limit": limit + SEARCH_HEADROOM})
        tier = [r[0] for r in rows if r[0] not in seen]
        if tier:
            ordered = conn.execute(
                f"SELECT id FROM contact WHERE id IN ({','.join(map(str, tier))})"
                " AND trashed_at IS NULL ORDER BY sort_key, id"
            )
            found.extend(r[0] for r in ordered)
            seen.update(tier)
        if len(found) >= limit:
            break
    return found[:limit]


def fetch_rows(conn: sqlite3.Connection, ids: Sequence[int]) -> list[ContactRow]:
    """The list rows of ``ids``, in that order (ids that no longer exist are skipped)."""
    if not ids:
        return []
    found = {row[0]: row for row in conn.execute(rows_by_ids_sql(ids))}
    return [decode_row(found[i]) for i in ids if i in found]


def decode_row(row: Sequence[Any]) -> ContactRow:
    cid, name, org, status, tags, last, email, phone, b_month, b_day, b_year = row
    return ContactRow(
        id=cid,
        display_name=name,
        organization=org,
        status=status,
        tags=tuple(sorted(tags.split("\x1f"), key=str.casefold)) if tags else (),
        last_contacted_at=parse_utc(last),
        email=email,
        phone=phone,
        birthday=PartialDate(b_month, b_day, b_year) if b_month and b_day else None,
    )
