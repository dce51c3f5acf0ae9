"""Per-contact birthday reminder lead times, and range checks on birthday parts.

The CHECK constraints make SQLite rebuild the ``contact`` table (batch mode
copies it to a new table and drops the old one): the very operation that
cascade-deletes every child row when foreign keys are on. ``storage.migrate``
runs this with them off; the upgrade test proves no row is lost.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA_VERSION = 2


def upgrade() -> None:
    with op.batch_alter_table("contact", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("birthday_reminder_days", sa.String(), nullable=True))
        batch_op.create_check_constraint(
            "ck_contact_birthday_month", "birthday_month BETWEEN 1 AND 12"
        )
        batch_op.create_check_constraint("ck_contact_birthday_day", "birthday_day BETWEEN 1 AND 31")
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    with op.batch_alter_table("contact", recreate="always") as batch_op:
        batch_op.drop_constraint("ck_contact_birthday_day", type_="check")
        batch_op.drop_constraint("ck_contact_birthday_month", type_="check")
        batch_op.drop_column("birthday_reminder_days")
    op.execute("PRAGMA user_version = 1")
