"""The bulk contact reader gives the same cards as ``ContactService.get``, byte for byte."""

from __future__ import annotations

import uuid
from dataclasses import fields

import pytest
from support import factories

from crm_desktop.domain.dates import PartialDate
from crm_desktop.interchange.contact_cards import (
    ContactCard,
    count_live,
    read_cards,
    vcard_batches,
)
from crm_desktop.interchange.vcard_write import VCardVersion, contact_uid, vcard
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import Address, ContactInput, ImportantDate, LabeledValue
from crm_desktop.storage.database import Database

db = factories.db
db_path = factories.db_path
template_db = factories.template_db

LONG_NOTE = "Árvíztűrő tükörfúrógép; Ελληνικά, 日本語のメモ\nzweite Zeile\r\nthird, line " * 3


def full(i: int) -> ContactInput:
    """Every field a card holds, filled, with several values and awkward text."""
    return ContactInput(
        given_name=f"Zoë{i}",
        middle_name="Ñandú",
        family_name=f"Őri-Łukasz {i}",
        organization=f"Ac;me, Kft. {i % 3}",
        job_title="Head of R&D, EMEA",
        emails=(
            LabeledValue(f"zoe{i}@example.org", "work"),
            LabeledValue(f"z{i}@home.example", "home"),
            LabeledValue(f"z{i}@club.example", "Tennis club"),
            LabeledValue(f"plain{i}@example.net", None),
        ),
        phones=(
            LabeledValue("+49 30 1234567", "mobile"),
            LabeledValue("+36 1 234 5678", "Ferienhaus"),
            LabeledValue("030 999", None),
        ),
        addresses=(
            Address("work", "Hauptstraße 1", "3. OG", "Berlin", "BE", "10115", "Deutschland"),
            Address("Summer, house", "Rue de l'Église; 2", None, "Nice", None, "06000", "France"),
            Address(None, None, None, "Budapest", None, None, None),
        ),
        birthday=PartialDate(2, 29) if i % 2 else PartialDate(7, 14, 1961),
        birthday_reminder_days=(7, 1) if i % 3 == 0 else None,
        dates=(
            ImportantDate("Anniversary", PartialDate(6, 1, 2001)),
            ImportantDate("Name day", PartialDate(12, 6)),
        ),
        tags=("vip", "Ügyfél", "alpha", "Zebra"),
        lead_source="Trade fair",
        status="customer",
        preferred_channel="email",
        interests="Sailing, jazz; 🎷",
        preferences="No calls before 10",
        notes=LONG_NOTE,
        stay_in_touch_days=30,
    )


@pytest.fixture
def service(db: Database) -> ContactService:
    return ContactService(db)


@pytest.fixture
def contact_ids(service: ContactService) -> list[int]:
    """Full contacts, a bare one, and trashed ones between them (chunks of 2 cross them)."""
    ids = [service.create(full(i)).id for i in range(5)]
    ids.append(service.create(ContactInput(given_name="Bare")).id)
    ids.append(service.create(ContactInput(organization="Only An Org GmbH")).id)
    trashed = [ids[1], ids[4]]
    service.trash(trashed)
    ids.append(service.create(full(9)).id)
    return [i for i in ids if i not in trashed]


def bulk(db: Database, chunk: int) -> list[ContactCard]:
    with db.read_raw() as conn:
        return [card for cards in read_cards(conn, chunk=chunk) for card in cards]


@pytest.mark.parametrize("chunk", [1, 2, 3, 2000])
def test_bulk_cards_equal_the_service_details(
    db: Database, service: ContactService, contact_ids: list[int], chunk: int
) -> None:
    cards = bulk(db, chunk)
    assert [c.id for c in cards] == sorted(contact_ids)  # live ones only, in id order
    for card in cards:
        detail = service.get(card.id)
        for f in fields(ContactCard):
            assert getattr(card, f.name) == getattr(detail, f.name), f.name


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_bulk_vcards_are_byte_identical(
    db: Database, service: ContactService, contact_ids: list[int], version: VCardVersion
) -> None:
    expected = "".join(vcard(service.get(i), version) for i in sorted(contact_ids))
    with db.read_raw() as conn:
        batches = list(vcard_batches(conn, version, chunk=2))
        total = count_live(conn)
    assert b"".join(data for data, _ in batches) == expected.encode("utf-8")
    assert [n for _, n in batches] == [2, 2, 2] and total == len(contact_ids) == 6
    text = expected
    assert "BDAY:--0229" in text if version == "4.0" else "BDAY:--02-29" in text
    assert "CATEGORIES:alpha,vip,Zebra,Ügyfél" in text  # sorted as the service sorts


def test_empty_database_has_no_cards(db: Database) -> None:
    with db.read_raw() as conn:
        assert list(vcard_batches(conn)) == [] and count_live(conn) == 0


def test_contact_uid_is_uuid5(db: Database, service: ContactService) -> None:
    detail = service.get(service.create(full(1)).id)
    namespace = uuid.UUID("6b0f3c52-5d1e-4a57-9f0e-2f4b8f3a9c11")
    seed = f"{detail.id}:{detail.created_at.isoformat()}"
    assert contact_uid(detail) == f"urn:uuid:{uuid.uuid5(namespace, seed)}"
