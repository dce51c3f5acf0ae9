"""Contacts as vCard 4.0 (RFC 6350) or 3.0 (RFC 2426), one card each.

Why our own serializer and not vobject's: vobject 0.9.9 has no vCard 4.0
behaviour (a 4.0 card is handled by its 3.0 rules) and folds by characters,
not octets: a line under 75 characters is never folded, so a Greek or
Hungarian note of 60 letters goes out as a 120-octet line (RFC 6350 3.2
says 75 octets). The writer side is small: escape, fold, join. Reading back
with vobject (and icalendar-free parsers of other programs) is tested.

Choices, so other programs read labels back:
- e-mail and phone labels ``home``/``work`` (and ``mobile``/``fax`` for
  phones) become ``TYPE``; any other label is kept Apple-style as a grouped
  ``itemN.X-ABLabel`` next to the value, as Apple and Google write them.
- a birthday without a year is ``BDAY:--MMDD`` in 4.0 and ``BDAY:--MM-DD``
  in 3.0 (what Google writes; 3.0 has no yearless form of its own).
- other important dates are ``itemN.X-ABDATE`` with an ``X-ABLabel``.
- tags are ``CATEGORIES``; the CRM-only fields are ``X-CRM-*`` properties.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Literal, Protocol

from crm_desktop.domain.dates import PartialDate
from crm_desktop.services.dto import Address, Email, ImportantDate, Phone

__all__ = [
    "PRODID",
    "CardContact",
    "VCardVersion",
    "contact_uid",
    "escape_text",
    "fold",
    "vcard",
    "vcards",
]

VCardVersion = Literal["3.0", "4.0"]
PRODID = "-//CRM Desktop//vCard export//EN"
_UID_NAMESPACE = uuid.UUID("6b0f3c52-5d1e-4a57-9f0e-2f4b8f3a9c11")
_LINE_OCTETS = 75

_EMAIL_TYPES = {"home": "home", "work": "work"}
_PHONE_TYPES = {"home": "home", "work": "work", "mobile": "cell", "cell": "cell", "fax": "fax"}


class CardContact(Protocol):
    """What a card is written from: a ``ContactDetail`` (one contact, from
    ``ContactService.get``) or a ``ContactCard`` (read in bulk for an export)."""

    @property
    def id(self) -> int: ...
    @property
    def given_name(self) -> str | None: ...
    @property
    def middle_name(self) -> str | None: ...
    @property
    def family_name(self) -> str | None: ...
    @property
    def display_name(self) -> str: ...
    @property
    def organization(self) -> str | None: ...
    @property
    def job_title(self) -> str | None: ...
    @property
    def emails(self) -> Sequence[Email]: ...
    @property
    def phones(self) -> Sequence[Phone]: ...
    @property
    def addresses(self) -> Sequence[Address]: ...
    @property
    def birthday(self) -> PartialDate | None: ...
    @property
    def dates(self) -> Sequence[ImportantDate]: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def lead_source(self) -> str | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def preferred_channel(self) -> str | None: ...
    @property
    def interests(self) -> str | None: ...
    @property
    def preferences(self) -> str | None: ...
    @property
    def notes(self) -> str | None: ...
    @property
    def stay_in_touch_days(self) -> int | None: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...


def escape_text(value: str) -> str:
    """RFC 6350 3.4: backslash, comma, semicolon and newlines escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold one content line at 75 octets, never inside a UTF-8 sequence."""
    if line.isascii():  # one octet per character: slice (most lines of most cards)
        if len(line) <= _LINE_OCTETS:
            return line + "\r\n"
        rest = range(_LINE_OCTETS, len(line), _LINE_OCTETS - 1)
        pieces = [line[:_LINE_OCTETS], *(line[i : i + _LINE_OCTETS - 1] for i in rest)]
        return "\r\n ".join(pieces) + "\r\n"
    if len(line.encode("utf-8")) <= _LINE_OCTETS:
        return line + "\r\n"
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = _LINE_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 0
            limit = _LINE_OCTETS - 1  # the leading space of a continuation counts
        current.append(ch)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts) + "\r\n"


def _param_value(value: str) -> str:
    """A parameter value; quoted when it holds ``:;,`` (RFC 6868 ^-escapes for quotes)."""
    value = value.replace("^", "^^").replace("\n", "^n").replace('"', "^'")
    return f'"{value}"' if any(c in value for c in ":;,") else value


class _Card:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.groups = 0

    def add(
        self, name: str, value: str, params: Sequence[tuple[str, str]] = (), group: str = ""
    ) -> None:
        if not params and not group:
            self.lines.append(f"{name}:{value}")
            return
        head = f"{group}." if group else ""
        head += name + "".join(f";{k}={_param_value(v)}" for k, v in params)
        self.lines.append(f"{head}:{value}")

    def group(self) -> str:
        self.groups += 1
        return f"item{self.groups}"

    def labeled(self, name: str, value: str, label: str | None, types: dict[str, str]) -> None:
        if not label:
            self.add(name, escape_text(value))
            return
        known = types.get(label.strip().casefold())
        if known is not None:
            self.add(name, escape_text(value), [("TYPE", known)])
            return
        group = self.group()
        self.add(name, escape_text(value), group=group)
        self.add("X-ABLabel", escape_text(label), group=group)


def _structured(parts: Iterable[str | None]) -> str:
    return ";".join(escape_text(p or "") for p in parts)


def _date(value: PartialDate, version: VCardVersion) -> str:
    if value.year is not None:
        return (
            f"{value.year:04d}{value.month:02d}{value.day:02d}" if version == "4.0" else value.iso()
        )
    return f"--{value.month:02d}{value.day:02d}" if version == "4.0" else value.iso()


def _address(card: _Card, a: Address) -> None:
    value = _structured(("", a.extended, a.street, a.city, a.region, a.postal_code, a.country))
    label = (a.label or "").strip()
    if label.casefold() in ("home", "work"):
        card.add("ADR", value, [("TYPE", label.casefold())])
    elif label:
        group = card.group()
        card.add("ADR", value, group=group)
        card.add("X-ABLabel", escape_text(label), group=group)
    else:
        card.add("ADR", value)


def contact_uid(contact: CardContact) -> str:
    """Stable across exports of the same database, distinct between databases.

    ``uuid.uuid5`` spelled out with ``hashlib`` (the same value, a test
    holds it): the ``UUID`` object cost a tenth of a 100,000-card export.
    """
    seed = f"{contact.id}:{contact.created_at.isoformat()}"
    digest = bytearray(hashlib.sha1(_UID_NAMESPACE.bytes + seed.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    x = digest.hex()
    return f"urn:uuid:{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def vcard(contact: CardContact, version: VCardVersion = "4.0") -> str:
    """One contact as a complete card (CRLF line ends, folded)."""
    card = _Card()
    card.add("VERSION", version)
    card.add("PRODID", escape_text(PRODID))
    card.add("UID", contact_uid(contact))
    card.add("FN", escape_text(contact.display_name))
    card.add(
        "N",
        _structured((contact.family_name, contact.given_name, contact.middle_name, "", "")),
    )
    if contact.organization:
        card.add("ORG", escape_text(contact.organization))
    if contact.job_title:
        card.add("TITLE", escape_text(contact.job_title))
    for email in contact.emails:
        card.labeled("EMAIL", email.address, email.label, _EMAIL_TYPES)
    for phone in contact.phones:
        card.labeled("TEL", phone.raw, phone.label, _PHONE_TYPES)
    for address in contact.addresses:
        _address(card, address)
    if contact.birthday is not None:
        card.add("BDAY", _date(contact.birthday, version))
    for important in contact.dates:
        group = card.group()
        card.add("X-ABDATE", important.date.iso(), group=group)
        card.add("X-ABLabel", escape_text(important.label), group=group)
    if contact.tags:
        card.add("CATEGORIES", ",".join(escape_text(t) for t in contact.tags))
    if contact.notes:
        card.add("NOTE", escape_text(contact.notes))
    extras = (
        ("X-CRM-LEAD-SOURCE", contact.lead_source),
        ("X-CRM-STATUS", contact.status),
        ("X-CRM-PREFERRED-CHANNEL", contact.preferred_channel),
        ("X-CRM-INTERESTS", contact.interests),
        ("X-CRM-PREFERENCES", contact.preferences),
        (
            "X-CRM-STAY-IN-TOUCH-DAYS",
            str(contact.stay_in_touch_days) if contact.stay_in_touch_days else None,
        ),
    )
    for name, value in extras:
        if value:
            card.add(name, escape_text(value))
    r = contact.updated_at.astimezone(UTC) if contact.updated_at.tzinfo else contact.updated_at
    card.add(
        "REV", f"{r.year:04d}{r.month:02d}{r.day:02d}T{r.hour:02d}{r.minute:02d}{r.second:02d}Z"
    )
    return "BEGIN:VCARD\r\n" + "".join(fold(line) for line in card.lines) + "END:VCARD\r\n"


def vcards(contacts: Iterable[CardContact], version: VCardVersion = "4.0") -> Iterable[str]:
    """Cards one after another: concatenated, they are one .vcf file."""
    for contact in contacts:
        yield vcard(contact, version)
