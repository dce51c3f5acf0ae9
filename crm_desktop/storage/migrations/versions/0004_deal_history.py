"""Deal history: a ``deal_change`` row per step, so the timeline can show stage moves.

Until now the schema kept only a deal's present state, and the timeline could
show nothing but won/lost (from ``deal.closed_at``). From here on the deal
service writes a row for every creation, stage move, value change, close and
reopen, in the same transaction as the change itself.

Existing deals get the history that can still be told: a ``created`` row at
``created_at`` and, for a closed deal, a ``won``/``lost`` row at ``closed_at``
(or ``updated_at`` if a hand-edited row lacks it) with its close reason. The
moves in between were never stored and are not invented. The ``created`` row
carries the deal's present stage, value and currency (the only ones known);
for a closed deal its probability is the stage's default, not the 100 or 0
pinned at closing, as ``DealService.reopen`` does.

``contact_id`` cascades on delete: erasing a person erases their history (the
deal itself stays, unlinked). Creating a table rebuilds nothing, so no parent
table is dropped here; ``storage.migrate`` runs it with foreign keys off all
the same.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA_VERSION = 4

# Frozen SQL, not the service: a migration must do the same thing forever.
# Stage names are copied as text (a snapshot survives renaming the stage).
BACKFILL_CREATED = """
INSERT INTO deal_change (deal_id, contact_id, changed_at, kind, stage, value_minor, currency,
                         probability, reason)
SELECT d.id, d.contact_id, d.created_at, 'created', s.name, d.value_minor, d.currency,
       CASE WHEN d.status = 'open' THEN d.probability ELSE COALESCE(s.probability, 0) END,
       NULL
FROM deal d LEFT JOIN deal_stage s ON s.id = d.stage_id
ORDER BY d.id
"""
BACKFILL_CLOSED = """
INSERT INTO deal_change (deal_id, contact_id, changed_at, kind, stage, value_minor, currency,
                         probability, reason)
SELECT d.id, d.contact_id, COALESCE(d.closed_at, d.updated_at), d.status, s.name,
       d.value_minor, d.currency, d.probability, d.close_reason
FROM deal d LEFT JOIN deal_stage s ON s.id = d.stage_id
WHERE d.status IN ('won', 'lost')
ORDER BY d.id
"""


def upgrade() -> None:
    op.create_table(
        "deal_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("value_minor", sa.Integer(), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("probability", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_deal_change_deal_id", "deal_change", ["deal_id"], unique=False)
    op.create_index(
        "ix_deal_change_contact_time", "deal_change", ["contact_id", "changed_at"], unique=False
    )
    op.execute(BACKFILL_CREATED)
    op.execute(BACKFILL_CLOSED)
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    op.drop_index("ix_deal_change_contact_time", "deal_change")
    op.drop_index("ix_deal_change_deal_id", "deal_change")
    op.drop_table("deal_change")
    op.execute("PRAGMA user_version = 3")
