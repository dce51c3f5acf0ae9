"""The crm-desktop command on a full disk or a read-only data folder: one line, exit 1,
nothing half-saved, and every read command still works."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event
from support import cli as support_cli
from support.cli import Cli
from support.read_only import read_only_folder

from crm_desktop.storage import database as database_module
from crm_desktop.storage.errors import DISK_FULL_MESSAGE, READ_ONLY_MESSAGE

REPO = Path(__file__).resolve().parents[2]
READ_ONLY_NOTE = "the data folder is read-only, so the database was opened for reading only"


keep_umask = support_cli.keep_umask


@pytest.fixture
def cli(tmp_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    cli = Cli(tmp_data_dir, capsys)
    cli.ok("contacts", "add", "--given", "Ada", "--family", "Lovelace")
    return cli


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def contact_names(cli: Cli) -> str:
    return cli.ok("contacts", "list")


# -- full disk ------------------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every engine the command opens is capped at the file's size: the next page is full."""
    real = database_module.make_engine

    def capped(path: Path) -> Engine:
        engine = real(path)

        def cap(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

        event.listen(engine, "connect", cap)
        return engine

    monkeypatch.setattr(database_module, "make_engine", capped)


def test_a_full_disk_is_one_line_and_loses_nothing(cli: Cli, full_disk: None) -> None:
    before = contact_names(cli)
    result: tuple[int, str, str] = (0, "", "")
    for i in range(300):  # free space in existing pages runs out within a few saves
        result = cli("contacts", "add", "--given", f"Filler{i}", "--notes", "z" * 3000)
        if result[0] != 0:
            break
        before = contact_names(cli)
    code, out, err = result
    assert code == 1
    assert out == ""
    assert one_line(err) == f"crm-desktop: {DISK_FULL_MESSAGE}"
    assert contact_names(cli) == before  # reads still work; the failed save left nothing
    assert "Ada" in before


# -- read-only data folder ------------------------------------------------------------


def test_read_commands_work_on_a_read_only_folder(cli: Cli, tmp_path: Path) -> None:
    with read_only_folder(cli.data_dir):
        code, out, err = cli("contacts", "list")
        assert code == 0, err
        assert "Ada Lovelace" in out
        assert one_line(err) == f"crm-desktop: {READ_ONLY_NOTE}"

        code, out, err = cli("search", "Lovelace")
        assert code == 0, err
        assert "Ada Lovelace" in out

        code, out, err = cli("contacts", "show", "1")
        assert code == 0, err
        assert "Lovelace" in out

        report = tmp_path / "contacts.csv"  # written outside the read-only folder
        code, out, err = cli("report", "contacts", "-o", str(report))
        assert code == 0, err
        assert "Lovelace" in report.read_text(encoding="utf-8-sig")


def test_a_write_on_a_read_only_folder_is_one_line(cli: Cli) -> None:
    with read_only_folder(cli.data_dir):
        code, out, err = cli("contacts", "add", "--given", "Grace")
        assert code == 1
        assert out == ""
        assert one_line(err) == f"crm-desktop: {READ_ONLY_MESSAGE}"
    listed = contact_names(cli)
    assert "Grace" not in listed
    assert "Ada Lovelace" in listed


def test_check_works_on_a_read_only_folder(cli: Cli) -> None:
    with read_only_folder(cli.data_dir):
        assert cli.ok("check").startswith("ok")


def test_real_process_on_a_read_only_folder(cli: Cli) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    base = [sys.executable, "-m", "crm_desktop", "--data-dir", str(cli.data_dir)]
    with read_only_folder(cli.data_dir):
        listed = subprocess.run(
            [*base, "contacts", "list"], capture_output=True, text=True, env=env, timeout=60
        )
        added = subprocess.run(
            [*base, "contacts", "add", "--given", "Grace"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    assert listed.returncode == 0, listed.stderr
    assert "Ada Lovelace" in listed.stdout
    assert added.returncode == 1
    assert added.stdout == ""
    assert one_line(added.stderr) == f"crm-desktop: {READ_ONLY_MESSAGE}"
