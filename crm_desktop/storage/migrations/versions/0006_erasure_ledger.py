"""The erasure ledger: ids of erased contacts, replayed after restoring an older backup.

GDPR erasure removes a person everywhere in the live file, but backups
taken before still hold them; restoring one must erase them again. The
ledger keeps only ids and times, never the data it exists to remove.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA_VERSION = 6


def upgrade() -> None:
    op.create_table(
        "erasure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("erased_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_erasure_contact_id", "erasure", ["contact_id"])
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    op.drop_index("ix_erasure_contact_id", "erasure")
    op.drop_table("erasure")
    op.execute("PRAGMA user_version = 5")
