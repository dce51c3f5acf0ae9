"""Every report by name, with the one-line description ``report --list`` prints.

Why a context manager per report: the SQL reports stream from a cursor while
the file is written, so the read transaction (one consistent snapshot) must
stay open until the last row is out.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from crm_desktop.reports.activity import interactions_table, meeting_outcomes_table
from crm_desktop.reports.contacts import contacts_table
from crm_desktop.reports.period import ReportParams
from crm_desktop.reports.sales import lead_sources_table, pipeline_table, revenue_table
from crm_desktop.reports.schedule import follow_ups_table, upcoming_table
from crm_desktop.reports.writer import Table
from crm_desktop.storage.database import Database

__all__ = ["REPORTS", "Report", "open_report"]

SqlBuilder = Callable[[sqlite3.Connection, ReportParams], Table]
ServiceBuilder = Callable[[Database, ReportParams], Table]


@dataclass(frozen=True, slots=True)
class Report:
    name: str
    description: str
    sql: SqlBuilder | None = None
    services: ServiceBuilder | None = None


REPORTS: dict[str, Report] = {
    r.name: r
    for r in (
        Report("contacts", "every field of every contact, one row each", sql=contacts_table),
        Report(
            "interactions",
            "calls, meetings, e-mails... of the period with contacts and outcome",
            sql=interactions_table,
        ),
        Report(
            "meeting-outcomes",
            "meetings held per week or month (--by): successful, unsuccessful, follow-ups",
            sql=meeting_outcomes_table,
        ),
        Report(
            "upcoming",
            "meetings (recurring expanded), open tasks and birthdays of the period",
            services=upcoming_table,
        ),
        Report(
            "follow-ups",
            "overdue tasks and contacts losing touch, as of now",
            services=follow_ups_table,
        ),
        Report(
            "revenue-by-customer",
            "purchases and won deals per customer and currency, top customers first",
            sql=revenue_table,
        ),
        Report(
            "lead-sources",
            "contacts acquired, converted, revenue and cost per lead source",
            sql=lead_sources_table,
        ),
        Report("pipeline", "open deals by stage: count, value, weighted value", sql=pipeline_table),
    )
}


@contextmanager
def open_report(db: Database, name: str, params: ReportParams) -> Iterator[Table]:
    """The report's table, readable inside the ``with`` block. KeyError: unknown name."""
    report = REPORTS[name]
    if report.sql is not None:
        with db.read_raw() as conn:
            yield report.sql(conn, params)
    else:
        assert report.services is not None
        yield report.services(db, params)
