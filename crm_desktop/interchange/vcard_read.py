"""vCard 2.1, 3.0 and 4.0 files as :class:`ContactInput` objects, card by card.

The importer consumes :func:`read_vcards`: it yields ``(card_number,
ContactInput)`` or ``(card_number, VCardError)`` for every card of a file,
1-based in file order, so one broken card is reported by number and the
others still read. Nothing is validated beyond what a card can say (the
contact service validates on save); a card's text is parsed by ``vobject``
(unfolding, QUOTED-PRINTABLE soft line breaks, CHARSET, escapes).

Bytes are decoded here: a BOM wins (UTF-8, UTF-16); else strict UTF-8;
else line by line, each with its own ``CHARSET`` parameter or the fallback
code page (phones write vCard 2.1 in cp1250/cp1252 this way).

Labels: ``TYPE`` values (cell becomes "mobile") or an Apple/Google grouped
``X-ABLabel``. Birthdays: full dates, ``--MMDD``/``--MM-DD``, Apple's
``X-APPLE-OMIT-YEAR`` and placeholder years before 1800 (1604, 0000) all
mean "no year".
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# WORKAROUND: vobject 0.9.9 ships no type information (no py.typed, no stubs).
import vobject  # type: ignore[import-untyped]

from crm_desktop.domain.dates import YEAR_MIN, PartialDate, parse_partial_date
from crm_desktop.domain.errors import ValidationError
from crm_desktop.services.dto import Address, ContactInput, ImportantDate, LabeledValue

__all__ = ["VCardError", "decode_vcf", "looks_like_vcard", "read_vcards", "split_cards"]


@dataclass(frozen=True, slots=True)
class VCardError:
    """Why card number ``card`` (1-based) could not be read."""

    card: int
    message: str
    name: str | None = None  # the card's FN when it got that far

    def __str__(self) -> str:
        who = f" ({self.name})" if self.name else ""
        return f"card {self.card}{who}: {self.message}"


_BEGIN = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.IGNORECASE)
_CHARSET = re.compile(rb";\s*CHARSET\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)?")


def looks_like_vcard(data: str | bytes) -> bool:
    """True when the first non-blank line is ``BEGIN:VCARD`` (for format detection)."""
    head = data[:4096]
    text = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    text = text.lstrip("\ufeff\ufffe\x00 \t\r\n").replace("\x00", "")
    return _BEGIN.match(text.splitlines()[0] if text else "") is not None


def _codec(name: str, fallback: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return fallback


def decode_vcf(data: bytes, fallback_encoding: str = "cp1252") -> str:
    """The text of a .vcf file: BOM, then UTF-8, then per-line CHARSET or the fallback."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    fallback = _codec(fallback_encoding, "cp1252")
    out: list[str] = []
    current = fallback
    for match in _LINE.finditer(data):
        line = match.group()
        if not line:
            continue
        if line[:1] not in (b" ", b"\t"):  # a new content line, not a folded continuation
            name_and_params = line.split(b":", 1)[0]
            found = _CHARSET.search(name_and_params)
            current = _codec(found.group(1).decode("ascii"), fallback) if found else fallback
        out.append(line.decode(current, "replace"))
    return "".join(out)


def split_cards(text: str) -> Iterator[tuple[int, str | None]]:
    """(number, card text) per BEGIN:VCARD..END:VCARD; None for an unclosed last card."""
    number = 0
    depth = 0
    lines: list[str] = []
    for line in text.splitlines():
        if _BEGIN.match(line):
            if depth == 0:
                number += 1
                lines = []
            depth += 1
        if depth:
            lines.append(line)
        if depth and _END.match(line):
            depth -= 1
            if depth == 0:
                yield number, "\r\n".join(lines) + "\r\n"
    if depth:
        yield number, None


def read_vcards(
    data: str | bytes, *, fallback_encoding: str = "cp1252"
) -> Iterator[tuple[int, ContactInput | VCardError]]:
    """Every card of a .vcf file, in order: a ContactInput, or a VCardError saying why not."""
    text = decode_vcf(data, fallback_encoding) if isinstance(data, bytes) else data
    for number, card_text in split_cards(text.lstrip("\ufeff")):
        if card_text is None:
            yield number, VCardError(number, "ends without END:VCARD (the file is cut short?)")
            continue
        name: str | None = None
        try:
            component = vobject.readOne(card_text, allowQP=True)
            name = _first_text(component, "fn")
            yield number, _contact(component)
        except ValidationError as exc:
            yield number, VCardError(number, str(exc), name)
        except Exception as exc:  # vobject raises many kinds on a malformed card
            yield number, VCardError(number, f"cannot be read: {_short(exc)}", name)


# -- one card ------------------------------------------------------------------

_IGNORED_TYPES = frozenset(
    {
        "pref",
        "internet",
        "voice",
        "x400",
        "text",
        "msg",
        "dom",
        "intl",
        "postal",
        "parcel",
        "uri",
        "video",
        "pager",
        "bbs",
        "modem",
        "car",
        "isdn",
        "pcs",
        "textphone",
    }
)
_TYPE_LABELS = {
    "cell": "mobile",
    "mobile": "mobile",
    "iphone": "mobile",
    "fax": "fax",
    "home": "home",
    "work": "work",
    "main": "main",
    "other": "other",
}
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def _lines(component: Any, name: str) -> list[Any]:
    found: list[Any] = component.contents.get(name, [])
    return found


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if _text(v))
    return str(value).strip() if value is not None else ""


def _first_text(component: Any, name: str) -> str | None:
    for line in _lines(component, name):
        value = _text(line.value)
        if value:
            return value
    return None


def _group_labels(component: Any) -> dict[str, str]:
    labels: dict[str, str] = {}
    for line in _lines(component, "x-ablabel"):
        if line.group:
            raw = _text(line.value)
            apple = _APPLE_LABEL.match(raw)
            labels[line.group.lower()] = apple.group(1).lower() if apple else raw
    return labels


def _types(line: Any) -> list[str]:
    values: list[str] = []
    for raw in [*line.params.get("TYPE", []), *line.singletonparams]:
        values.extend(v.strip().lower() for v in str(raw).split(",") if v.strip())
    return [v for v in values if v not in _IGNORED_TYPES]


def _label(line: Any, groups: dict[str, str]) -> str | None:
    if line.group and line.group.lower() in groups:
        return groups[line.group.lower()]
    types = _types(line)
    for wanted in ("cell", "mobile", "iphone", "fax", "home", "work", "main", "other"):
        if wanted in types:
            return _TYPE_LABELS[wanted]
    return types[0] if types else None


def _labeled(
    component: Any, name: str, prefix: str, groups: dict[str, str]
) -> tuple[LabeledValue, ...]:
    found: list[LabeledValue] = []
    for line in _lines(component, name):
        value = _text(line.value)
        if value.lower().startswith(prefix):
            value = value[len(prefix) :].strip()
        if value:
            found.append(LabeledValue(value, _label(line, groups)))
    return tuple(found)


def _addresses(component: Any, groups: dict[str, str]) -> tuple[Address, ...]:
    found: list[Address] = []
    for line in _lines(component, "adr"):
        value = line.value
        parts = {
            key: _text(getattr(value, key, "")) or None
            for key in ("box", "extended", "street", "city", "region", "code", "country")
        }
        if not any(parts.values()):
            continue
        extended = ", ".join(p for p in (parts["box"], parts["extended"]) if p) or None
        found.append(
            Address(
                label=_label(line, groups),
                street=parts["street"],
                extended=extended,
                city=parts["city"],
                region=parts["region"],
                postal_code=parts["code"],
                country=parts["country"],
            )
        )
    return tuple(found)


def _partial(text: str, line: Any, field: str) -> PartialDate:
    raw = text.strip().split("T", 1)[0]  # "1980-03-01T00:00:00Z": the date part
    omit_year = "X-APPLE-OMIT-YEAR" in line.params
    match = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", raw)
    if match and (omit_year or int(match.group(1)) < YEAR_MIN):
        return parse_partial_date(f"--{match.group(2)}-{match.group(3)}", field=field)
    return parse_partial_date(raw, field=field)


def _names(component: Any) -> tuple[str | None, str | None, str | None]:
    for line in _lines(component, "n"):
        value = line.value
        if hasattr(value, "family"):
            family = _text(value.family) or None
            given = _text(value.given) or None
            middle = _text(value.additional) or None
            if family or given or middle:
                return given, middle, family
    return None, None, None


def _organization(component: Any) -> str | None:
    for line in _lines(component, "org"):
        value = line.value
        parts = [_text(p) for p in value] if isinstance(value, list) else [_text(value)]
        first = next((p for p in parts if p), None)
        if first:
            return first
    return None


def _tags(component: Any) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for line in _lines(component, "categories"):
        values = line.value if isinstance(line.value, list) else str(line.value).split(",")
        for tag in values:
            clean = _text(tag)
            if clean and clean.casefold() not in seen:
                seen[clean.casefold()] = clean
    return tuple(seen.values())


def _dates(component: Any, groups: dict[str, str]) -> tuple[ImportantDate, ...]:
    found: list[ImportantDate] = []
    for name, default in (
        ("anniversary", "anniversary"),
        ("x-anniversary", "anniversary"),
        ("x-abdate", "date"),
    ):
        for line in _lines(component, name):
            text = _text(line.value)
            if not text:
                continue
            label = groups.get((line.group or "").lower()) or default
            found.append(ImportantDate(label, _partial(text, line, f"Date {label!r}")))
    return tuple(found)


def _x(component: Any, name: str) -> str | None:
    for line in _lines(component, name):
        value = _text(line.value)
        if value:
            return value
    return None


def _notes(component: Any) -> str | None:
    notes = [str(line.value).replace("\r\n", "\n").strip() for line in _lines(component, "note")]
    joined = "\n\n".join(n for n in notes if n)
    return joined or None


def _contact(component: Any) -> ContactInput:
    groups = _group_labels(component)
    given, middle, family = _names(component)
    display = _first_text(component, "fn")
    organization = _organization(component)
    emails = _labeled(component, "email", "mailto:", groups)
    phones = _labeled(component, "tel", "tel:", groups)
    if not any((given, middle, family, display, organization, emails, phones)):
        raise ValidationError("Card", "has no name, organization, e-mail or phone")
    birthday = None
    for line in _lines(component, "bday"):
        text = _text(line.value)
        if text:
            birthday = _partial(text, line, "Birthday")
            break
    stay = _x(component, "x-crm-stay-in-touch-days")
    return ContactInput(
        given_name=given,
        middle_name=middle,
        family_name=family,
        display_name=display,
        organization=organization,
        job_title=_first_text(component, "title") or _first_text(component, "role"),
        emails=emails,
        phones=phones,
        addresses=_addresses(component, groups),
        birthday=birthday,
        dates=_dates(component, groups),
        tags=_tags(component),
        lead_source=_x(component, "x-crm-lead-source"),
        status=_x(component, "x-crm-status"),
        preferred_channel=_x(component, "x-crm-preferred-channel"),
        interests=_x(component, "x-crm-interests"),
        preferences=_x(component, "x-crm-preferences"),
        notes=_notes(component),
        stay_in_touch_days=int(stay) if stay and stay.isdigit() else None,
    )


def read_vcard_file(
    path: str, *, fallback_encoding: str = "cp1252"
) -> Iterable[tuple[int, ContactInput | VCardError]]:
    """:func:`read_vcards` of a file's bytes."""
    with open(path, "rb") as handle:
        data = handle.read()
    return list(read_vcards(data, fallback_encoding=fallback_encoding))
