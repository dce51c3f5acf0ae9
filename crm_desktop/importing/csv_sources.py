"""CSV layouts: Google Contacts (current and legacy), Outlook (English, German, French),
our own ``contacts`` report, and any CSV, each with per-column overrides on top.

Each layout is compiled once from the header into a :class:`Layout` of column
indices; every row is then read by the same small function, so 100,000 rows
cost a few microseconds each here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice, zip_longest

from crm_desktop.domain.dates import PartialDate, parse_partial_date
from crm_desktop.domain.errors import ValidationError
from crm_desktop.importing.records import ImportRecord, RowProblem, paused_gc
from crm_desktop.importing.sniff import MAX_FIELD, oversized
from crm_desktop.reports.csv_safety import needs_quote
from crm_desktop.services.dto import Address, ContactInput, ImportantDate, LabeledValue

__all__ = [
    "FIELDS",
    "Layout",
    "UnknownFormatError",
    "columns_named",
    "detect_format",
    "layout_for",
    "parse_map",
    "records",
]


#: Targets of ``--map COLUMN=field``.
SCALARS = (
    "given_name",
    "middle_name",
    "family_name",
    "display_name",
    "organization",
    "job_title",
    "lead_source",
    "status",
    "preferred_channel",
    "interests",
    "preferences",
    "notes",
)
ADDRESS_PARTS = ("street", "extended", "city", "region", "postal_code", "country")
FIELDS = (
    *SCALARS,
    "email",
    "phone",
    "birthday",
    "tags",
    "stay_in_touch_days",
    *ADDRESS_PARTS,
    "ignore",
)


class UnknownFormatError(ValueError):
    """The header matches no known layout and no mapping was given."""


@dataclass(frozen=True, slots=True)
class Multi:
    column: int
    label: str | None = None  # a fixed label ("work")
    label_column: int | None = None  # or the column holding it (Google)


@dataclass(frozen=True, slots=True)
class AddressCols:
    parts: dict[str, int]
    label: str | None = None
    label_column: int | None = None


@dataclass(slots=True)
class Layout:
    """Where each field is, for one header."""

    source: str
    header: tuple[str, ...]
    scalars: dict[str, list[int]] = field(default_factory=dict)  # first non-empty wins
    emails: list[Multi] = field(default_factory=list)
    phones: list[Multi] = field(default_factory=list)
    addresses: list[AddressCols] = field(default_factory=list)
    birthday: int | None = None
    dates: list[tuple[int, str]] = field(default_factory=list)  # (column, label)
    tags: list[int] = field(default_factory=list)
    cadence: int | None = None
    multi_sep: str | None = None  # " ::: " (Google), " | " (ours)
    tag_sep: str = ","
    birthday_style: str = "iso"  # "iso" or "outlook"
    unquote: bool = False  # our export: drop the formula-protection quote
    ours: bool = False
    email_labels: int | None = None  # our export: parallel label columns
    phone_labels: int | None = None
    dates_column: int | None = None


def _key(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").casefold().split())


def _index(header: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, name in enumerate(header):
        found.setdefault(_key(name), i)
    return found


# -- detection ---------------------------------------------------------------------


def detect_format(header: Sequence[str]) -> str:
    keys = set(_index(header))
    if {"display_name", "emails"} <= keys or {"display_name", "given_name", "phones"} <= keys:
        return "contacts"
    if "e-mail 1 - value" in keys or "phone 1 - value" in keys or "group membership" in keys:
        return "google"
    if {"given name", "family name"} <= keys or {"labels", "first name"} <= keys:
        return "google"
    outlook = {_key(name) for names in _OUTLOOK.values() for name in names}
    if len(keys & outlook) >= 2:
        return "outlook"
    return "csv"


# -- Google ------------------------------------------------------------------------

_GOOGLE_SCALARS = {
    "given_name": ("first name", "given name"),
    "middle_name": ("middle name", "additional name"),
    "family_name": ("last name", "family name"),
    "organization": ("organization name", "organization 1 - name"),
    "job_title": ("organization title", "organization 1 - title"),
    "notes": ("notes",),
}
_NUMBERED = re.compile(r"(e-mail|phone|address) (\d+) - (label|type|value|[a-z ]+)")
_GOOGLE_ADDRESS = {
    "street": "street",
    "extended address": "extended",
    "city": "city",
    "region": "region",
    "postal code": "postal_code",
    "country": "country",
}


def _google(header: Sequence[str]) -> Layout:
    index = _index(header)
    layout = Layout("google", tuple(header), multi_sep=" ::: ", tag_sep=" ::: ")
    for target, names in _GOOGLE_SCALARS.items():
        layout.scalars[target] = [index[n] for n in names if n in index]
    display = index.get("name")  # legacy: the full name
    if display is not None:
        layout.scalars["display_name"] = [display]
    groups: dict[tuple[str, int], dict[str, int]] = {}
    for key, i in index.items():
        match = _NUMBERED.fullmatch(key)
        if match:
            groups.setdefault((match[1], int(match[2])), {})[match[3]] = i
    for (kind, _), cols in sorted(groups.items(), key=lambda kv: kv[0][1]):
        label_col = cols.get("label", cols.get("type"))
        if kind in ("e-mail", "phone") and "value" in cols:
            multis = layout.emails if kind == "e-mail" else layout.phones
            multis.append(Multi(cols["value"], label_column=label_col))
        elif kind == "address":
            parts = {
                ours: cols[theirs] for theirs, ours in _GOOGLE_ADDRESS.items() if theirs in cols
            }
            if parts:
                layout.addresses.append(AddressCols(parts, label_column=label_col))
            elif "formatted" in cols:
                layout.addresses.append(AddressCols({"street": cols["formatted"]}, None, label_col))
    layout.birthday = index.get("birthday")
    layout.tags = [index[n] for n in ("labels", "group membership") if n in index]
    return layout


# -- Outlook -----------------------------------------------------------------------

# English header -> the localized spellings we know (English first).
_OUTLOOK: dict[str, tuple[str, ...]] = {
    "First Name": ("First Name", "Vorname", "Prénom"),
    "Middle Name": ("Middle Name", "Weitere Vornamen", "Deuxième prénom"),
    "Last Name": ("Last Name", "Nachname", "Nom"),
    "Company": ("Company", "Firma", "Société"),
    "Job Title": ("Job Title", "Position", "Titre"),
    "E-mail Address": (
        "E-mail Address",
        "Email Address",
        "E-Mail-Adresse",
        "Adresse de messagerie",
    ),
    "E-mail 2 Address": (
        "E-mail 2 Address",
        "Email 2 Address",
        "E-Mail 2: Adresse",
        "Adresse de messagerie 2",
    ),
    "E-mail 3 Address": (
        "E-mail 3 Address",
        "Email 3 Address",
        "E-Mail 3: Adresse",
        "Adresse de messagerie 3",
    ),
    "Business Phone": (
        "Business Phone",
        "Telefon geschäftlich",
        "Téléphone (bureau)",
        "Téléphone bureau",
    ),
    "Business Phone 2": ("Business Phone 2", "Telefon geschäftlich 2", "Téléphone 2 (bureau)"),
    "Mobile Phone": ("Mobile Phone", "Mobiltelefon", "Tél. mobile", "Téléphone mobile"),
    "Home Phone": ("Home Phone", "Telefon privat", "Téléphone (domicile)", "Téléphone domicile"),
    "Home Phone 2": ("Home Phone 2", "Telefon privat 2", "Téléphone 2 (domicile)"),
    "Other Phone": ("Other Phone", "Weiteres Telefon", "Autre téléphone"),
    "Primary Phone": ("Primary Phone", "Haupttelefon", "Téléphone principal"),
    "Business Street": ("Business Street", "Straße geschäftlich", "Rue (bureau)"),
    "Business Street 2": ("Business Street 2", "Straße geschäftlich 2", "Rue (bureau) 2"),
    "Business City": ("Business City", "Ort geschäftlich", "Ville (bureau)"),
    "Business State": (
        "Business State",
        "Region geschäftlich",
        "Bundesland/Kanton geschäftlich",
        "État/Prov (bureau)",
    ),
    "Business Postal Code": (
        "Business Postal Code",
        "Postleitzahl geschäftlich",
        "Code postal (bureau)",
    ),
    "Business Country/Region": (
        "Business Country/Region",
        "Business Country",
        "Land/Region geschäftlich",
        "Pays/Région (bureau)",
    ),
    "Home Street": ("Home Street", "Straße privat", "Rue (domicile)"),
    "Home Street 2": ("Home Street 2", "Straße privat 2", "Rue (domicile) 2"),
    "Home City": ("Home City", "Ort privat", "Ville (domicile)"),
    "Home State": (
        "Home State",
        "Region privat",
        "Bundesland/Kanton privat",
        "État/Prov (domicile)",
    ),
    "Home Postal Code": ("Home Postal Code", "Postleitzahl privat", "Code postal (domicile)"),
    "Home Country/Region": (
        "Home Country/Region",
        "Home Country",
        "Land/Region privat",
        "Pays/Région (domicile)",
    ),
    "Birthday": ("Birthday", "Geburtstag", "Anniversaire"),
    "Anniversary": ("Anniversary", "Jahrestag", "Anniversaire de mariage"),
    "Notes": ("Notes", "Notizen"),
    "Categories": ("Categories", "Kategorien", "Catégories"),
}
_OUTLOOK_PHONES = (
    ("Mobile Phone", "mobile"),
    ("Business Phone", "work"),
    ("Business Phone 2", "work"),
    ("Home Phone", "home"),
    ("Home Phone 2", "home"),
    ("Primary Phone", None),
    ("Other Phone", "other"),
)


def _outlook(header: Sequence[str]) -> Layout:
    index = _index(header)

    def col(english: str) -> int | None:
        for name in _OUTLOOK[english]:
            if _key(name) in index:
                return index[_key(name)]
        return None

    def cols(*english: str) -> list[int]:
        return [i for name in english if (i := col(name)) is not None]

    layout = Layout("outlook", tuple(header), tag_sep=";", birthday_style="outlook")
    layout.scalars = {
        "given_name": cols("First Name"),
        "middle_name": cols("Middle Name"),
        "family_name": cols("Last Name"),
        "organization": cols("Company"),
        "job_title": cols("Job Title"),
        "notes": cols("Notes"),
    }
    layout.emails = [
        Multi(i) for i in cols("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
    ]
    layout.phones = [Multi(i, label) for name, label in _OUTLOOK_PHONES for i in cols(name)]
    for prefix, label in (("Business", "work"), ("Home", "home")):
        parts = {
            part: i
            for part, suffix in (
                ("street", "Street"),
                ("extended", "Street 2"),
                ("city", "City"),
                ("region", "State"),
                ("postal_code", "Postal Code"),
                ("country", "Country/Region"),
            )
            if (i := col(f"{prefix} {suffix}")) is not None
        }
        if parts:
            layout.addresses.append(AddressCols(parts, label))
    layout.birthday = col("Birthday")
    layout.dates = [(i, "anniversary") for i in cols("Anniversary")]
    layout.tags = cols("Categories")
    return layout


# -- our own contacts report -------------------------------------------------------


def _ours(header: Sequence[str]) -> Layout:
    index = _index(header)
    layout = Layout("contacts", tuple(header), multi_sep=" | ", tag_sep=" | ", unquote=True)
    layout.ours = True
    for name in SCALARS:
        if name in index:
            layout.scalars[name] = [index[name]]
    if "emails" in index:
        layout.emails = [Multi(index["emails"])]
        layout.email_labels = index.get("email_labels")
    if "phones" in index:
        layout.phones = [Multi(index["phones"])]
        layout.phone_labels = index.get("phone_labels")
    if "addresses" in index:
        layout.addresses = [AddressCols({"formatted": index["addresses"]})]
    layout.birthday = index.get("birthday")
    layout.dates_column = index.get("dates")
    layout.tags = [index["tags"]] if "tags" in index else []
    layout.cadence = index.get("stay_in_touch_days")
    return layout


# -- any CSV with a mapping -------------------------------------------------------

_GUESSES: dict[str, str] = {
    "first name": "given_name",
    "firstname": "given_name",
    "given name": "given_name",
    "middle name": "middle_name",
    "last name": "family_name",
    "lastname": "family_name",
    "surname": "family_name",
    "family name": "family_name",
    "name": "display_name",
    "full name": "display_name",
    "company": "organization",
    "organisation": "organization",
    "title": "job_title",
    "job title": "job_title",
    "position": "job_title",
    "e-mail": "email",
    "mail": "email",
    "email address": "email",
    "e-mail address": "email",
    "emails": "email",
    "phone": "phone",
    "mobile": "phone",
    "telephone": "phone",
    "phones": "phone",
    "phone number": "phone",
    "birthday": "birthday",
    "birth date": "birthday",
    "date of birth": "birthday",
    "note": "notes",
    "comments": "notes",
    "tag": "tags",
    "labels": "tags",
    "categories": "tags",
    "address": "street",
    "zip": "postal_code",
    "zip code": "postal_code",
    "postcode": "postal_code",
    "state": "region",
    "source": "lead_source",
}


def parse_map(items: Iterable[str]) -> dict[str, str]:
    """``["Vorname=given_name", ...]`` as {column: field}; ValueError on a bad item."""
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, target = item.rpartition("=")
        target = target.strip().lower().replace("-", "_")
        if not sep or not column.strip():
            raise ValueError(f"--map needs COLUMN=field, as in 'E-Mail=email' (got {item!r})")
        if target not in FIELDS:
            raise ValueError(f"--map: unknown field {target!r}; fields: {', '.join(FIELDS)}")
        mapping[_key(column)] = target
    return mapping


def _generic(header: Sequence[str]) -> Layout:
    """Any CSV: the columns whose names we can guess (``Email``, ``Last Name``, ...)."""
    layout = Layout("csv", tuple(header), tag_sep=",")
    guessed: dict[int, str] = {}
    for i, name in enumerate(header):
        key = _key(name)
        target = _GUESSES.get(key) or (key if key in FIELDS else None)
        if target is not None:
            guessed[i] = target
    _override(layout, guessed)
    return layout


# -- overrides on top of any layout ---------------------------------------------------


def _drop(layout: Layout, column: int) -> None:
    """Take ``column`` out of every role it has in ``layout`` (a value or a label)."""
    for name, columns in list(layout.scalars.items()):
        layout.scalars[name] = [i for i in columns if i != column]

    def multis(items: list[Multi]) -> list[Multi]:
        return [
            replace(m, label_column=None) if m.label_column == column else m
            for m in items
            if m.column != column
        ]

    layout.emails = multis(layout.emails)
    layout.phones = multis(layout.phones)
    if layout.ours:  # our report's label columns belong to its own value columns
        if not layout.emails:
            layout.email_labels = None
        if not layout.phones:
            layout.phone_labels = None
    addresses: list[AddressCols] = []
    for block in layout.addresses:
        parts = {part: i for part, i in block.parts.items() if i != column}
        if parts:
            label_column = None if block.label_column == column else block.label_column
            addresses.append(AddressCols(parts, block.label, label_column))
    layout.addresses = addresses
    layout.dates = [(i, label) for i, label in layout.dates if i != column]
    layout.tags = [i for i in layout.tags if i != column]
    for name in ("birthday", "cadence", "email_labels", "phone_labels", "dates_column"):
        if getattr(layout, name) == column:
            setattr(layout, name, None)


def _add(layout: Layout, column: int, target: str) -> None:
    """Give ``column`` the role ``target`` (one of :data:`FIELDS` but "ignore")."""
    if target in SCALARS:
        layout.scalars.setdefault(target, []).append(column)
    elif target == "email":
        layout.emails.append(Multi(column))
    elif target == "phone":
        layout.phones.append(Multi(column))
    elif target == "birthday":
        if layout.birthday is not None:
            _drop(layout, layout.birthday)  # one birthday: the latest choice wins
        layout.birthday = column
    elif target == "tags":
        layout.tags.append(column)
    elif target == "stay_in_touch_days":
        if layout.cadence is not None:
            _drop(layout, layout.cadence)
        layout.cadence = column
    elif target in ADDRESS_PARTS:
        # The first address that lacks this part takes it (so re-mapping "Address 1 -
        # City" to Region stays in address 1); else a new, unlabelled address.
        for n, block in enumerate(layout.addresses):
            if target not in block.parts and "formatted" not in block.parts:
                layout.addresses[n] = replace(block, parts={**block.parts, target: column})
                return
        layout.addresses.append(AddressCols({target: column}))


def _override(layout: Layout, overrides: Mapping[int, str]) -> None:
    """Apply ``{column: field}`` in order; each column loses its preset role first."""
    width = len(layout.header)
    for column, target in overrides.items():
        if not 0 <= column < width:
            raise ValueError(f"column {column + 1} is not in the header ({width} columns)")
        if target not in FIELDS:
            raise ValueError(f"unknown field {target!r}; fields: {', '.join(FIELDS)}")
        _drop(layout, column)
        if target != "ignore":
            _add(layout, column, target)


def columns_named(header: Sequence[str], mapping: Mapping[str, str]) -> dict[int, str]:
    """``{column index: field}`` for a ``{column name: field}`` from :func:`parse_map`
    (every column of that name; names compare as :func:`parse_map` keys them)."""
    keyed = {_key(name): target for name, target in mapping.items()}
    return {i: keyed[k] for i, name in enumerate(header) if (k := _key(name)) in keyed}


def layout_for(
    header: Sequence[str],
    fmt: str,
    overrides: Mapping[int, str] | Mapping[str, str] | None = None,
    *,
    strict: bool = True,
) -> Layout:
    """The layout of ``header`` in format ``fmt`` ("auto" detects it), with ``overrides``
    on top.

    ``overrides`` maps a column (its index, or its name as :func:`parse_map` gives
    it) to a field of :data:`FIELDS` or "ignore". Only those columns change: every
    other column keeps the preset's handling (Google's `` ::: `` values and label
    columns, Outlook's dates, ...), so a user can re-map one column of a Google file
    without losing the rest. Applied in order, so for the single-slot fields
    (birthday, stay in touch) the last choice wins; a column mapped to a field the
    preset already fills is read after the preset's (the first non-empty value wins).

    Raises :class:`UnknownFormatError` when no column feeds a name, e-mail or phone
    (a plain CSV, or any format once overrides ignored everything) unless ``strict``
    is false (the import wizard shows such a layout while the user is choosing);
    ValueError for an index outside the header or an unknown field.
    """
    by_index: dict[int, str] = {}
    for column, target in (overrides or {}).items():
        if isinstance(column, str):
            by_index.update(columns_named(header, {column: target}))
        else:
            by_index[column] = target
    if fmt == "auto":
        fmt = detect_format(header)
    if fmt == "google":
        layout = _google(header)
    elif fmt == "outlook":
        layout = _outlook(header)
    elif fmt == "contacts":
        layout = _ours(header)
    else:
        layout = _generic(header)
    _override(layout, by_index)
    usable = any(layout.scalars.values()) or layout.emails or layout.phones
    if strict and not usable and (layout.source == "csv" or by_index):
        raise UnknownFormatError(
            "no column could be matched to a contact field; name them with"
            " --map COLUMN=field (fields: " + ", ".join(FIELDS) + ")"
        )
    return layout


# -- reading rows ---------------------------------------------------------------------

_OUTLOOK_DATE = re.compile(r"(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\.?")


def _outlook_date(text: str, field_name: str) -> PartialDate | None:
    """Outlook's ``M/D/YYYY`` (English), ``D.M.YYYY`` (German) or ISO; ``0/0/00`` is none."""
    match = _OUTLOOK_DATE.fullmatch(text)
    if match is None:
        return parse_partial_date(text, field=field_name)
    a, b, c = (int(g) for g in match.groups())
    if a == 0 or b == 0:
        return None
    if len(match[1]) == 4:
        year, month, day = a, b, c
    elif "." in text or a > 12:
        day, month, year = a, b, c
    else:
        month, day, year = a, b, c
    if year < 100:
        year += 1900 if year > 30 else 2000
    try:
        return PartialDate(month, day, year)
    except ValidationError as exc:
        raise ValidationError(field_name, exc.message) from None


def _unquote(cell: str) -> str:
    """Undo :func:`crm_desktop.reports.csv_safety.neutralize` on one of our cells."""
    if cell.startswith("'") and needs_quote(cell[1:]):
        return cell[1:]
    return cell


def _split(cell: str, sep: str | None) -> list[str]:
    if not cell:
        return []
    parts = cell.split(sep) if sep else [cell]
    return [p.strip() for p in parts]


def _label(text: str | None) -> str | None:
    if not text:
        return None
    return text.removeprefix("* ").strip().lower() or None


def _multi(row: Sequence[str], items: list[Multi], sep: str | None) -> list[LabeledValue]:
    out: list[LabeledValue] = []
    for item in items:
        cell = row[item.column] if item.column < len(row) else ""
        if not cell.strip():
            continue
        label = item.label
        if item.label_column is not None and item.label_column < len(row):
            label = _label(row[item.label_column].split(" ::: ")[0])
        out.extend(LabeledValue(v, label) for v in _split(cell, sep) if v)
    return out


def _labeled_ours(row: Sequence[str], values: int, labels: int | None) -> list[LabeledValue]:
    items = _split(row[values], " | ")
    names = _split(row[labels], " | ") if labels is not None else []
    return [
        LabeledValue(v, label or None)
        for v, label in zip_longest(items, names[: len(items)], fillvalue="")
        if v
    ]


def _address_ours(text: str) -> Address:
    """``"home: Street 1, 10115, Berlin, Germany"``: best effort (empty parts are not
    written by the report, so the positions of missing parts cannot be known)."""
    label, sep, rest = text.partition(": ")
    if not sep or "," in label:
        label, rest = "", text
    parts = [p.strip() for p in rest.split(", ")]
    slots = dict.fromkeys(("street", "extended", "postal_code", "city", "region", "country"))
    if len(parts) >= 6:
        slots.update(zip(slots, [*parts[:5], ", ".join(parts[5:])], strict=True))
    else:
        order = {
            1: ("street",),
            2: ("street", "city"),
            3: ("street", "city", "country"),
            4: ("street", "postal_code", "city", "country"),
            5: ("street", "postal_code", "city", "region", "country"),
        }[len(parts)]
        slots.update(zip(order, parts, strict=True))
    return Address(label or None, **slots)


def _row_contact(layout: Layout, row: list[str]) -> ContactInput:
    width = len(layout.header)
    if len(row) < width:
        row = row + [""] * (width - len(row))
    if layout.unquote:
        row = [_unquote(c) for c in row]
    scalars: dict[str, str | None] = {}
    for name, columns in layout.scalars.items():
        for i in columns:
            if row[i].strip():
                scalars[name] = row[i]
                break
    if layout.ours:
        emails = (
            _labeled_ours(row, layout.emails[0].column, layout.email_labels)
            if layout.emails
            else []
        )
        phones = (
            _labeled_ours(row, layout.phones[0].column, layout.phone_labels)
            if layout.phones
            else []
        )
    else:
        emails = _multi(row, layout.emails, layout.multi_sep)
        phones = _multi(row, layout.phones, layout.multi_sep)
    addresses: list[Address] = []
    for cols in layout.addresses:
        if "formatted" in cols.parts:
            addresses.extend(_address_ours(a) for a in _split(row[cols.parts["formatted"]], " | "))
            continue
        label = cols.label
        if cols.label_column is not None:
            label = _label(row[cols.label_column].split(" ::: ")[0])
        values = {p: _split(row[i], layout.multi_sep) for p, i in cols.parts.items()}
        for parts in zip_longest(*values.values(), fillvalue=""):
            if any(parts):
                addresses.append(Address(label, **dict(zip(values, parts, strict=True))))
    birthday = None
    if layout.birthday is not None and row[layout.birthday].strip():
        text = row[layout.birthday].strip()
        if layout.birthday_style == "outlook":
            birthday = _outlook_date(text, "Birthday")
        else:
            birthday = parse_partial_date(text, field="Birthday")
    dates: list[ImportantDate] = []
    for i, label in layout.dates:
        if row[i].strip() and (day := _outlook_date(row[i].strip(), "Important dates")):
            dates.append(ImportantDate(label, day))
    if layout.dates_column is not None:
        for item in _split(row[layout.dates_column], " | "):
            label, _, text = item.rpartition(": ")
            dates.append(ImportantDate(label, parse_partial_date(text, field="Important dates")))
    tags: list[str] = []
    for i in layout.tags:
        for tag in _split(row[i], layout.tag_sep):
            tag = tag.strip()
            if tag and tag.casefold() != "* mycontacts":
                tags.append(tag.removeprefix("* "))
    cadence = None
    if layout.cadence is not None and row[layout.cadence].strip():
        try:
            cadence = int(row[layout.cadence].strip())
        except ValueError:
            raise ValidationError("Stay in touch", "must be a whole number of days") from None
    return ContactInput(
        given_name=scalars.get("given_name"),
        middle_name=scalars.get("middle_name"),
        family_name=scalars.get("family_name"),
        display_name=scalars.get("display_name"),
        organization=scalars.get("organization"),
        job_title=scalars.get("job_title"),
        emails=tuple(emails),
        phones=tuple(phones),
        addresses=tuple(addresses),
        birthday=birthday,
        dates=tuple(dates),
        tags=tuple(tags),
        lead_source=scalars.get("lead_source"),
        status=scalars.get("status"),
        preferred_channel=scalars.get("preferred_channel"),
        interests=scalars.get("interests"),
        preferences=scalars.get("preferences"),
        notes=scalars.get("notes"),
        stay_in_touch_days=cadence,
    )


def records(
    layout: Layout, rows: Iterable[list[str]], *, first_row: int = 2
) -> Iterator[ImportRecord]:
    """One record per data row; ``first_row`` is the spreadsheet row of the first one.

    Read in batches with the cyclic GC paused (never across a ``yield``): with
    100,000 records alive its full collections cost ~45% of the reading.
    """
    numbered = enumerate(rows, start=first_row)
    while True:
        with paused_gc():
            batch = list(islice(numbered, _BATCH))
            found = list(_records(layout, batch))
        if not batch:
            return
        yield from found


_BATCH = 1000


def _records(layout: Layout, rows: Iterable[tuple[int, list[str]]]) -> Iterator[ImportRecord]:
    source = layout.source
    for number, row in rows:
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        big = oversized(row)
        if big is not None:
            name = layout.header[big] if big < len(layout.header) else f"column {big + 1}"
            problem = RowProblem(name, f"is too large (more than {MAX_FIELD:,} characters)")
            yield ImportRecord(number, source, problem=problem)
            continue
        try:
            yield ImportRecord(number, source, _row_contact(layout, row))
        except ValidationError as exc:
            yield ImportRecord(number, source, problem=RowProblem(exc.field, exc.message))
