"""Damaged and foreign files: refused without a write, then moved aside whole, never deleted."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from support import factories
from support.factories import sha256, sidecars

from crm_desktop.storage.database import open_database
from crm_desktop.storage.errors import DamagedDatabaseError, NotADatabaseError
from crm_desktop.storage.file_check import inspect_file
from crm_desktop.storage.set_aside import quick_check, set_aside

template_db = factories.template_db
db_path = factories.db_path

NOW = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


def corrupt_middle_page(path: Path, table: str = "contact") -> int:
    """Overwrite the page of ``table`` nearest the middle of the file; return its number."""
    conn = sqlite3.connect(path)
    try:
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
        count = conn.execute("PRAGMA page_count").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    page = min(pages, key=lambda p: abs(p - count // 2))
    data = bytearray(path.read_bytes())
    data[(page - 1) * size : page * size] = bytes([0xA5]) * size
    path.write_bytes(bytes(data))
    return int(page)


def test_a_page_corrupted_database_is_refused_and_left_byte_identical(db_path: Path) -> None:
    database = open_database(db_path)
    with database.write() as session:
        session.execute(
            text(
                "INSERT INTO contact(display_name, sort_key, notes, created_at, updated_at)"
                " VALUES (:n, :n, :notes, '2026-01-01', '2026-01-01')"
            ),
            [{"n": f"Person {n}", "notes": "x" * 200} for n in range(400)],
        )
    database.close()
    assert sidecars(db_path) == []
    corrupt_middle_page(db_path)
    before = sha256(db_path)

    # The header and schema are intact, so the cheap check alone lets it through...
    inspect_file(db_path)
    # ...and the page check catches it, without writing a byte or creating a companion.
    with pytest.raises(DamagedDatabaseError) as caught:
        quick_check(db_path)
    assert "left unchanged" in caught.value.message
    assert sha256(db_path) == before
    assert sidecars(db_path) == []


def test_a_text_file_named_like_the_database_is_refused_and_left_byte_identical(
    tmp_path: Path,
) -> None:
    path = tmp_path / "crm.sqlite3"
    path.write_text("name,email\nAda,ada@example.com\n", encoding="utf-8")
    before = sha256(path)
    for check in (inspect_file, quick_check):
        with pytest.raises(NotADatabaseError):
            check(path)
    assert sha256(path) == before
    assert sidecars(path) == []


def test_a_sound_database_passes_the_quick_check(db_path: Path) -> None:
    before = sha256(db_path)
    quick_check(db_path)
    quick_check(db_path.with_name("missing.sqlite3"))  # nothing there: nothing to refuse
    assert sha256(db_path) == before


def test_set_aside_moves_the_whole_file_set_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite3"
    contents = {"": b"main bytes", "-wal": b"wal bytes", "-shm": b"shm bytes"}
    for suffix, data in contents.items():
        path.with_name(path.name + suffix).write_bytes(data)
    inode = path.stat().st_ino
    quarantine = tmp_path / "set-aside"

    moved = set_aside(path, quarantine, NOW)

    assert moved == quarantine / "crm-20260304T050607Z.sqlite3"
    for suffix, data in contents.items():
        assert moved.with_name(moved.name + suffix).read_bytes() == data
        assert not path.with_name(path.name + suffix).exists()
    assert moved.stat().st_ino == inode, "renamed, not copied"
    assert stat.S_IMODE(quarantine.stat().st_mode) == 0o700

    path.write_bytes(b"second")  # the same second again: a new name, the first kept
    again = set_aside(path, quarantine, NOW)
    assert again.name == "crm-20260304T050607Z-2.sqlite3"
    assert again.read_bytes() == b"second" and moved.read_bytes() == b"main bytes"
    with pytest.raises(FileNotFoundError):
        set_aside(path, quarantine, NOW)
