"""``crm-desktop export contacts|interactions|vcard|ics -o PATH``: files, modes, exit codes."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest

from crm_desktop.cli import main
from crm_desktop.domain.dates import PartialDate
from crm_desktop.domain.recurrence import Frequency, Recurrence
from crm_desktop.interchange.vcard_read import read_vcards
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import (
    ContactInput,
    EventInput,
    InteractionInput,
    LabeledValue,
    TaskInput,
)
from crm_desktop.services.events import EventService
from crm_desktop.services.interactions import InteractionService
from crm_desktop.services.tasks import TaskService
from crm_desktop.storage.database import open_database


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture
def data_dir(tmp_data_dir: Path) -> Path:
    db = open_database(tmp_data_dir / "crm.sqlite3")
    try:
        anna = ContactService(db).create(
            ContactInput(
                given_name="Anna",
                family_name="Őri",
                phones=(LabeledValue("+49 30 123", "work"),),
                emails=(LabeledValue("anna@example.org", "home"),),
                birthday=PartialDate(2, 29),
                tags=("VIP",),
            )
        )
        InteractionService(db).log(
            InteractionInput((anna.id,), "call", datetime(2026, 11, 10, 9, tzinfo=UTC), subject="x")
        )
        tz = "Europe/Berlin"
        EventService(db).create(
            EventInput(
                "Weekly",
                datetime(2026, 3, 2, 8, tzinfo=UTC),
                datetime(2026, 3, 2, 9, tzinfo=UTC),
                tz,
                contact_ids=(anna.id,),
                reminder_minutes=(15,),
                recurrence=Recurrence(Frequency.WEEKLY, count=10),
            )
        )
        TaskService(db).create(TaskInput("Send offer", contact_id=anna.id))
    finally:
        db.close()
    return tmp_data_dir


def run(data_dir: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_export_vcard(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], version: str
) -> None:
    target = tmp_path / "all.vcf"
    code, out, err = run(
        data_dir, capsys, "export", "vcard", "-o", str(target), "--vcard-version", version
    )
    assert (code, err) == (0, "")
    assert "1 contacts as vCard" in out
    assert private(target)
    assert not (tmp_path / "all.vcf.partial").exists()
    [(_, card)] = list(read_vcards(target.read_bytes()))
    assert isinstance(card, ContactInput)
    assert (card.given_name, card.family_name, card.birthday) == ("Anna", "Őri", PartialDate(2, 29))
    assert card.emails == (LabeledValue("anna@example.org", "home"),)
    assert card.tags == ("VIP",)


def test_export_ics(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "calendar.ics"
    code, out, err = run(data_dir, capsys, "export", "ics", "-o", str(target))
    assert (code, err) == (0, "")
    assert "1 events, 1 tasks, 1 birthdays" in out
    assert private(target)
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    [birthday, weekly] = sorted(cal.walk("VEVENT"), key=lambda e: str(e["SUMMARY"]))
    assert "DTSTART;TZID=Europe/Berlin:20260302T090000" in target.read_text()
    assert weekly["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=10"
    assert [str(a["TRIGGER"].to_ical(), "ascii") for a in weekly.walk("VALARM")] == ["-PT15M"]
    assert birthday["RRULE"].to_ical() == b"FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2"
    assert [str(t["SUMMARY"]) for t in cal.walk("VTODO")] == ["Send offer"]


@pytest.mark.parametrize("kind", ["contacts", "interactions"])
def test_export_csv_is_the_report_with_all_rows(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    target = tmp_path / f"{kind}.csv"
    code, out, err = run(data_dir, capsys, "export", kind, "-o", str(target), "--format", "json")
    assert (code, err) == (0, "")
    assert '"items": 1' in out
    assert private(target)
    text = target.read_text(encoding="utf-8-sig")
    assert len(text.strip().splitlines()) == 2
    assert ("Anna" if kind == "contacts" else "call") in text


def test_export_errors(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(data_dir, capsys, "export", "vcard", "-o", str(tmp_path / "no" / "x.vcf"))
    assert code == 1 and err.startswith("crm-desktop: no such folder")
    code, _, err = run(data_dir, capsys, "export", "ics", "-o", str(tmp_path))
    assert code == 1 and "is a folder" in err
    with pytest.raises(SystemExit) as usage:
        run(data_dir, capsys, "export", "pdf", "-o", str(tmp_path / "x"))
    assert usage.value.code == 2


class Terminal(io.StringIO):
    """A stdout that says it is a terminal (the progress line's condition)."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("kind", "progress"),
    [("vcard", "vcard: 1 / 1 contacts"), ("ics", "ics: writing 3 items"), ("contacts", "rows")],
)
def test_a_terminal_sees_a_progress_line_then_the_summary(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    progress: str,
) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    code, _, err = run(data_dir, capsys, "export", kind, "-o", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    text = terminal.getvalue()
    assert text.startswith("\r\x1b[K") and progress in text
    shown, _, summary = text.rpartition("\r\x1b[K")  # erased, then the usual line
    assert progress in shown
    assert summary.startswith(f"{kind}: ") and summary.endswith(" s\n") and "\r" not in summary


def test_a_pipe_sees_only_the_summary(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(data_dir, capsys, "export", "vcard", "-o", str(tmp_path / "x.vcf"))
    assert (code, err) == (0, "")
    assert "\r" not in out and "\x1b" not in out and len(out.splitlines()) == 1


def test_ctrl_c_mid_export_leaves_no_file(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from crm_desktop.interchange import contact_cards

    real = contact_cards.vcard_batches
    target = tmp_path / "all.vcf"
    seen: list[bool] = []

    def interrupted(*args: object, **kwargs: object) -> Iterator[tuple[bytes, int]]:
        yield from real(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(Path(f"{target}.partial").exists())  # written to, not yet renamed
        raise KeyboardInterrupt

    monkeypatch.setattr(contact_cards, "vcard_batches", interrupted)
    code, out, err = run(data_dir, capsys, "export", "vcard", "-o", str(target))
    assert seen == [True]
    assert (code, out) == (1, "")
    assert err == f"crm-desktop: export interrupted; {target} was not written\n"
    assert not target.exists() and list(tmp_path.glob("*.partial")) == []


def test_ics_reminds_as_the_app_settings_say(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from crm_desktop.domain.dates import Feb29Policy
    from crm_desktop.services.reminders import ReminderService

    db = open_database(data_dir / "crm.sqlite3")
    try:
        ReminderService(db).set_birthday_days((3,))
        ReminderService(db).set_feb29_policy(Feb29Policy.MAR_1)
    finally:
        db.close()
    target = tmp_path / "calendar.ics"
    code, _, err = run(data_dir, capsys, "export", "ics", "-o", str(target))
    assert (code, err) == (0, "")
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    birthday = next(e for e in cal.walk("VEVENT") if "BIRTHDAY" in e.to_ical().decode())
    assert birthday["RRULE"].to_ical() == b"FREQ=YEARLY;BYYEARDAY=60"  # the setting: 1 March
    assert [str(a["TRIGGER"].to_ical(), "ascii") for a in birthday.walk("VALARM")] == ["-P2DT15H"]
    [todo] = cal.walk("VTODO")
    assert todo.walk("VALARM") == []  # no due date: the app never reminds it
    code, _, _ = run(data_dir, capsys, "export", "ics", "-o", str(target), "--feb29", "feb28")
    birthday = next(
        e
        for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
        if "BIRTHDAY" in e.to_ical().decode()
    )
    assert code == 0 and birthday["RRULE"].to_ical() == b"FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2"
