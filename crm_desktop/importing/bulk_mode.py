"""A large import appends with its tables' secondary indexes set aside, and rebuilds them.

Inserting 100,000 contacts into a table with nine indexes updates each
index per row at a random place (names sort anywhere): ~3 s of CPU. Dropping
the non-unique indexes first and creating them again after the last batch
sorts each once: ~1.7 s for the same rows, and faster still for the
children. FTS5 likewise flushes its in-memory term table every 1 MB by
default; a bigger table means fewer, larger segments to merge.

All of it happens inside the import's one transaction: SQLite's DDL is
transactional, so a failure or a cancel rolls the indexes back with
everything else, and a crash before the commit leaves the file as it was.
Unique indexes and primary keys are never touched: they enforce rules.

Worth it only when the import is at least as large as what is there
already (the rebuild sorts the old rows too).
"""

from __future__ import annotations

import sqlite3

__all__ = ["BULK_MIN_ROWS", "BulkMode"]

BULK_MIN_ROWS = 5000
TABLES = (
    "contact",
    "contact_email",
    "contact_phone",
    "contact_address",
    "contact_date",
    "contact_tag",
)
_FTS_HASH_BULK = 64 * 1024 * 1024
_FTS_HASH_DEFAULT = 1024 * 1024  # FTS5's own default


class BulkMode:
    """Set aside on :meth:`enter`, restored on :meth:`leave` (in the same transaction)."""

    def __init__(self, cur: sqlite3.Cursor) -> None:
        self.cur = cur
        self.statements: list[str] = []
        self.active = False

    @staticmethod
    def worth_it(cur: sqlite3.Cursor, rows: int) -> bool:
        if rows < BULK_MIN_ROWS:
            return False
        (existing,) = cur.execute("SELECT count(*) FROM contact").fetchone()
        return rows >= int(existing)

    def enter(self) -> None:
        marks = ",".join("?" * len(TABLES))
        found = self.cur.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            f" AND tbl_name IN ({marks}) ORDER BY name",
            TABLES,
        ).fetchall()
        for name, sql in found:
            if str(sql).lstrip().upper().startswith("CREATE UNIQUE"):
                continue
            self.cur.execute(f'DROP INDEX "{name}"')
            self.statements.append(str(sql))
        self._fts_hash(_FTS_HASH_BULK)
        self.active = True

    def leave(self) -> None:
        if not self.active:
            return
        for sql in self.statements:
            self.cur.execute(sql)
        self._fts_hash(_FTS_HASH_DEFAULT)
        self.active = False

    def _fts_hash(self, size: int) -> None:
        self.cur.execute(
            "INSERT INTO contact_fts(contact_fts, rank) VALUES ('hashsize', ?)", (size,)
        )
