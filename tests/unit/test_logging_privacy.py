"""No personal data in logs or crash reports, proven with sentinel values under DEBUG logging.

Every command and service call below handles a sentinel in names, e-mail addresses, notes,
search text, a failing validation, an IntegrityError, an import with errors and unhandled
exceptions; then every file in the log directory is searched for it: it must be absent, while
the log itself shows that it was written at DEBUG (SQL statements with hidden parameters).
"""

from __future__ import annotations

import logging
import os
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from crm_desktop import logging_setup
from crm_desktop.cli import main
from crm_desktop.crash_report import build_report, fingerprint, scrubbed_traceback
from crm_desktop.domain.errors import ValidationError
from crm_desktop.paths import AppPaths
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import ContactInput, LabeledValue
from crm_desktop.storage.database import open_database

SENTINEL = "Qzxsentinelvq"
MAIL = f"{SENTINEL.lower()}@example.com"


def log_text(log_dir: Path) -> str:
    files = [p for p in log_dir.rglob("*") if p.is_file()]
    assert files, "nothing was logged"
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


def assert_no_sentinel(text_: str) -> None:
    assert SENTINEL.lower() not in text_.lower()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(logging_setup.DEBUG_ENV, "1")
    saved_hooks = (sys.excepthook, threading.excepthook)
    old_umask = os.umask(0o022)
    os.umask(old_umask)
    yield tmp_path / "data"
    sys.excepthook, threading.excepthook = saved_hooks
    os.umask(old_umask)
    logging_setup.uninstall()


def cli(data_dir: Path, *argv: str) -> int:
    return main(["--data-dir", str(data_dir), "--debug", *argv])


def test_no_sentinel_in_logs_under_debug(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(data_dir, "check") == 0
    assert (
        cli(
            data_dir,
            "contacts",
            "add",
            "--given",
            SENTINEL,
            "--family",
            f"{SENTINEL}son",
            "--email",
            MAIL,
            "--phone",
            "+49 30 1234567",
            "--organization",
            f"{SENTINEL} GmbH",
            "--tag",
            SENTINEL,
            "--notes",
            f"secret {SENTINEL} notes",
        )
        == 0
    )
    contact_id = capsys.readouterr().out.split()[-1]
    # a failing validation: an e-mail address that contains the sentinel
    assert cli(data_dir, "contacts", "add", "--given", SENTINEL, "--email", f"{SENTINEL}@") == 1
    # a duplicate e-mail and name
    cli(data_dir, "contacts", "add", "--given", SENTINEL, "--email", MAIL)
    assert cli(data_dir, "search", SENTINEL) == 0
    assert SENTINEL in capsys.readouterr().out  # the search really found it
    assert cli(data_dir, "contacts", "show", contact_id) == 0
    assert cli(data_dir, "contacts", "list", "--format", "json") == 0
    assert (
        cli(
            data_dir,
            "log",
            contact_id,
            "--kind",
            "call",
            "--subject",
            SENTINEL,
            "--notes",
            SENTINEL,
        )
        == 0
    )
    # an import with errors
    csv_file = tmp_path / "import.csv"
    csv_file.write_text(
        "First Name,Last Name,E-mail 1 - Value,Notes\n"
        f"{SENTINEL}a,{SENTINEL}b,a.{MAIL},{SENTINEL} note\n"
        f"{SENTINEL}c,{SENTINEL}d,{SENTINEL}@,{SENTINEL} note\n"
        f"{SENTINEL},{SENTINEL}son,{MAIL},\n",
        encoding="utf-8",
    )
    assert cli(data_dir, "import", str(csv_file)) == 1
    assert SENTINEL in capsys.readouterr().out  # the rows were really processed
    assert cli(data_dir, "import", str(csv_file), "--format", "json", "--dry-run") == 1
    assert cli(data_dir, "check") == 0

    # service calls, logged as the application would log them
    paths = AppPaths.under(data_dir)
    log = logging.getLogger("crm_desktop.test_privacy")
    db = open_database(paths.database)
    service = ContactService(db, phone_region="DE")
    try:
        service.create(ContactInput(given_name=SENTINEL, emails=(LabeledValue(f"x{SENTINEL}@"),)))
    except ValidationError as exc:
        assert_no_sentinel(str(exc))  # the domain's errors never quote the value
        log.exception("validation failed")
    else:
        pytest.fail("the bad e-mail address was accepted")
    try:
        with db.write() as session:
            session.execute(text("INSERT INTO tag (name) VALUES (:n)"), {"n": SENTINEL})
    except IntegrityError as exc:
        assert_no_sentinel(str(exc))  # hide_parameters: bound values stay out of the text
        log.exception("saving failed")
    else:
        pytest.fail("the duplicate tag was accepted")
    # someone lowers SQLAlchemy's logger to DEBUG: result rows still stay out of the file
    logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)
    with db.read() as session:
        assert session.execute(text("SELECT name FROM tag")).all()
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
    assert service.search(SENTINEL)
    db.close()

    # exceptions whose messages carry the sentinel: logged by hooks and log.exception
    try:
        raise KeyError(SENTINEL)
    except KeyError:
        log.exception("lookup failed for a contact")
    logging_setup.install_excepthooks()
    try:
        raise ValueError(f"bad value {SENTINEL}")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    worker = threading.Thread(target=_raise_in_thread, name="privacy-worker")
    worker.start()
    worker.join()
    err = capsys.readouterr().err
    assert "ValueError" in err
    assert_no_sentinel(err)

    logging_setup.uninstall()
    everything = log_text(paths.log_dir)
    assert_no_sentinel(everything)
    # the log really was written at DEBUG, with SQL and the failures in it
    assert "logging at DEBUG" in everything
    assert "INSERT INTO contact" in everything
    assert "SQL parameters hidden" in everything
    assert "IntegrityError" in everything and "unhandled ValueError" in everything
    assert "thread privacy-worker" in everything


def _raise_in_thread() -> None:
    secret = SENTINEL  # a local value: never in a report
    raise RuntimeError(f"worker failed on {secret}")


def test_log_files_are_private(data_dir: Path) -> None:
    assert cli(data_dir, "check") == 0
    logging_setup.uninstall()
    log_dir = AppPaths.under(data_dir).log_dir
    assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700
    for path in log_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_info_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(logging_setup.DEBUG_ENV, raising=False)
    try:
        logging_setup.install(tmp_path / "log")
        assert logging.getLogger().level == logging.INFO
        assert logging.getLogger("sqlalchemy.engine").level == logging.WARNING
        logging_setup.install(tmp_path / "log", debug=True)
        assert logging.getLogger().level == logging.DEBUG
        assert logging.getLogger("sqlalchemy.engine").level == logging.INFO  # never DEBUG: rows
    finally:
        logging_setup.uninstall()


def _nested(value: str) -> None:
    email = value  # a local holding personal data
    try:
        int(email)
    except ValueError as exc:
        raise LookupError(f"no contact with e-mail {email}") from exc


def _fail_twice_here() -> BaseException:
    try:
        _nested(MAIL)
    except LookupError as exc:
        return exc
    raise AssertionError("unreachable")


def test_crash_report_is_scrubbed() -> None:
    exc = _fail_twice_here()
    report = build_report(exc)
    assert_no_sentinel(report)
    assert "LookupError" in report and "ValueError" in report  # the chain is kept, by type
    assert "in _nested" in report
    assert "test_logging_privacy.py" in report
    assert "CRM Desktop" in report and "SQLite" in report and "Python" in report
    assert str(Path.home()) not in report  # paths are cut to the package
    assert fingerprint(exc) in report


def test_fingerprint_is_stable_per_place() -> None:
    first, second = _fail_twice_here(), _fail_twice_here()
    assert fingerprint(first) == fingerprint(second)
    try:
        raise LookupError(SENTINEL)
    except LookupError as elsewhere:
        assert fingerprint(elsewhere) != fingerprint(first)
        assert_no_sentinel(scrubbed_traceback(elsewhere))
