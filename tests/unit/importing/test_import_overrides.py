"""Column overrides on top of a preset: the touched columns change, the rest keep the preset.

Before, any mapping turned a Google or Outlook file into a plain CSV and lost
its `` ::: `` values, label columns, ``--MM-DD`` birthdays, Labels -> tags and
Outlook's dates; these tests pin both halves of the override.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from crm_desktop.domain.dates import PartialDate
from crm_desktop.importing import csv_sources
from crm_desktop.importing.sniff import read_rows, sniff
from crm_desktop.services.dto import Address, ContactInput, ImportantDate, LabeledValue

GOOGLE = (
    "First Name,Last Name,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Street,Address 1 - City,"
    "Custom Field 1 - Label,Custom Field 1 - Value\n"
    "Anna,Berg,--03-01,Likes tea,* myContacts ::: VIP ::: Friends,* Work,"
    "anna@acme.example ::: anna@home.example,Mobile,+49 30 1234567 ::: +49 171 7654321,"
    "Home,Hauptstr. 1,Berlin,Source,Trade fair\n"
)
# column indices of GOOGLE
G_NOTES, G_EMAIL_LABEL, G_EMAIL, G_CITY, G_CUSTOM = 3, 5, 6, 11, 13

OUTLOOK = (
    "First Name,Last Name,Company,E-mail Address,Mobile Phone,Business Phone,Birthday,"
    "Anniversary,Categories,Business Street,Business City,Home Street,Home City,Notes,User 1\n"
    "Anna,Berg,ACME,anna@acme.example,+1 917 555 0101,+1 212 555 0100,3/1/1980,6/15/2005,"
    "Clients;VIP,1 Main St,New York,2 Elm St,Boston,Hi,Referral\n"
)
O_COMPANY, O_BUSINESS_PHONE, O_ANNIVERSARY, O_HOME_CITY, O_NOTES, O_USER1 = 2, 5, 7, 12, 13, 14


def _contact(text: str, overrides: Mapping[int, str] | Mapping[str, str] | None = None) -> tuple:
    found = sniff(text.encode())
    rows = read_rows(found.text, found.delimiter)
    layout = csv_sources.layout_for(next(rows), "auto", overrides)
    [record] = list(csv_sources.records(layout, rows))
    assert record.problem is None, record.problem
    assert record.contact is not None
    return layout.source, record.contact


def _assert_google_preset(c: ContactInput) -> None:
    assert c.birthday == PartialDate(3, 1)  # --MM-DD
    assert c.tags == ("VIP", "Friends")  # Labels, without "* myContacts"
    assert c.phones == (
        LabeledValue("+49 30 1234567", "mobile"),
        LabeledValue("+49 171 7654321", "mobile"),
    )


def test_google_without_overrides_ignores_the_custom_field() -> None:
    source, c = _contact(GOOGLE)
    assert source == "google"
    _assert_google_preset(c)
    assert c.lead_source is None
    assert c.notes == "Likes tea"


def test_google_custom_field_to_lead_source_and_notes_ignored() -> None:
    source, c = _contact(GOOGLE, {G_CUSTOM: "lead_source", G_NOTES: "ignore"})
    assert source == "google"  # not a plain CSV
    assert c.lead_source == "Trade fair"
    assert c.notes is None
    _assert_google_preset(c)
    assert c.emails == (  # " ::: " still splits, "E-mail 1 - Label" still labels
        LabeledValue("anna@acme.example", "work"),
        LabeledValue("anna@home.example", "work"),
    )
    assert c.addresses == (Address("home", street="Hauptstr. 1", city="Berlin"),)


def test_google_overrides_by_column_name_as_the_cli_gives_them() -> None:
    mapping = csv_sources.parse_map(["custom field 1 - value=lead_source", "Notes=ignore"])
    source, c = _contact(GOOGLE, mapping)
    assert source == "google"
    assert (c.lead_source, c.notes) == ("Trade fair", None)
    _assert_google_preset(c)


def test_google_label_column_remapped_loses_its_label_role() -> None:
    _, c = _contact(GOOGLE, {G_EMAIL_LABEL: "notes", G_NOTES: "ignore"})
    assert c.notes == "* Work"
    assert [e.label for e in c.emails] == [None, None]


def test_google_address_part_remapped_stays_in_its_address() -> None:
    _, c = _contact(GOOGLE, {G_CITY: "region"})
    assert c.addresses == (Address("home", street="Hauptstr. 1", region="Berlin"),)


def test_google_value_column_remapped_takes_its_label_column_along() -> None:
    _, c = _contact(GOOGLE, {G_EMAIL: "interests"})
    assert c.emails == ()
    assert c.interests == "anna@acme.example ::: anna@home.example"


def test_outlook_overrides_keep_dates_phones_and_addresses() -> None:
    source, c = _contact(
        OUTLOOK, {O_USER1: "lead_source", O_NOTES: "ignore", O_BUSINESS_PHONE: "ignore"}
    )
    assert source == "outlook"
    assert (c.lead_source, c.notes) == ("Referral", None)
    assert c.phones == (LabeledValue("+1 917 555 0101", "mobile"),)
    assert c.birthday == PartialDate(3, 1, 1980)  # M/D/YYYY
    assert c.dates == (ImportantDate("anniversary", PartialDate(6, 15, 2005)),)
    assert c.tags == ("Clients", "VIP")
    assert [(a.label, a.street, a.city) for a in c.addresses] == [
        ("work", "1 Main St", "New York"),
        ("home", "2 Elm St", "Boston"),
    ]
    assert c.emails == (LabeledValue("anna@acme.example"),)


def test_outlook_a_second_birthday_column_replaces_the_first() -> None:
    _, c = _contact(OUTLOOK, {O_ANNIVERSARY: "birthday", O_COMPANY: "job_title"})
    assert c.birthday == PartialDate(6, 15, 2005)  # Outlook's date format still applies
    assert c.dates == ()
    assert (c.organization, c.job_title) == (None, "ACME")


def test_outlook_new_address_part_fills_the_first_address_without_it() -> None:
    _, c = _contact(OUTLOOK, {O_USER1: "country", O_HOME_CITY: "ignore"})
    assert [(a.label, a.city, a.country) for a in c.addresses] == [
        ("work", "New York", "Referral"),
        ("home", None, None),
    ]


def test_generic_csv_keeps_its_guesses_beside_the_overrides() -> None:
    text = "Name,Mail,Zip,Ort\nAnna Berg,anna@x.example,10115,Berlin\n"
    source, c = _contact(text, {1: "email", 3: "city"})
    assert source == "csv"
    assert c.display_name == "Anna Berg"
    assert c.emails == (LabeledValue("anna@x.example"),)
    assert c.addresses == (Address(None, postal_code="10115", city="Berlin"),)


def test_ignoring_every_useful_column_is_refused() -> None:
    header = next(read_rows(GOOGLE, ","))
    useful = {i: "ignore" for i in (0, 1, G_NOTES, G_EMAIL, 8, G_CUSTOM)}
    with pytest.raises(csv_sources.UnknownFormatError):
        csv_sources.layout_for(header, "google", useful)
    with pytest.raises(ValueError, match="not in the header"):
        csv_sources.layout_for(header, "google", {99: "notes"})
    with pytest.raises(ValueError, match="unknown field"):
        csv_sources.layout_for(header, "google", {3: "shoe_size"})


def test_our_report_keeps_its_labels_unless_their_values_are_remapped() -> None:
    text = (
        "display_name,emails,email_labels,phones,tags,notes\n"
        "Anna Berg,a@x.example | b@x.example,work | home,+49 30 1234567,VIP | Friends,hi\n"
    )
    source, c = _contact(text, {5: "lead_source"})
    assert source == "contacts"
    assert c.emails == (LabeledValue("a@x.example", "work"), LabeledValue("b@x.example", "home"))
    assert (c.lead_source, c.notes, c.tags) == ("hi", None, ("VIP", "Friends"))
    _, c = _contact(text, {1: "ignore", 3: "email"})
    assert c.emails == (LabeledValue("+49 30 1234567"),)  # not labelled "work"
