"""Schema upgrades: Alembic, run the safe way.

FIELD_NOTES' data-loss trap: a batch rebuild of a parent table drops it,
and with ``foreign_keys=ON`` the drop cascade-deletes every child row. So
migrations run with foreign keys OFF (set outside the transaction, where
SQLite honours it), all steps in one transaction, and
``PRAGMA foreign_key_check`` must come back empty before the commit. A
verified copy of the database is taken first.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from crm_desktop.storage.errors import DamagedDatabaseError, MigrationError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade(path: Path, *, backup_dir: Path | None, target: str = "head") -> Path | None:
    """Upgrade the database at ``path``; return the verified pre-upgrade copy, if one was taken.

    ``backup_dir`` None means the file holds no data yet (nothing to copy).
    """
    from crm_desktop.storage.database import make_engine
    from crm_desktop.storage.snapshot import SnapshotError, verified_copy

    copy: Path | None = None
    if backup_dir is not None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        try:
            copy = verified_copy(path, backup_dir / f"pre-migration-{stamp}.sqlite3")
        except SnapshotError as exc:
            raise DamagedDatabaseError(
                path,
                "The database fails its own integrity check, so it was not upgraded. "
                "It was left unchanged; run 'crm-desktop check' for details.",
            ) from exc
    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            # On the driver connection: SQLAlchemy would open a transaction
            # first, and inside one SQLite ignores this pragma.
            driver = conn.connection.driver_connection
            assert driver is not None
            driver.execute("PRAGMA foreign_keys=OFF")
            config = alembic_config()
            config.attributes["connection"] = conn
            try:
                command.upgrade(config, target)
            except Exception as exc:
                where = f" The copy taken before it is {copy.name}." if copy else ""
                raise MigrationError(
                    path, f"Upgrading the database failed and was undone.{where}"
                ) from exc
            finally:
                driver.execute("PRAGMA foreign_keys=ON")
    finally:
        engine.dispose()
    return copy
