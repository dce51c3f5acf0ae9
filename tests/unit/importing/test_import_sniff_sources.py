"""Reading CSV: encodings, delimiters, quoted newlines, oversized cells, and each layout."""

from __future__ import annotations

import codecs

import pytest

from crm_desktop.domain.dates import PartialDate
from crm_desktop.importing import csv_sources
from crm_desktop.importing.records import ImportRecord
from crm_desktop.importing.sniff import MAX_FIELD, read_rows, sniff
from crm_desktop.services.dto import LabeledValue

CZECH = (
    "Jméno;Příjmení;Firma\nAntonín;Dvořák;Hudba s.r.o.\n"
    "Łukasz;Żółkiewski;Spółka z o.o.\nPetr;Černý;Škoda\n"
)
GERMAN = (
    "Vorname;Nachname;Firma\nJürgen;Müller;Straße GmbH\n"
    "François;Lefèvre;Société Générale\nSøren;Ærø;Bær\n"
)
RUSSIAN = "Имя,Фамилия,Компания\nИван,Петров,ООО Ромашка\nМария,Сидорова,Газпром\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(CZECH, "cp1250"), (GERMAN, "cp1252"), (RUSSIAN, "cp1251")],
)
def test_excel_code_pages_are_detected(text: str, encoding: str) -> None:
    found = sniff(text.encode(encoding))
    assert (found.encoding, found.text) == (encoding, text)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + "Vorname,Nachname\nJürgen,Müller\n".encode(), "utf-8-sig"),
        ("Vorname,Nachname\nJürgen,Müller\n".encode(), "utf-8"),
        ("Vorname,Nachname\nJürgen,Müller\n".encode("utf-16"), "utf-16"),
    ],
)
def test_unicode_encodings(data: bytes, encoding: str) -> None:
    found = sniff(data)
    assert found.encoding == encoding
    assert found.text == "Vorname,Nachname\nJürgen,Müller\n"


def test_encoding_override_wins() -> None:
    data = GERMAN.encode("cp1252")
    assert sniff(data, encoding="latin-1").encoding == "latin-1"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters(delimiter: str) -> None:
    text = delimiter.join(["First Name", "Last Name", "Notes"]) + "\n"
    text += delimiter.join(["Anna", "Berg", '"a, b; c\td"']) + "\n"
    found = sniff(text.encode())
    assert found.delimiter == delimiter
    rows = list(read_rows(found.text, found.delimiter))
    assert rows[1] == ["Anna", "Berg", "a, b; c\td"]


def test_quoted_newlines_and_oversized_cells_become_row_problems() -> None:
    big = "x" * (MAX_FIELD + 1)
    text = f'First Name,Notes\nAnna,"line one\nline two"\nBen,{big}\nCara,ok\n'
    found = sniff(text.encode())
    rows = read_rows(found.text, found.delimiter)
    layout = csv_sources.layout_for(next(rows), "csv")
    records = list(csv_sources.records(layout, rows))
    assert [r.row for r in records] == [2, 3, 4]
    assert records[0].contact is not None and records[0].contact.notes == "line one\nline two"
    assert records[1].contact is None and records[1].problem is not None
    assert records[1].problem.field == "Notes"
    assert big not in records[1].problem.message
    assert records[2].contact is not None


def _records(
    text: str, fmt: str = "auto", mapping: dict[str, str] | None = None
) -> list[ImportRecord]:
    found = sniff(text.encode())
    rows = read_rows(found.text, found.delimiter)
    layout = csv_sources.layout_for(next(rows), fmt, mapping)
    return list(csv_sources.records(layout, rows))


GOOGLE = (
    "First Name,Middle Name,Last Name,Organization Name,Organization Title,Birthday,Notes,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,"
    "Address 1 - Street,Address 1 - City,Address 1 - Postal Code,Address 1 - Country\n"
    "Anna,,Berg,ACME,CEO,--03-01,Likes tea,* myContacts ::: Friends ::: VIP,* Work,"
    "anna@acme.example ::: anna@home.example,Mobile,+49 30 1234567,Home,Hauptstr. 1,Berlin,10115,"
    "Germany\n"
)
GOOGLE_LEGACY = (
    "Name,Given Name,Additional Name,Family Name,Birthday,Notes,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,"
    "Organization 1 - Title\n"
    "Anna Berg,Anna,,Berg,1980-03-01,,* myContacts ::: Friends,* Home,anna@home.example,"
    "Work,+49 30 7654321,ACME,CEO\n"
)


def test_google_current_headers() -> None:
    [record] = _records(GOOGLE)
    assert record.source == "google"
    c = record.contact
    assert c is not None
    assert (c.given_name, c.family_name, c.organization, c.job_title) == (
        "Anna",
        "Berg",
        "ACME",
        "CEO",
    )
    assert c.birthday == PartialDate(3, 1)
    assert c.tags == ("Friends", "VIP")
    assert c.emails == (
        LabeledValue("anna@acme.example", "work"),
        LabeledValue("anna@home.example", "work"),
    )
    assert c.phones == (LabeledValue("+49 30 1234567", "mobile"),)
    assert c.addresses[0].city == "Berlin" and c.addresses[0].label == "home"
    assert c.notes == "Likes tea"


def test_google_legacy_headers() -> None:
    [record] = _records(GOOGLE_LEGACY)
    c = record.contact
    assert record.source == "google" and c is not None
    assert (c.display_name, c.given_name, c.organization) == ("Anna Berg", "Anna", "ACME")
    assert c.birthday == PartialDate(3, 1, 1980)
    assert c.tags == ("Friends",)
    assert c.phones == (LabeledValue("+49 30 7654321", "work"),)


def test_outlook_english() -> None:
    text = (
        "First Name,Middle Name,Last Name,Company,Job Title,Business Phone,Mobile Phone,"
        "E-mail Address,E-mail 2 Address,Birthday,Notes,Categories,Business City\n"
        "Anna,,Berg,ACME,CEO,+1 212 555 0100,+1 917 555 0101,anna@acme.example,,3/1/1980,"
        "Hi,Clients;VIP,New York\n"
        "Ben,,Cole,,,,,ben@x.example,,0/0/00,,,\n"
    )
    first, second = _records(text)
    assert first.source == "outlook"
    c = first.contact
    assert c is not None
    assert c.birthday == PartialDate(3, 1, 1980)
    assert c.tags == ("Clients", "VIP")
    assert [p.label for p in c.phones] == ["mobile", "work"]
    assert c.addresses[0].city == "New York" and c.addresses[0].label == "work"
    assert second.contact is not None and second.contact.birthday is None


def test_outlook_german() -> None:
    text = (
        "Vorname;Nachname;Firma;E-Mail-Adresse;Mobiltelefon;Geburtstag;Kategorien\n"
        "Jürgen;Müller;Straße GmbH;j@example.de;+49 171 1234567;24.12.1970;Kunden\n"
    )
    [record] = _records(text)
    c = record.contact
    assert record.source == "outlook" and c is not None
    assert (c.given_name, c.family_name, c.organization) == ("Jürgen", "Müller", "Straße GmbH")
    assert c.emails == (LabeledValue("j@example.de"),)
    assert c.phones == (LabeledValue("+49 171 1234567", "mobile"),)
    assert c.birthday == PartialDate(12, 24, 1970)
    assert c.tags == ("Kunden",)


def test_generic_csv_with_a_mapping() -> None:
    text = "Kunde,Mail,Handy,Egal\nAnna Berg,anna@x.example,+49 171 1234567,zzz\n"
    mapping = csv_sources.parse_map(
        ["Kunde=display_name", "Mail=email", "Handy=phone", "Egal=ignore"]
    )
    [record] = _records(text, mapping=mapping)
    c = record.contact
    assert record.source == "csv" and c is not None
    assert c.display_name == "Anna Berg"
    assert c.emails == (LabeledValue("anna@x.example"),)
    assert c.phones == (LabeledValue("+49 171 1234567"),)


def test_unknown_headers_without_a_mapping_are_refused() -> None:
    with pytest.raises(csv_sources.UnknownFormatError):
        _records("Foo,Bar\n1,2\n")
    with pytest.raises(ValueError, match="unknown field"):
        csv_sources.parse_map(["Foo=shoe_size"])


def test_a_bad_birthday_is_a_row_problem_naming_the_field() -> None:
    [record] = _records("First Name,Birthday\nAnna,31.31.1980x\n", "google")
    assert record.contact is None and record.problem is not None
    assert record.problem.field == "Birthday"
    assert "1980" not in record.problem.message
