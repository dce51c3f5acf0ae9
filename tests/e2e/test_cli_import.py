"""``crm-desktop import``: text and JSON output, dry run, exit codes, re-import, bad usage."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm_desktop.cli import main

GOOGLE = (
    "First Name,Last Name,Birthday,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Value\n"
    "Anna,Berg,--02-29,* myContacts ::: VIP,* Work,anna@example.com,+49 30 1234567\n"
    "Ben,Cole,,,,ben@example.com,\n"
    "Bad,Mail,,,,nope@,\n"
)


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


def run(data_dir: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def google_csv(tmp_path: Path) -> Path:
    path = tmp_path / "google.csv"
    path.write_text(GOOGLE, encoding="utf-8")
    return path


def test_dry_run_json_then_import_then_reimport(
    tmp_data_dir: Path, google_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        tmp_data_dir, capsys, "import", str(google_csv), "--dry-run", "--format", "json"
    )
    report = json.loads(out)
    assert code == 1  # a row has an error
    assert report["format"] == "google" and report["dry_run"] is True
    assert report["summary"] == {"rows": 3, "created": 2, "merged": 0, "duplicates": 0, "errors": 1}
    assert report["rows"][2] == {
        "row": 4,
        "action": "error",
        "field": "E-mail",
        "message": report["rows"][2]["message"],
    }
    assert "nope@" not in out

    code, out, _ = run(tmp_data_dir, capsys, "import", str(google_csv))
    assert code == 1
    assert "row 4: error: E-mail:" in out
    assert "3 rows: 2 were created" in out
    code, out, _ = run(tmp_data_dir, capsys, "contacts", "list", "--format", "json")
    assert sorted(c["display_name"] for c in json.loads(out)) == ["Anna Berg", "Ben Cole"]

    code, out, _ = run(
        tmp_data_dir, capsys, "import", str(google_csv), "--format", "google", "--format", "json"
    )
    assert (
        json.loads(out)["summary"]["duplicates"] == 2 and json.loads(out)["summary"]["created"] == 0
    )


def test_dry_run_text_row_by_row(
    tmp_data_dir: Path, google_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(tmp_data_dir, capsys, "import", str(google_csv), "--dry-run")
    assert code == 1
    assert "row 2: created" in out and "row 4: error: E-mail" in out
    assert "2 would be created" in out


def test_clean_file_exits_0_and_map_works(
    tmp_data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("Kunde;Mail\nJürgen Müller;j@example.de\n".encode("cp1252"))
    code, out, err = run(
        tmp_data_dir,
        capsys,
        "import",
        str(path),
        "--map",
        "Kunde=display_name",
        "--map",
        "Mail=email",
        "--format",
        "json",
    )
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert (report["encoding"], report["delimiter"], report["format"]) == ("cp1252", ";", "csv")
    assert report["summary"]["created"] == 1


def test_user_errors_and_usage(
    tmp_data_dir: Path, tmp_path: Path, google_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(tmp_data_dir, capsys, "import", str(tmp_path / "missing.csv"))
    assert code == 1 and "could not read" in err
    unknown = tmp_path / "u.csv"
    unknown.write_text("Foo,Bar\n1,2\n")
    code, _, err = run(tmp_data_dir, capsys, "import", str(unknown))
    assert code == 1 and "--map" in err
    code, _, err = run(tmp_data_dir, capsys, "import", str(google_csv), "--map", "x=shoe")
    assert code == 1 and "unknown field" in err
    code, _, err = run(tmp_data_dir, capsys, "import", str(google_csv), "--encoding", "klingon")
    assert code == 1 and "unknown encoding" in err
    vcf = tmp_path / "one.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vera Card\r\nN:Card;Vera;;;\r\n"
        "EMAIL:vera@example.com\r\nEND:VCARD\r\n"
    )
    code, out, err = run(
        tmp_data_dir, capsys, "import", str(vcf), "--format", "vcard", "--format", "json"
    )
    if importlib.util.find_spec("crm_desktop.interchange") is None:
        assert code == 1 and "vCard" in err
    else:
        assert code == 0 and json.loads(out)["summary"]["created"] == 1
    with pytest.raises(SystemExit) as exc:
        run(tmp_data_dir, capsys, "import", str(google_csv), "--on-duplicate", "explode")
    assert exc.value.code == 2


def test_map_on_a_google_file_keeps_the_google_handling(
    tmp_data_dir: Path, google_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        tmp_data_dir,
        capsys,
        "import",
        str(google_csv),
        "--map",
        "Phone 1 - Value=notes",
        "--format",
        "json",
    )
    assert code == 1  # row 4's bad e-mail, as without --map
    assert json.loads(out)["format"] == "google"
    code, out, _ = run(tmp_data_dir, capsys, "contacts", "list", "--format", "json")
    [anna] = [c for c in json.loads(out) if c["display_name"] == "Anna Berg"]
    code, out, _ = run(
        tmp_data_dir, capsys, "contacts", "show", str(anna["id"]), "--format", "json"
    )
    detail = json.loads(out)
    assert detail["notes"] == "+49 30 1234567"
    assert detail["phones"] == []
    assert detail["tags"] == ["VIP"]  # Labels still become tags without "* myContacts"
    assert detail["birthday"] == {"month": 2, "day": 29, "year": None}  # --MM-DD
    code, _, err = run(tmp_data_dir, capsys, "import", str(google_csv), "--map", "Nope=notes")
    assert code == 1 and "no column 'Nope'" in err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_import_progress_line_on_a_terminal_then_the_usual_output(
    tmp_data_dir: Path,
    google_csv: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, piped, _ = run(tmp_data_dir, capsys, "import", str(google_csv), "--dry-run")
    assert code == 1 and "\r" not in piped  # not a terminal: no progress line
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    code, _, err = run(tmp_data_dir, capsys, "import", str(google_csv), "--dry-run")
    assert code == 1 and "\r" not in err
    shown, _, rest = terminal.getvalue().rpartition("\r\x1b[K")
    assert "import: checking 3 / 3 rows" in shown
    assert rest == piped  # erased, then exactly what a pipe gets
