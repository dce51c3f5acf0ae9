"""Indexes that let the reminder engine read stay-in-touch and own birthday leads by range.

Every engine run (``next_due_after`` + ``due`` since the last run) read the
whole ``contact`` table four times: twice for stay-in-touch (the instant a
cadence runs out is computed, so no index could serve it; ~22 ms each at
100,000 contacts) and twice for the contacts with their own birthday lead
times (~19 ms each, to find none or a handful). With these two indexes the
four statements take about a millisecond together. With the query changes
that came with them (birthdays read only the days each lead reaches, event
offsets filtered in SQL), an engine run at 100k contacts, 1M interactions
and 10,000 future events dropped from 198 ms to 26 ms p50, and
``next_due_after`` from 66 ms to 7 ms (``benchmarks/reminders_bench.py``).

- ``ix_contact_stay_due``: an expression index on the Julian day the cadence
  runs out, partial on live contacts with a cadence. SQLite uses it only
  when a query spells the same expression and implies the same WHERE, so
  both are shared constants (``models.contacts.STAY_DUE`` / ``STAY_LIVE``).
- ``ix_contact_birthday_own``: (month, day) of the rare contacts whose
  ``birthday_reminder_days`` is set (own leads, or muted).

Caution for later migrations: SQLAlchemy does not reflect expression
indexes on SQLite, so a batch ``recreate="always"`` of ``contact`` (as in
0002) silently drops ``ix_contact_stay_due``; re-create it afterwards.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA_VERSION = 5

# Spelled exactly as in models.contacts (a migration must not import the live models).
STAY_DUE = "julianday(coalesce(last_contacted_at, created_at)) + stay_in_touch_days"
STAY_LIVE = "stay_in_touch_days IS NOT NULL AND trashed_at IS NULL"


def upgrade() -> None:
    op.execute(f"CREATE INDEX ix_contact_stay_due ON contact ({STAY_DUE}) WHERE {STAY_LIVE}")
    op.create_index(
        "ix_contact_birthday_own",
        "contact",
        ["birthday_month", "birthday_day"],
        sqlite_where=sa.text("birthday_reminder_days IS NOT NULL"),
    )
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    op.drop_index("ix_contact_birthday_own", "contact")
    op.drop_index("ix_contact_stay_due", "contact")
    op.execute("PRAGMA user_version = 4")
