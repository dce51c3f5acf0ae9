"""``crm-desktop report``: files written, --list, bad names, delimiters, --raw."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from crm_desktop.cli import main
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import ContactInput, InteractionInput, LabeledValue
from crm_desktop.services.interactions import InteractionService
from crm_desktop.storage.database import open_database


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    """main() sets a private umask for the process; give the next test its own back."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture
def data_dir(tmp_data_dir: Path) -> Path:
    db = open_database(tmp_data_dir / "crm.sqlite3")
    try:
        anna = ContactService(db).create(
            ContactInput(given_name="Anna", phones=(LabeledValue("+49 30 123"),))
        )
        InteractionService(db).log(
            InteractionInput(
                (anna.id,), "call", datetime(2026, 11, 10, 9, tzinfo=UTC), subject="=1+1"
            )
        )
    finally:
        db.close()
    return tmp_data_dir


def run(data_dir: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_report_writes_a_safe_csv_with_bom(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "i.csv"
    code, out, err = run(data_dir, capsys, "report", "interactions", "-o", str(target))
    assert (code, err) == (0, "")
    assert out.startswith("interactions: 1 rows written to")
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,occurred_at,contacts,kind,")
    assert b",'=1+1," in data and data.endswith(b"\r\n")
    assert not (tmp_path / "i.csv.partial").exists()


def test_tab_delimiter_plain_utf8_raw_and_a_period(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "c.tsv"
    argv = ["report", "contacts", "-o", str(target), "--delimiter", "tab", "--encoding", "utf-8"]
    code, out, err = run(data_dir, capsys, *argv, "--raw", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["rows"] == 1
    lines = target.read_bytes().decode().split("\r\n")
    assert lines[0].startswith("id\tdisplay_name\t")
    assert "\t+49 30 123\t" in lines[1]
    period = ["--from", "2026-11-11", "--to", "2026-11-30"]
    code, out, err = run(data_dir, capsys, "report", "interactions", "-o", str(target), *period)
    assert code == 0 and target.read_bytes().count(b"\r\n") == 1  # the header only


def test_list_names_every_report(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(data_dir, capsys, "report", "--list")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert names == [
        "contacts", "interactions", "meeting-outcomes", "upcoming", "follow-ups",
        "revenue-by-customer", "lead-sources", "pipeline",
    ]  # fmt: skip


def test_every_report_runs_from_the_cli(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("meeting-outcomes", "upcoming", "follow-ups", "revenue-by-customer",
                 "lead-sources", "pipeline"):  # fmt: skip
        code, _, err = run(data_dir, capsys, "report", name, "-o", str(tmp_path / f"{name}.csv"),
                           "--delimiter", ";", "--by", "month")  # fmt: skip
        assert code == 0, (name, err)
        assert (tmp_path / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "nonsense", "-o", "x.csv"], "no report named 'nonsense'"),
        (["report", "contacts"], "-o FILE.csv"),
        (["report", "contacts", "-o", "x.csv", "--from", "2026-02-30"], "--from"),
        (["report", "contacts", "-o", "/no/such/dir/x.csv"], "no such folder"),
    ],
)
def test_user_errors_exit_1_with_one_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(data_dir, capsys, *argv)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_report_progress_on_a_terminal_only(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "i.csv"
    code, out, err = run(data_dir, capsys, "report", "interactions", "-o", str(target))
    assert (code, err) == (0, "") and "\r" not in out  # a pipe: the summary alone
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    code, _, err = run(data_dir, capsys, "report", "interactions", "-o", str(target))
    assert (code, err) == (0, "")
    shown, _, summary = terminal.getvalue().rpartition("\r\x1b[K")
    assert shown == "\r\x1b[Kinteractions: 1 rows"
    assert summary.startswith("interactions: 1 rows written to")


def test_ctrl_c_mid_report_leaves_no_file(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from crm_desktop.reports import writer

    real = writer.write_csv

    def interrupted(table: writer.Table, *args: Any, **kwargs: Any) -> int:
        def batches() -> Iterator[Any]:
            yield from table.batches
            raise KeyboardInterrupt  # after the rows, before the rename

        return real(writer.Table(table.header, batches(), table.cooked), *args, **kwargs)

    monkeypatch.setattr(writer, "write_csv", interrupted)
    target = tmp_path / "i.csv"
    code, out, err = run(data_dir, capsys, "report", "interactions", "-o", str(target))
    assert (code, out) == (1, "")
    assert err == f"crm-desktop: report interrupted; {target} was not written\n"
    assert not target.exists() and list(tmp_path.glob("*.partial")) == []
