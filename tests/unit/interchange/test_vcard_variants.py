"""vCard as phones, Apple and Google write them: 2.1 QUOTED-PRINTABLE, CHARSET, 3.0 groups."""

from __future__ import annotations

from crm_desktop.domain.dates import PartialDate
from crm_desktop.interchange.vcard_read import VCardError, looks_like_vcard, read_vcards
from crm_desktop.services.dto import Address, ContactInput, LabeledValue

# A Nokia-style vCard 2.1: windows-1250 quoted-printable, a soft line break
# inside a QP value, bare TYPE parameters, a folded NOTE and a yearless birthday.
NOKIA_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=windows-1250;ENCODING=QUOTED-PRINTABLE:=D5ri;=C1rp=E1d;;;\r\n"
    "FN;CHARSET=windows-1250;ENCODING=QUOTED-PRINTABLE:=C1rp=E1d =\r\n"
    "=D5ri\r\n"
    "TEL;CELL;PREF:+36 30 123 4567\r\n"
    "TEL;WORK;VOICE:+36 1 234 5678\r\n"
    "EMAIL;INTERNET;HOME:arpad@example.hu\r\n"
    "ADR;HOME;CHARSET=windows-1250;ENCODING=QUOTED-PRINTABLE:"
    ";;F=F5 utca 1.;Gy=F5r;;9021;Magyarorsz=E1g\r\n"
    "NOTE;CHARSET=windows-1250;ENCODING=QUOTED-PRINTABLE:Sz=FClet=E9snap ut=E1n h=EDvd =\r\n"
    "fel=0D=0Ak=F6sz=F6nj fel=FCnk\r\n"
    "BDAY:--0301\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N:Nagy;Erzs\xe9bet\r\n"
    "TEL;HOME:06 1 111 2222\r\n"
    "END:VCARD\r\n"
)

APPLE_30 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
    "N:Papadopoulou;Ελένη;;;\r\n"
    "FN:Ελένη Papadopoulou\r\n"
    "ORG:Acme Hellas;Sales\r\n"
    "TITLE:Account manager\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:eleni@acme.gr\r\n"
    "item1.TEL;type=pref:+30 210 1234567\r\n"
    "item1.X-ABLabel:_$!<Mobile>!$_\r\n"
    "TEL;type=IPHONE;type=CELL;type=VOICE:+30 69 1234 5678\r\n"
    "item2.ADR;type=WORK;type=pref:;;Leof. Kifisias 10;Athens;;11526;Greece\r\n"
    "item2.X-ABADR:gr\r\n"
    "BDAY;X-APPLE-OMIT-YEAR=1604:1604-09-12\r\n"
    "item3.X-ABDATE;type=pref:2015-06-20\r\n"
    "item3.X-ABLabel:_$!<Anniversary>!$_\r\n"
    "NOTE:Met at the Thessaloniki fair\\, booth 12\\nPrefers mornings\r\n"
    "CATEGORIES:Customers,Greece\r\n"
    "END:VCARD\r\n"
)

GOOGLE_30 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:José da Silva\r\n"
    "N:da Silva;José;;;\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=HOME:jose@example.pt\r\n"
    "TEL;TYPE=CELL:+351 912 345 678\r\n"
    "ADR;TYPE=HOME:;;Rua Augusta 1;Lisboa;;1100-048;Portugal\r\n"
    "BDAY:1988-04-30\r\n"
    "CATEGORIES:myContacts,Suppliers\r\n"
    "item1.URL:https\\://example.pt\r\n"
    "item1.X-ABLabel:\r\n"
    "END:VCARD\r\n"
)


def contacts(data: str | bytes) -> list[ContactInput]:
    found = []
    for _, card in read_vcards(data):
        assert isinstance(card, ContactInput), str(card)
        found.append(card)
    return found


def test_vcard_21_quoted_printable_windows_1250_and_soft_breaks() -> None:
    first, second = contacts(NOKIA_21.encode("cp1250"))
    assert (first.given_name, first.family_name) == ("Árpád", "Őri")
    assert first.display_name == "Árpád Őri"
    assert first.phones == (
        LabeledValue("+36 30 123 4567", "mobile"),
        LabeledValue("+36 1 234 5678", "work"),
    )
    assert first.emails == (LabeledValue("arpad@example.hu", "home"),)
    assert first.addresses == (
        Address("home", "Fő utca 1.", None, "Győr", None, "9021", "Magyarország"),
    )
    assert first.notes == "Születésnap után hívd fel\nköszönj felünk"
    assert first.birthday == PartialDate(3, 1)
    # 8-bit windows-1250 without CHARSET or QP: the fallback code page
    assert (second.given_name, second.family_name) == ("Erzsébet", "Nagy")


def test_raw_8bit_lines_use_their_own_charset() -> None:
    card = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        + "N;CHARSET=windows-1250:Kovács;Ödön\r\n".encode("cp1250")
        + "FN;CHARSET=UTF-8:Kovács Ödön\r\n".encode()
        + b"END:VCARD\r\n"
    )
    [contact] = contacts(card)
    assert (contact.given_name, contact.family_name, contact.display_name) == (
        "Ödön",
        "Kovács",
        "Kovács Ödön",
    )


def test_apple_vcard_30_groups_labels_and_omitted_year() -> None:
    [c] = contacts(APPLE_30)
    assert (c.given_name, c.family_name, c.display_name) == (
        "Ελένη",
        "Papadopoulou",
        "Ελένη Papadopoulou",
    )
    assert (c.organization, c.job_title) == ("Acme Hellas", "Account manager")
    assert c.emails == (LabeledValue("eleni@acme.gr", "work"),)
    assert c.phones == (
        LabeledValue("+30 210 1234567", "mobile"),
        LabeledValue("+30 69 1234 5678", "mobile"),
    )
    assert c.addresses[0].city == "Athens" and c.addresses[0].label == "work"
    assert c.birthday == PartialDate(9, 12)
    assert c.dates[0].label == "anniversary" and c.dates[0].date == PartialDate(6, 20, 2015)
    assert c.notes == "Met at the Thessaloniki fair, booth 12\nPrefers mornings"
    assert c.tags == ("Customers", "Greece")


def test_google_vcard_30() -> None:
    [c] = contacts(GOOGLE_30.encode("utf-8-sig"))
    assert (c.given_name, c.family_name) == ("José", "da Silva")
    assert c.emails == (LabeledValue("jose@example.pt", "home"),)
    assert c.phones == (LabeledValue("+351 912 345 678", "mobile"),)
    assert c.birthday == PartialDate(4, 30, 1988)
    assert c.tags == ("myContacts", "Suppliers")


def test_many_cards_with_a_broken_one_in_the_middle_and_a_cut_end() -> None:
    broken = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad\r\nBDAY:1980-13-45\r\nEND:VCARD\r\n"
    cut = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut\r\n"
    read = list(read_vcards(APPLE_30 + broken + GOOGLE_30 + NOKIA_21 + cut))
    assert [n for n, _ in read] == [1, 2, 3, 4, 5, 6]
    kinds = [type(c).__name__ for _, c in read]
    assert kinds == [
        "ContactInput",
        "VCardError",
        "ContactInput",
        "ContactInput",
        "ContactInput",
        "VCardError",
    ]
    error = read[1][1]
    assert isinstance(error, VCardError) and error.card == 2 and error.name == "Bad"
    assert str(error).startswith("card 2 (Bad): Birthday")
    assert "END:VCARD" in str(read[5][1])


def test_vcard_40_uri_phones_and_utf16_files() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann\r\n"
        'TEL;VALUE=uri;TYPE="voice,cell":tel:+49-30-123\r\n'
        "BDAY:--0229\r\nEND:VCARD\r\n"
    )
    [c] = contacts(text.encode("utf-16"))
    assert c.phones == (LabeledValue("+49-30-123", "mobile"),)
    assert c.birthday == PartialDate(2, 29)


def test_looks_like_vcard() -> None:
    assert looks_like_vcard("\ufeff\r\nBEGIN:VCARD\r\n")
    assert looks_like_vcard(b"begin:vcard\n")
    assert not looks_like_vcard("First Name,Last Name\n")
