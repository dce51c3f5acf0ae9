"""The Reports window's export jobs: bulk vCard reading, progress, Cancel, ics alarms.

The jobs run on the database thread in the window; here they are called
directly (no widgets), with the same progress and cancel arguments.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
from support import factories

from crm_desktop.domain.dates import PartialDate
from crm_desktop.gui.dialogs.reports_jobs import ExportCancelled, export_ics, export_vcard
from crm_desktop.interchange.vcard_write import vcard
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.demo_data import generate_demo
from crm_desktop.services.dto import ContactInput
from crm_desktop.services.reminders import ReminderService
from crm_desktop.storage.database import Database

db = factories.db
db_path = factories.db_path
template_db = factories.template_db

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


@pytest.fixture
def many(db: Database) -> Database:
    """4,500 contacts: three rounds of the bulk reader (2,000 each), ~3,800 birthdays."""
    generate_demo(db, contacts=4500, interactions=0, today=date(2026, 11, 20))
    return db


def test_vcard_export_reports_each_round_and_writes_the_cards_get_would(
    many: Database, tmp_path: Path
) -> None:
    target = tmp_path / "all.vcf"
    seen: list[int] = []
    cards = export_vcard(many, target, "4.0", progress=lambda done, _total: seen.append(done))
    assert cards == 4500 and seen == [2000, 4000, 4500]
    service = ContactService(many)
    first = vcard(service.get(min(service.ids()))).encode()
    assert target.read_bytes().startswith(first)  # id order, the same bytes as get()
    assert target.read_bytes().count(b"BEGIN:VCARD\r\n") == 4500


def test_cancel_during_the_vcard_export_leaves_no_file(many: Database, tmp_path: Path) -> None:
    target = tmp_path / "all.vcf"
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, _total: int) -> None:
        seen.append(done)
        cancel.set()  # the user pressed Cancel after the first round

    with pytest.raises(ExportCancelled):
        export_vcard(many, target, "3.0", progress=progress, cancel=cancel)
    assert seen == [2000]
    assert not target.exists() and list(tmp_path.glob("*.partial")) == []


def test_cancel_while_the_calendar_is_built_leaves_no_file(many: Database, tmp_path: Path) -> None:
    target = tmp_path / "calendar.ics"
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, _total: int) -> None:
        seen.append(done)
        cancel.set()

    with pytest.raises(ExportCancelled):
        export_ics(many, target, now=NOW, salt="x", progress=progress, cancel=cancel)
    assert seen == [1000]  # stopped in the build, long before the whole calendar
    assert not target.exists() and list(tmp_path.glob("*.partial")) == []


def test_the_calendar_export_reminds_as_the_settings_say(db: Database, tmp_path: Path) -> None:
    ContactService(db).create(ContactInput(given_name="Ann", birthday=PartialDate(4, 1)))
    ReminderService(db).set_birthday_days((1,))
    target = tmp_path / "calendar.ics"
    assert export_ics(db, target, now=NOW, salt="x") == (0, 0, 1)
    [event] = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    triggers = [a["TRIGGER"].to_ical() for a in event.walk("VALARM")]
    assert triggers == [b"-PT15H"]  # 09:00 the day before
