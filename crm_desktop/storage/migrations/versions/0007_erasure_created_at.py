"""The erasure ledger also keeps each erased contact's creation time.

Contact ids are reused: SQLite gives a new row max(id) + 1, so erasing the
newest contact frees its id for the next one. A restore replays the live
file's ledger by id, so a backup taken after the id was reused would lose an
innocent person who merely got the erased one's number. With the creation
time (copied as stored from ``contact.created_at``, compared as text) a
replay erases only the same person. Rows recorded before this revision have
none (NULL) and are replayed by id as before.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA_VERSION = 7


def upgrade() -> None:
    op.add_column(
        "erasure",
        sa.Column("contact_created_at", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    )
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    with op.batch_alter_table("erasure") as batch:
        batch.drop_column("contact_created_at")
    op.execute("PRAGMA user_version = 6")
