"""``crm-desktop backup ...`` and the refusal of damaged, foreign and newer files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from support import cli as support_cli
from support.cli import Cli
from support.factories import sha256, sidecars

from crm_desktop.storage.file_check import SCHEMA_VERSION

DB = "crm.sqlite3"


cli = support_cli.cli
keep_umask = support_cli.keep_umask


def contact_names(cli: Cli) -> list[str]:
    rows = cli.json("contacts", "list")
    assert isinstance(rows, list)
    return sorted(str(r["display_name"]) for r in rows)


def corrupt_middle_page(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'contact'")]
        count, size = (
            conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size")
        )
    finally:
        conn.close()
    page = min(pages, key=lambda p: abs(p - count // 2))
    data = bytearray(path.read_bytes())
    data[(page - 1) * size : page * size] = bytes([0xA5]) * size
    path.write_bytes(bytes(data))


def test_create_list_verify_restore(cli: Cli) -> None:
    cli.ok("contacts", "add", "--given", "Ada")
    created = cli.json("backup", "create")
    assert isinstance(created, dict) and created["reason"] == "manual"
    backup_id = str(created["id"])
    cli.ok("contacts", "add", "--given", "Grace")

    listed = cli.json("backup", "list")
    assert isinstance(listed, list) and [b["id"] for b in listed] == [backup_id]
    assert listed[0]["verified"] is True and listed[0]["schema_version"] == SCHEMA_VERSION
    assert backup_id in cli.ok("backup", "list")
    assert cli.json("backup", "verify", backup_id) == {"id": backup_id, "ok": True, "problems": []}
    assert f"newest verified backup: {backup_id}" in cli.ok("check")

    out = cli.ok("backup", "restore", backup_id)
    assert f"Restored backup {backup_id}" in out and "1 contacts, 0 interactions" in out
    assert contact_names(cli) == ["Ada"]
    reasons = {b["reason"] for b in cli.json("backup", "list")}  # type: ignore[union-attr]
    assert reasons == {"manual", "pre-restore"}


def test_unknown_backup_is_a_user_error(cli: Cli) -> None:
    assert "no backup" in cli.refused("backup", "verify", "manual-20990101T000000Z")
    assert "no backup" in cli.refused("backup", "restore", "nonsense")
    with pytest.raises(SystemExit) as caught:
        cli("backup")
    assert caught.value.code == 2


def test_a_page_corrupted_database_is_set_aside_and_the_backup_named(cli: Cli) -> None:
    cli.ok("demo", "--contacts", "300", "--interactions", "100")
    backup_id = str(cli.json("backup", "create")["id"])  # type: ignore[index]
    path = cli.data_dir / DB
    assert sidecars(path) == []
    corrupt_middle_page(path)
    before = sha256(path)

    line = cli.refused("contacts", "list")

    assert "damaged" in line and "crm-desktop --data-dir" in line
    assert f"backup restore {backup_id}" in line
    [moved] = (cli.data_dir / "set-aside").glob("*.sqlite3")
    assert str(moved) in line
    assert sha256(moved) == before
    assert not path.exists() and sidecars(path) == []

    assert "300 contacts, 100 interactions" in cli.ok("backup", "restore", backup_id)
    assert cli.ok("check").startswith("ok")


def test_a_text_file_is_set_aside_even_without_a_backup(cli: Cli) -> None:
    path = cli.data_dir / DB
    path.write_text("this is my shopping list\n", encoding="utf-8")
    before = sha256(path)
    line = cli.refused("check")
    assert "not a CRM Desktop database" in line and "no verified backup" in line
    [moved] = (cli.data_dir / "set-aside").glob("*.sqlite3")
    assert sha256(moved) == before and not path.exists()
    assert cli.ok("check").startswith("ok")  # the next command starts an empty database


@pytest.mark.parametrize("kind", ["newer", "foreign"])
def test_newer_and_foreign_files_stay_in_place(cli: Cli, kind: str) -> None:
    path = cli.data_dir / DB
    if kind == "newer":
        cli.ok("contacts", "add", "--given", "Ada")
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    else:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE notes(body TEXT)")
    conn.commit()
    conn.close()
    before = sha256(path)

    line = cli.refused("contacts", "list")

    assert ("newer" in line) if kind == "newer" else ("another program" in line)
    assert sha256(path) == before
    assert not (cli.data_dir / "set-aside").exists()


def test_erase_then_restore_erases_again(cli: Cli, tmp_path: Path) -> None:
    person = cli.ok("contacts", "add", "--given", "Zqxwvyu", "--family", "Kovács").strip()
    cli.ok("contacts", "add", "--given", "Ada")
    exported = cli.json("contacts", "export-person", person, "-o", str(tmp_path / "out"))
    assert isinstance(exported, dict) and any(f.endswith(".json") for f in exported["files"])
    backup_id = str(cli.json("backup", "create")["id"])  # type: ignore[index]

    assert "--yes" in cli.refused("contacts", "erase", person)
    assert "Erased 1 contact" in cli.ok("contacts", "erase", person, "--yes")
    assert cli.json("search", "zqxwvyu") == []

    out = cli.ok("backup", "restore", backup_id)
    assert "Erased again: 1 contact" in out
    assert cli.json("search", "zqxwvyu") == []
    assert contact_names(cli) == ["Ada"]
    assert b"Zqxwvyu" not in (cli.data_dir / DB).read_bytes()


def test_erasures_in_a_damaged_file_set_aside_are_replayed_by_the_restore(cli: Cli) -> None:
    """Erased, then the file broke and was set aside at start: the backup must not resurrect."""
    cli.ok("demo", "--contacts", "300", "--interactions", "100")
    person = cli.ok("contacts", "add", "--given", "Zqxwvyu", "--family", "Kovács").strip()
    backup_id = str(cli.json("backup", "create")["id"])  # type: ignore[index]
    assert "Erased 1 contact" in cli.ok("contacts", "erase", person, "--yes")
    path = cli.data_dir / DB
    corrupt_middle_page(path)
    assert "damaged" in cli.refused("contacts", "list")  # moved to set-aside, unchanged
    [moved] = (cli.data_dir / "set-aside").glob("*.sqlite3")
    before = sha256(moved)

    out = cli.ok("backup", "restore", backup_id)

    assert "Erased again: 1 contact" in out
    assert cli.json("search", "zqxwvyu") == []
    assert b"Zqxwvyu" not in path.read_bytes()
    assert sha256(moved) == before and sidecars(moved) == []  # read, never written
