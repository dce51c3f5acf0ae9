"""``crm-desktop reminders due``: lists what would fire, claims nothing."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm_desktop.cli import main


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


def run(data_dir: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_reminders_due_json(tmp_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(
        tmp_data_dir,
        capsys,
        "contacts",
        "add",
        "--given",
        "Ελένη",
        "--family",
        "Παπαδοπούλου",
        "--birthday",
        "1980-11-25",
    )
    eleni = out.strip()
    run(
        tmp_data_dir,
        capsys,
        "meeting",
        "add",
        eleni,
        "--start",
        "2026-11-25T14:00Z",
        "--remind",
        "15m",
    )
    argv = ("reminders", "due", "--at", "2026-11-25T00:00Z", "--within", "1d", "--format", "json")
    listed = json.loads(run(tmp_data_dir, capsys, *argv))
    assert listed["within_seconds"] == 86400
    texts = {r["kind"]: r for r in listed["reminders"]}
    assert texts["birthday"]["text"] == "Ελένη Παπαδοπούλου turns 46 today"
    assert texts["birthday"]["contact_ids"] == [int(eleni)]
    assert texts["event"]["due_at"] == "2026-11-25T13:45:00+00:00"
    assert texts["event"]["occurrence_key"].endswith(":2026-11-25T14:00:00+00:00:15")
    # Nothing was claimed: the same question gives the same answer.
    assert json.loads(run(tmp_data_dir, capsys, *argv)) == listed
    text_out = run(
        tmp_data_dir, capsys, "reminders", "due", "--at", "2026-11-25T00:00Z", "--within", "1d"
    )
    assert "REMINDER" in text_out and "Παπαδοπούλου" in text_out


def test_reminders_due_bad_duration(tmp_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--data-dir", str(tmp_data_dir), "reminders", "due", "--within", "soon"])
    assert code == 1
    assert capsys.readouterr().err.startswith("crm-desktop: ")
