"""A large import lets FTS5 buffer more of the index in memory before it writes.

FTS5 flushes its in-memory term table to a new segment every 1 MB by
default, and merges segments as they pile up; at 100,000 contacts (with
the 2- and 3-letter prefix indexes) that is hundreds of flushes. With a
64 MB table the FTS inserts of a 100k import took 1.5 s instead of 2.5 s
(measured alone). The setting is stored in the index's config table, so
it is set inside the import's transaction and set back to FTS5's default
before the commit; a failure or cancel rolls it back with everything else.

Setting the tables' secondary indexes aside and rebuilding them at the
end was tried as well: alone it halves the CPU of the contact inserts, but
in the import's pipeline the inserts already overlap the checking in the
workers, while the rebuild runs after the last batch with nothing to
overlap. Paired runs at 100k were 1-2 s slower with it, so it is not done.
"""

from __future__ import annotations

import sqlite3

__all__ = ["BULK_MIN_ROWS", "BulkMode"]

BULK_MIN_ROWS = 5000
_FTS_HASH_BULK = 64 * 1024 * 1024
_FTS_HASH_DEFAULT = 1024 * 1024  # FTS5's own default


class BulkMode:
    """Entered on :meth:`enter`, left on :meth:`leave` (in the same transaction)."""

    def __init__(self, cur: sqlite3.Cursor) -> None:
        self.cur = cur
        self.active = False

    @staticmethod
    def worth_it(rows: int) -> bool:
        return rows >= BULK_MIN_ROWS

    def enter(self) -> None:
        self._fts_hash(_FTS_HASH_BULK)
        self.active = True

    def leave(self) -> None:
        if self.active:
            self._fts_hash(_FTS_HASH_DEFAULT)
            self.active = False

    def _fts_hash(self, size: int) -> None:
        self.cur.execute(
            "INSERT INTO contact_fts(contact_fts, rank) VALUES ('hashsize', ?)", (size,)
        )
