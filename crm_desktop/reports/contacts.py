"""The ``contacts`` report: every field of every live contact, one row each.

Multi-values (e-mails, phones, addresses, dates, tags) are joined with
``" | "`` in their editing order; labels of e-mails and phones go into
parallel columns (``email_labels``: ``"work | home"``) so a value is never
mixed with its label. An address is its non-empty parts joined with
``", "`` after an optional ``"label: "``. Birthdays are ISO ``YYYY-MM-DD``,
or ``--MM-DD`` when the year is unknown (vCard, Google). Like
``interactions``, every cell is formatted in one SQL statement.
"""

from __future__ import annotations

import sqlite3

from crm_desktop.reports.csv_safety import sql_text
from crm_desktop.reports.period import ReportParams, local_time_sql, stream
from crm_desktop.reports.writer import Table

__all__ = ["CONTACT_HEADER", "contacts_table"]


def _joined(value: str, table: str, order: str = "position, id") -> str:
    return (
        f"(SELECT group_concat(v, ' | ') FROM (SELECT {value} AS v FROM {table}"
        f" WHERE contact_id = c.id ORDER BY {order}))"
    )


_ADDRESS_PARTS = ("street", "extended", "postal_code", "city", "region", "country")
_ADDRESS = (
    "coalesce(label || ': ', '') || substr("
    + " || ".join(f"coalesce(', ' || nullif({p}, ''), '')" for p in _ADDRESS_PARTS)
    + ", 3)"
)
_PARTIAL = (
    "CASE WHEN {y} IS NULL THEN printf('--%02d-%02d', {m}, {d})"
    " ELSE printf('%04d-%02d-%02d', {y}, {m}, {d}) END"
)

# (header, SQL expression, is text)
_COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("id", "c.id", False),
    ("display_name", "c.display_name", True),
    ("given_name", "c.given_name", True),
    ("middle_name", "c.middle_name", True),
    ("family_name", "c.family_name", True),
    ("organization", "o.name", True),
    ("job_title", "c.job_title", True),
    ("emails", _joined("address", "contact_email"), True),
    ("email_labels", _joined("coalesce(label, '')", "contact_email"), True),
    ("phones", _joined("raw", "contact_phone"), True),
    ("phone_labels", _joined("coalesce(label, '')", "contact_phone"), True),
    ("addresses", _joined(_ADDRESS, "contact_address"), True),
    (
        "birthday",
        "CASE WHEN c.birthday_month IS NOT NULL THEN "
        + _PARTIAL.format(y="c.birthday_year", m="c.birthday_month", d="c.birthday_day")
        + " END",
        True,
    ),
    (
        "dates",
        _joined(
            "label || ': ' || " + _PARTIAL.format(y="year", m="month", d="day"),
            "contact_date",
            "month, day, id",
        ),
        True,
    ),
    (
        "tags",
        "(SELECT group_concat(v, ' | ') FROM (SELECT t.name AS v FROM contact_tag ct"
        " JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id ORDER BY t.folded))",
        True,
    ),
    ("lead_source", "ls.name", True),
    ("status", "s.name", True),
    ("preferred_channel", "c.preferred_channel", True),
    ("stay_in_touch_days", "c.stay_in_touch_days", False),
    ("last_contacted_at", "{last}", False),
    ("interests", "c.interests", True),
    ("preferences", "c.preferences", True),
    ("notes", "c.notes", True),
    ("created_at", "{created}", False),
    ("updated_at", "{updated}", False),
)
CONTACT_HEADER = tuple(name for name, _, _ in _COLUMNS)


def contacts_table(conn: sqlite3.Connection, params: ReportParams) -> Table:
    """Live contacts by name; with a period, those created in it."""
    times = {
        key: local_time_sql(conn, "contact", column, params.zone, alias="c")
        for key, column in (
            ("last", "last_contacted_at"),
            ("created", "created_at"),
            ("updated", "updated_at"),
        )
    }
    cells = ", ".join(
        sql_text(expr, safe=params.safe) if text else expr.format(**times)
        for _, expr, text in _COLUMNS
    )
    lo, hi = params.utc_bounds()
    where = ["c.trashed_at IS NULL"]
    if lo is not None:
        where.append("c.created_at >= :lo")
    if hi is not None:
        where.append("c.created_at < :hi")
    sql = (
        f"SELECT {cells} FROM contact c"
        " LEFT JOIN organization o ON o.id = c.organization_id"
        " LEFT JOIN lead_source ls ON ls.id = c.lead_source_id"
        " LEFT JOIN relationship_status s ON s.id = c.status_id"
        f" WHERE {' AND '.join(where)} ORDER BY c.sort_key, c.id"
    )
    return Table(CONTACT_HEADER, stream(conn.execute(sql, {"lo": lo, "hi": hi})), cooked=True)
