"""Money reports: revenue per customer, lead sources, the open pipeline.

Sums are exact: SQL adds integer minor units per currency and Python turns
them into ``Decimal`` with the currency's own exponent (JPY 0, EUR 2, KWD 3).
Currencies are never mixed or converted: one row per currency where needed.
"""

from __future__ import annotations

import sqlite3
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from crm_desktop.domain.money import currency_exponent, minor_to_decimal
from crm_desktop.reports.period import ReportParams
from crm_desktop.reports.writer import Row, Table

__all__ = ["CONVERTED_STATUSES", "lead_sources_table", "pipeline_table", "revenue_table"]

#: Relationship statuses (by name) that count as a converted lead.
CONVERTED_STATUSES = ("customer", "loyal")


def _money(minor: int, currency: str) -> Decimal:
    return minor_to_decimal(int(minor), currency)


def _average(total_minor: int, count: int, currency: str) -> Decimal:
    exact = Decimal(int(total_minor)) / count
    minor = exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return _money(int(minor), currency)


def _between(column: str, lo: str | None, hi: str | None) -> str:
    """A SQL condition on a text column; bound names :lo / :hi."""
    parts = ["1"]
    if lo is not None:
        parts.append(f"{column} >= :lo")
    if hi is not None:
        parts.append(f"{column} < :hi")
    return " AND ".join(parts)


def _days(column: str, first: str | None, last: str | None) -> str:
    """A SQL condition on an ISO date column, both ends inclusive; bound :dlo / :dhi."""
    parts = ["1"]
    if first is not None:
        parts.append(f"{column} >= :dlo")
    if last is not None:
        parts.append(f"{column} <= :dhi")
    return " AND ".join(parts)


# -- revenue by customer -------------------------------------------------------

REVENUE_HEADER = (
    "rank",
    "customer",
    "organization",
    "currency",
    "purchases",
    "won_deals",
    "count",
    "total",
    "average",
    "first_date",
    "last_date",
)


def revenue_table(conn: sqlite3.Connection, params: ReportParams) -> Table:
    """Purchases and won deals per customer and currency, top customers first.

    A customer is the deal's or purchase's contact; a won deal with no
    contact counts for its organization. Dates are the purchase date and
    the day the deal was won (UTC date). Currencies come in the order of
    how many customers use them; within one, by total, largest first; rank
    is the place within the currency.
    """
    lo, hi = params.utc_bounds()
    day_lo = params.start.isoformat() if params.start else None
    day_hi = params.end.isoformat() if params.end else None
    sql = f"""
    WITH money(contact_id, organization_id, currency, amount, day, is_deal) AS (
      SELECT contact_id, NULL, currency, amount_minor, purchased_on, 0 FROM purchase
       WHERE {_days("purchased_on", day_lo, day_hi)}
      UNION ALL
      SELECT contact_id, CASE WHEN contact_id IS NULL THEN organization_id END, currency,
             value_minor, substr(closed_at, 1, 10), 1 FROM deal
       WHERE status = 'won' AND (contact_id IS NOT NULL OR organization_id IS NOT NULL)
         AND {_between("closed_at", lo, hi)}
    )
    SELECT coalesce(c.display_name, o.name), coalesce(co.name, o.name), m.currency,
           sum(1 - m.is_deal), sum(m.is_deal), count(*), sum(m.amount), min(m.day), max(m.day)
    FROM money m
    LEFT JOIN contact c ON c.id = m.contact_id
    LEFT JOIN organization co ON co.id = c.organization_id
    LEFT JOIN organization o ON o.id = m.organization_id
    GROUP BY m.contact_id, m.organization_id, m.currency
    """
    found = conn.execute(sql, {"lo": lo, "hi": hi, "dlo": day_lo, "dhi": day_hi}).fetchall()
    customers: dict[str, int] = {}
    for row in found:
        customers[row[2]] = customers.get(row[2], 0) + 1
    found.sort(key=lambda r: (-customers[r[2]], r[2], -r[6], str(r[0]).casefold()))
    rows: list[Row] = []
    rank, previous = 0, None
    for name, org, cur, purchases, deals, count, total, first, last in found:
        rank = rank + 1 if cur == previous else 1
        previous = cur
        rows.append(
            (
                rank,
                name,
                org,
                cur,
                purchases,
                deals,
                count,
                _money(total, cur),
                _average(total, count, cur),
                first,
                last,
            )
        )
    return Table(REVENUE_HEADER, [rows])


# -- lead sources --------------------------------------------------------------

LEAD_HEADER = (
    "source",
    "channel",
    "acquired",
    "converted",
    "conversion_rate_percent",
    "currency",
    "revenue",
    "cost",
    "revenue_per_cost",
    "other_revenue",
)


def _revenue_by_source(
    conn: sqlite3.Connection, acquired: str, params: dict[str, object]
) -> dict[int | None, dict[str, int]]:
    sql = f"""
    SELECT c.lead_source_id, m.currency, sum(m.amount) FROM contact c JOIN (
        SELECT contact_id, currency, amount_minor AS amount FROM purchase
        UNION ALL SELECT contact_id, currency, value_minor FROM deal
         WHERE status = 'won' AND contact_id IS NOT NULL
    ) m ON m.contact_id = c.id
    WHERE {acquired} GROUP BY 1, 2
    """
    out: dict[int | None, dict[str, int]] = {}
    for source, currency, total in conn.execute(sql, params):
        out.setdefault(source, {})[currency] = int(total)
    return out


def lead_sources_table(conn: sqlite3.Connection, params: ReportParams) -> Table:
    """Per source: contacts acquired in the period (created then, not in the trash),
    how many are now customers (status customer or loyal), their revenue
    (purchases and won deals, any date) and revenue per unit of the source's
    cost. The cost counts when the campaign overlaps the period (or has no
    dates). Revenue in other currencies than the cost's goes to other_revenue.
    """
    lo, hi = params.utc_bounds()
    bind: dict[str, object] = {"lo": lo, "hi": hi}
    acquired = "c.trashed_at IS NULL AND " + _between("c.created_at", lo, hi)
    converted = ", ".join(f"'{s}'" for s in CONVERTED_STATUSES)
    counts = {
        source: (int(n), int(conv))
        for source, n, conv in conn.execute(
            "SELECT c.lead_source_id, count(*), coalesce(sum(s.name IN"
            f" ({converted})), 0) FROM contact c"
            " LEFT JOIN relationship_status s ON s.id = c.status_id"
            f" WHERE {acquired} GROUP BY 1",
            bind,
        )
    }
    revenue = _revenue_by_source(conn, acquired, bind)
    sources: list[tuple[Any, ...]] = conn.execute(
        "SELECT id, name, channel, cost_minor, currency, starts_on, ends_on FROM lead_source"
        " ORDER BY name COLLATE NOCASE, id"
    ).fetchall()
    if None in counts:
        sources.append((None, "(no source)", None, None, None, None, None))
    first, last = params.start, params.end
    rows: list[Row] = []
    for sid, name, channel, cost, cost_currency, starts, ends in sources:
        overlaps = (last is None or starts is None or starts <= last.isoformat()) and (
            first is None or ends is None or ends >= first.isoformat()
        )
        n, conv = counts.get(sid, (0, 0))
        money = revenue.get(sid, {})
        currency = cost_currency or max(money, key=lambda c: money[c], default=None)
        total = money.get(currency, 0) if currency else 0
        cost_value = _money(cost, cost_currency) if cost and cost_currency and overlaps else None
        ratio = None
        if cost_value and currency == cost_currency:
            ratio = (_money(total, currency) / cost_value).quantize(Decimal("0.01"))
        others = " | ".join(
            f"{_money(v, c)} {c}" for c, v in sorted(money.items()) if c != currency
        )
        rate = (Decimal(100 * conv) / n).quantize(Decimal("0.1")) if n else None
        rows.append(
            (
                name,
                channel,
                n,
                conv,
                rate,
                currency,
                _money(total, currency) if currency else None,
                cost_value,
                ratio,
                others or None,
            )
        )
    return Table(LEAD_HEADER, [rows])


# -- pipeline ------------------------------------------------------------------

PIPELINE_HEADER = ("stage", "position", "currency", "count", "value", "weighted_value")


def pipeline_table(conn: sqlite3.Connection, params: ReportParams) -> Table:
    """Open deals by stage (pipeline order, no stage last) and currency.

    Weighted value is the sum of each deal's value times its own probability.
    With a period, only deals expected to close in it.
    """
    day_lo = params.start.isoformat() if params.start else None
    day_hi = params.end.isoformat() if params.end else None
    sql = (
        "SELECT coalesce(s.name, '(no stage)'), s.position, d.currency, count(*),"
        " sum(d.value_minor), sum(d.value_minor * d.probability)"
        " FROM deal d LEFT JOIN deal_stage s ON s.id = d.stage_id"
        f" WHERE d.status = 'open' AND {_days('d.expected_close', day_lo, day_hi)}"
        " GROUP BY s.id, d.currency ORDER BY s.id IS NULL, s.position, s.id, d.currency"
    )
    rows: list[Row] = []
    for stage, position, currency, count, value, weighted in conn.execute(
        sql, {"dlo": day_lo, "dhi": day_hi}
    ):
        scaled = Decimal(int(weighted)) / 100
        exponent = currency_exponent(currency)
        minor = scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        rows.append(
            (
                stage,
                position,
                currency,
                count,
                _money(value, currency),
                _money(int(minor), currency).quantize(Decimal(1).scaleb(-exponent)),
            )
        )
    return Table(PIPELINE_HEADER, [rows])
