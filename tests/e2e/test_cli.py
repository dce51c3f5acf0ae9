"""The crm-desktop command: in-process through ``main(argv)``, and once as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support import cli as support_cli
from support.cli import Cli
from support.factories import sha256, sidecars

from crm_desktop.domain.dates import PartialDate
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.events import EventService
from crm_desktop.services.interactions import InteractionService

REPO = Path(__file__).resolve().parents[2]


cli = support_cli.cli
keep_umask = support_cli.keep_umask


def assert_user_error(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("crm-desktop: ")
    assert "Traceback" not in err
    return lines[0]


def test_contacts_add_show_list(cli: Cli) -> None:
    out = cli.ok(
        "contacts",
        "add",
        "--given",
        "Ελένη",
        "--family",
        "Παπαδοπούλου",
        "--email",
        "eleni@example.gr",
        "--email",
        "e2@example.gr",
        "--phone",
        "+30 210 1234567",
        "--birthday",
        "--02-29",
        "--organization",
        "Ακρόπολη ΑΕ",
        "--tag",
        "vip",
        "--tag",
        "Kunde",
        "--status",
        "customer",
        "--notes",
        "met at the fair",
    )
    eleni = int(out.strip())
    joao = int(cli.ok("contacts", "add", "--given", "João", "--birthday", "1980-02-29").strip())
    assert joao != eleni

    database = cli.db()
    try:
        d = ContactService(database).get(eleni)
        assert d.birthday == PartialDate(2, 29)
        assert [e.address for e in d.emails] == ["eleni@example.gr", "e2@example.gr"]
        assert d.phones[0].e164 == "+302101234567"
        assert d.tags == ("Kunde", "vip") and d.status == "customer"
        assert ContactService(database).get(joao).birthday == PartialDate(2, 29, 1980)
    finally:
        database.close()

    shown = cli.ok("contacts", "show", str(eleni))
    assert "Ελένη Παπαδοπούλου" in shown
    assert "Ακρόπολη ΑΕ" in shown and "--02-29" in shown and "eleni@example.gr" in shown
    detail = cli.json("contacts", "show", str(eleni))
    assert isinstance(detail, dict)
    assert detail["id"] == eleni and detail["birthday"] == {"month": 2, "day": 29, "year": None}

    listed = cli.ok("contacts", "list", "--tag", "VIP")
    assert "Ελένη Παπαδοπούλου" in listed and "João" not in listed
    rows = cli.json("contacts", "list")
    assert [r["id"] for r in rows] == [joao, eleni]  # type: ignore[index, union-attr]  # by name
    assert_user_error(cli("contacts", "list", "--tag", "no-such-tag"))


def test_search_text_and_json(cli: Cli) -> None:
    joao = int(
        cli.ok(
            "contacts",
            "add",
            "--given",
            "João",
            "--family",
            "Gonçalves",
            "--phone",
            "+49 30 1234567",
        ).strip()
    )
    cli.ok("contacts", "add", "--given", "Ada")
    text_out = cli.ok("search", "joao")
    assert "João Gonçalves" in text_out and "Ada" not in text_out
    found = cli.json("search", "30 123")
    assert isinstance(found, list) and [r["id"] for r in found] == [joao]
    assert found[0]["display_name"] == "João Gonçalves"
    assert found[0]["phone"] == "+49 30 1234567"
    assert cli.json("search", 'NEAR("') == []
    assert len(cli.json("search", "a", "--limit", "1")) == 1  # type: ignore[arg-type]


def test_log_with_at(cli: Cli) -> None:
    cid = cli.ok("contacts", "add", "--given", "Ada").strip()
    iid = int(
        cli.ok(
            "log",
            cid,
            "--kind",
            "call",
            "--outcome",
            "no_answer",
            "--at",
            "2026-11-20T10:00+01:00",
            "--subject",
            "Offer",
            "--notes",
            "call back",
            "--duration",
            "15m",
        ).strip()
    )
    database = cli.db()
    try:
        row = InteractionService(database).get(iid)
        assert row.occurred_at == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
        assert (row.kind, row.outcome, row.subject, row.duration_minutes) == (
            "call",
            "no_answer",
            "Offer",
            15,
        )
        assert ContactService(database).get(int(cid)).last_contacted_at == row.occurred_at
    finally:
        database.close()
    assert_user_error(cli("log", cid, "--kind", "call", "--at", "2026-02-30T10:00"))


def test_meeting_add_with_two_reminders(cli: Cli) -> None:
    cid = cli.ok("contacts", "add", "--given", "Ada", "--family", "Lovelace").strip()
    eid = cli.json(
        "meeting",
        "add",
        cid,
        "--start",
        "2026-12-01T10:00+01:00",
        "--duration",
        "45m",
        "--remind",
        "15m",
        "--remind",
        "1d",
    )
    assert isinstance(eid, dict)
    database = cli.db()
    try:
        occ = EventService(database).get(eid["id"])
        assert occ.reminder_minutes == (15, 1440)
        assert occ.contact_ids == (int(cid),)
        assert occ.start.astimezone(UTC) == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
        assert occ.end - occ.start == timedelta(minutes=45)
        assert occ.title == "Meeting with Ada Lovelace"
    finally:
        database.close()


def test_check_is_clean(cli: Cli) -> None:
    cli.ok("contacts", "add", "--given", "Ada")
    assert cli.ok("check").startswith("ok")
    assert cli.json("check") == {"ok": True, "problems": []}


@pytest.mark.parametrize(
    "argv",
    [
        ["contacts", "add", "--given", "Ada", "--email", "ada@@example"],
        ["contacts", "add", "--given", "Ada", "--birthday", "2027-02-29"],
        ["contacts", "add", "--given", "Ada", "--status", "unknown-status"],
        ["contacts", "add"],
        ["contacts", "show", "424242"],
        ["log", "424242", "--kind", "call"],
        ["meeting", "add", "424242", "--start", "2026-12-01T10:00"],
    ],
)
def test_user_errors_exit_1_with_one_line(cli: Cli, argv: list[str]) -> None:
    line = assert_user_error(cli(*argv))
    assert "ada@@example" not in line
    database = cli.db()
    try:
        assert ContactService(database).count() == 0
    finally:
        database.close()


def test_a_text_file_in_place_of_the_database_is_set_aside_unchanged(cli: Cli) -> None:
    path = cli.data_dir / "crm.sqlite3"
    path.write_text("this is my shopping list\n", encoding="utf-8")
    before = sha256(path)
    line = assert_user_error(cli("contacts", "list"))
    assert "not a CRM Desktop database" in line and str(path) in line
    assert not path.exists()  # moved aside, never modified or deleted
    (kept,) = (cli.data_dir / "set-aside").glob("crm-*.sqlite3")
    assert sha256(kept) == before
    assert sidecars(kept) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["no-such-command"],
        ["contacts"],
        ["contacts", "add", "--given"],
        ["contacts", "show", "abc"],
        ["log", "1"],
        ["search", "x", "--format", "xml"],
    ],
)
def test_bad_usage_exits_2(cli: Cli, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli(*argv)
    assert caught.value.code == 2


def test_demo_then_check(cli: Cli) -> None:
    pytest.importorskip("crm_desktop.services.demo_data")
    summary = cli.json("demo", "--contacts", "40", "--interactions", "120", "--seed", "3")
    assert isinstance(summary, dict) and "summary" in summary
    assert cli.ok("check").startswith("ok")
    database = cli.db()
    try:
        assert ContactService(database).count() == 40
    finally:
        database.close()


def test_real_process_entry_point_and_exit_codes(tmp_data_dir: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    base = [sys.executable, "-m", "crm_desktop", "--data-dir", str(tmp_data_dir)]
    added = subprocess.run(
        [*base, "contacts", "add", "--given", "Ἀλέξανδρος", "--birthday", "--02-29"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip().isdigit() and added.stderr == ""
    refused = subprocess.run(
        [*base, "contacts", "add", "--given", "Ada", "--email", "not-an-address"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert refused.returncode == 1
    assert refused.stderr.startswith("crm-desktop: E-mail") and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert (tmp_data_dir / "crm.sqlite3").stat().st_mode & 0o077 == 0
