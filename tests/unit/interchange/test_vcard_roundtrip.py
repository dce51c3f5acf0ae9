"""vCard 4.0 and 3.0 export read back by our reader (vobject) field for field."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime

import pytest

from crm_desktop.domain.dates import PartialDate
from crm_desktop.interchange.vcard_read import VCardError, read_vcards
from crm_desktop.interchange.vcard_write import escape_text, fold, vcard, vcards
from crm_desktop.services.dto import (
    Address,
    ContactDetail,
    ContactInput,
    Email,
    ImportantDate,
    Phone,
)

WHEN = datetime(2026, 3, 1, 12, tzinfo=UTC)


def detail(cid: int, **values: object) -> ContactDetail:
    # Fields added later (by other features) default to None here.
    base: dict[str, object] = {f.name: None for f in fields(ContactDetail)}
    base |= dict(
        id=cid,
        given_name=None,
        middle_name=None,
        family_name=None,
        display_name="",
        organization_id=None,
        organization=None,
        job_title=None,
        emails=(),
        phones=(),
        addresses=(),
        birthday=None,
        dates=(),
        tags=(),
        lead_source=None,
        status=None,
        preferred_channel=None,
        interests=None,
        preferences=None,
        notes=None,
        stay_in_touch_days=None,
        consents=(),
        last_contacted_at=None,
        created_at=WHEN,
        updated_at=WHEN,
        trashed_at=None,
    )
    base.update(values)
    return ContactDetail(**base)  # type: ignore[arg-type]


FULL = detail(
    1,
    given_name="Árpád",
    middle_name="Zoltán",
    family_name="Őri-Kovács",
    display_name="Dr. Árpád Őri-Kovács",
    organization="Kovács & Társa; Kft., Budapest",
    job_title="Ügyvezető, CEO",
    emails=(Email("arpad@example.hu", "work"), Email("a.ori@example.com", "Privát\\posta")),
    phones=(
        Phone("+36 30 123 4567", "+36301234567", "mobile"),
        Phone("+36 1 234 5678", None, "work"),
        Phone("06 1 999", None, None),
    ),
    addresses=(
        Address("home", "Fő utca 1.; 2. em.", "Apt 3", "Budapest", "Pest", "1011", "Hungary"),
        Address("Nyaraló", "Tó part 5", None, "Siófok", None, "8600", "HU"),
    ),
    birthday=PartialDate(5, 17, 1975),
    dates=(
        ImportantDate("Házassági évforduló", PartialDate(6, 1, 2001)),
        ImportantDate("first call", PartialDate(2, 29)),
    ),
    tags=("VIP", "partner, key", "Ελληνικά"),
    lead_source="Trade fair",
    status="Customer",
    preferred_channel="email",
    interests="wine; sailing",
    preferences="no calls before 10",
    notes="Line one\nLine two: a, b; c \\ d\n" + "ő" * 80,
    stay_in_touch_days=30,
)
YEARLESS = detail(2, given_name="Ελένη", display_name="Ελένη", birthday=PartialDate(2, 29))


def read_one(text: str) -> ContactInput:
    [(number, card)] = list(read_vcards(text))
    assert number == 1
    assert isinstance(card, ContactInput), str(card)
    return card


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_every_field_survives_a_round_trip(version: str) -> None:
    text = vcard(FULL, version)  # type: ignore[arg-type]
    assert text.startswith(f"BEGIN:VCARD\r\nVERSION:{version}\r\n")
    assert read_one(text) == FULL.to_input()


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_birthday_without_a_year_round_trips(version: str) -> None:
    text = vcard(YEARLESS, version)  # type: ignore[arg-type]
    assert ("BDAY:--0229" if version == "4.0" else "BDAY:--02-29") in text
    assert read_one(text).birthday == PartialDate(2, 29)


def test_many_cards_in_one_file_read_back_in_order() -> None:
    people = [detail(i, given_name=f"Name{i}", display_name=f"Name{i}") for i in range(1, 301)]
    text = "".join(vcards(people))
    read = list(read_vcards(text.encode("utf-8")))
    assert [n for n, _ in read] == list(range(1, 301))
    assert [c.display_name for _, c in read if isinstance(c, ContactInput)] == [
        p.display_name for p in people
    ]


def test_lines_fold_at_75_octets_without_splitting_characters() -> None:
    text = vcard(FULL)
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    folded = fold("NOTE:" + "ő" * 100)
    assert folded.endswith("\r\n")
    assert folded.replace("\r\n ", "").rstrip("\r\n") == "NOTE:" + "ő" * 100


def test_text_escaping_follows_rfc_6350() -> None:
    assert escape_text("a\\b,c;d\ne\r\nf") == "a\\\\b\\,c\\;d\\ne\\nf"


def test_labels_become_types_or_apple_labels() -> None:
    text = vcard(FULL)
    assert "TEL;TYPE=cell:+36 30 123 4567" in text
    assert "EMAIL;TYPE=work:arpad@example.hu" in text
    assert "item1.EMAIL:a.ori@example.com\r\nitem1.X-ABLabel:Privát\\\\posta" in text


def test_uid_is_stable_and_differs_between_contacts() -> None:
    assert vcard(FULL) == vcard(FULL)
    uid = [line for line in vcard(FULL).split("\r\n") if line.startswith("UID:")]
    other = [line for line in vcard(YEARLESS).split("\r\n") if line.startswith("UID:")]
    assert uid != other and uid[0].startswith("UID:urn:uuid:")


def test_a_card_with_nothing_usable_is_an_error_not_a_crash() -> None:
    [(_, error)] = list(read_vcards("BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:x\r\nEND:VCARD\r\n"))
    assert isinstance(error, VCardError)
    assert str(error).startswith("card 1: ")
