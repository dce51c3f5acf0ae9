"""Reading the erasure ledger of a database file without opening it for writing.

A restore replaces the live file with an older backup; the ids erased
since must be read from the live file first, then erased again in the
restored one.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def erased_ids_in(path: Path) -> list[int]:
    """Contact ids in ``path``'s erasure ledger; [] when there is no readable ledger."""
    if not path.exists():
        return []
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT DISTINCT contact_id FROM erasure").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []  # an older schema without a ledger, or a damaged file set aside anyway
    return sorted(int(r[0]) for r in rows)
