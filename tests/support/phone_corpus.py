"""Generated phone input for the differential tests of ``crm_desktop.domain.phone_fast``.

Real number ranges: libphonenumber's example number of every type in every
region (and of every non-geographical code), with digits changed, numbers
made a little shorter or longer, written every way people write them
(``+CC``, ``00CC``, the region's own IDD, national with and without the trunk
prefix, the country code without ``+``, spaces, dashes, dots, slashes,
parentheses), typed with and without a default region. Plus junk: letters,
extensions, other scripts' digits, odd plus signs, too short, too long.
Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import phonenumbers
from phonenumbers import PhoneMetadata

from crm_desktop.services import demo_vocab

# The demo data's countries, then at least 30 others picked for their quirks
# (shared country codes, Italian leading zeros, carrier codes and transform
# rules, mobile tokens, no national prefix, several IDDs); the corpus itself
# draws from every supported region.
DEMO_REGIONS = tuple(sorted({loc.country for loc, _ in demo_vocab.LOCALES}))
QUIRKY_REGIONS = (
    "DE", "AT", "CH", "FR", "IT", "SM", "VA", "ES", "NL", "BE", "LU", "PL", "CZ", "SE", "NO",
    "SJ", "FI", "AX", "DK", "IE", "RU", "UA", "BY", "TR", "IL", "IN", "CN", "JP", "KR", "AU",
    "CC", "CX", "NZ", "BR", "AR", "MX", "CO", "CL", "CA", "JM", "PR", "BS", "ZA", "EG", "NG",
    "SG", "HK", "ID", "GG", "JE", "IM", "RE", "YT", "GP", "BL", "MF", "CW", "BQ", "MA", "EH",
    "CI", "KZ", "UZ", "AE", "SA", "GF", "MQ", "TA", "SH", "BF", "LI", "MC",
)  # fmt: skip
ODD_REGIONS = (None, "de", "XX", "ZZ", "001", "UK", "")

_STYLES = (
    "intl",
    "intl_compact",
    "intl_dash",
    "intl_parens",
    "intl_trunk_parens",
    "00",
    "idd",
    "cc_no_plus",
    "national",
    "national_parens",
    "national_dots",
    "national_slash",
    "bare",
    "bare_compact",
)


@dataclass(frozen=True, slots=True)
class Seed:
    country_code: int
    nsn: str
    region: str  # "001" for non-geographical codes


@cache
def seeds() -> tuple[Seed, ...]:
    found: set[Seed] = set()
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for number_type in phonenumbers.PhoneNumberType.values():
            example = phonenumbers.example_number_for_type(region, number_type)
            if example is not None:
                nsn = phonenumbers.national_significant_number(example)
                found.add(Seed(example.country_code, nsn, region))
    for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        example = phonenumbers.example_number_for_non_geo_entity(code)
        if example is not None:
            nsn = phonenumbers.national_significant_number(example)
            found.add(Seed(code, nsn, "001"))
    return tuple(sorted(found, key=lambda s: (s.region, s.country_code, s.nsn)))


def _metadata(seed: Seed) -> PhoneMetadata | None:
    if seed.region == "001":
        return PhoneMetadata.metadata_for_nongeo_region(seed.country_code, None)
    return PhoneMetadata.metadata_for_region(seed.region, None)


def _vary(rng: random.Random, nsn: str) -> str:
    """Keep the leading digits (the range), change the rest, sometimes the length too."""
    keep = rng.randint(1, max(1, min(len(nsn), 4)))
    delta = rng.choices((0, -2, -1, 1, 2, 3), (70, 5, 8, 8, 5, 4))[0]
    length = max(1, len(nsn) + delta)
    digits = nsn[:keep] + "".join(rng.choice("0123456789") for _ in range(length))
    return digits[:length]


def _grouped(rng: random.Random, digits: str, sep: str) -> str:
    parts, i = [], 0
    while i < len(digits):
        size = rng.randint(1, 4)
        parts.append(digits[i : i + size])
        i += size
    return sep.join(parts)


def _written(rng: random.Random, seed: Seed, nsn: str, style: str) -> str:
    md = _metadata(seed)
    trunk = (md.national_prefix or "") if md is not None else ""
    cc = str(seed.country_code)
    sep = rng.choice((" ", " ", "-", ".", " - ", "  "))
    split = rng.randint(1, max(1, min(4, len(nsn) - 1)))
    head, tail = nsn[:split], nsn[split:]
    if style == "intl":
        return f"+{cc} {_grouped(rng, nsn, sep)}"
    if style == "intl_compact":
        return f"+{cc}{nsn}"
    if style == "intl_dash":
        return f"+{cc}-{_grouped(rng, nsn, '-')}"
    if style == "intl_parens":
        return f"+{cc} ({head}) {_grouped(rng, tail, sep)}"
    if style == "intl_trunk_parens":
        return f"+{cc} ({trunk or '0'}) {_grouped(rng, nsn, sep)}"
    if style == "00":
        return f"00{cc}{rng.choice(('', ' ', '-'))}{_grouped(rng, nsn, sep)}"
    if style == "idd":
        prefix = (md.preferred_international_prefix or md.international_prefix) if md else None
        if prefix is None or not prefix.isdigit():
            prefix = rng.choice(("011", "810", "8~10", "00", "0011", "001", "119"))
        return f"{prefix} {cc} {_grouped(rng, nsn, sep)}"
    if style == "cc_no_plus":
        return f"{cc}{rng.choice(('', ' '))}{_grouped(rng, nsn, sep)}"
    if style == "national":
        return f"{trunk}{_grouped(rng, nsn, sep)}"
    if style == "national_parens":
        return f"({trunk}{head}) {_grouped(rng, tail, sep)}"
    if style == "national_dots":
        return f"{trunk}{_grouped(rng, nsn, '.')}"
    if style == "national_slash":
        return f"{trunk}{head}/{_grouped(rng, tail, rng.choice((' ', '-', '')))}"
    if style == "bare_compact":
        return nsn
    return _grouped(rng, nsn, sep)


_OTHER_DIGITS = (
    "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    "۰۱۲۳۴۵۶۷۸۹",  # Extended Arabic-Indic
    "０１２３４５６７８９",  # full-width
    "०१२३४५६७८९",  # Devanagari
)


def _junk(rng: random.Random, base: str) -> str:
    """``base`` (a written number) made unusual, or something that is no number at all."""
    kind = rng.randrange(24)
    digits = "".join(ch for ch in base if ch.isdigit())
    if kind == 0:
        return ""
    if kind == 1:
        return " " * rng.randint(1, 3)
    if kind == 2:
        return rng.choice(("abc", "n/a", "-", "+", "++", "()", "call me", "x", "#"))
    if kind == 3:
        return digits[: rng.randint(1, 3)]
    if kind == 4:
        return digits * rng.randint(2, 8)  # too long, some past PHONE_MAX
    if kind == 5:
        return (
            base
            + rng.choice((" ext. ", " ext ", " x", "x", " #", "#", " extension "))
            + str(rng.randint(0, 99999))
        )
    if kind == 6:
        table = str.maketrans("0123456789", rng.choice(_OTHER_DIGITS))
        return base.translate(table)
    if kind == 7:
        return base.replace(" ", rng.choice(("\u00a0", "\u2009", "\u3000")))
    if kind == 8:
        return base.replace("-", rng.choice(("\u2013", "\u2212", "\u2010")))
    if kind == 9:
        return "+" + base  # a second plus, or one before a national number
    if kind == 10:
        return base.replace("+", "+ ", 1) if "+" in base else "+ " + base
    if kind == 11:
        return "(" + base + ")" if rng.random() < 0.5 else "(" + base
    if kind == 12:
        i = rng.randrange(len(base) + 1)
        return base[:i] + "+" + base[i:]
    if kind == 13:
        return base + rng.choice(("-", ".", ")", " /", "(", "+"))
    if kind == 14:
        return rng.choice(("tel:", "Tel: ", "phone ", "#", "*")) + base
    if kind == 15:
        return base + ";phone-context=+49" if rng.random() < 0.5 else "tel:" + base + ";isub=12"
    if kind == 16:
        return base.replace(rng.choice("0123456789"), rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), 2)
    if kind == 17:
        return "+" + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 22)))
    if kind == 18:
        return "00" + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 20)))
    if kind == 19:
        return "0" * rng.randint(1, 6) + digits[rng.randint(0, 3) :]
    if kind == 20:
        return "+" + rng.choice(("0", "00", "999", "888", "800", "28", "42", "80", "3")) + digits
    if kind == 21:
        return base + " / " + base  # two numbers
    if kind == 22:
        return "".join(rng.choice("0123456789 -()./+") for _ in range(rng.randint(1, 30)))
    return base.lower() + "\t"  # a control character


def cases(seed: int, count: int) -> Iterator[tuple[str, str | None]]:
    """``count`` (text, default region) pairs."""
    rng = random.Random(seed)
    pool = seeds()
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    for _ in range(count):
        s = rng.choice(pool)
        nsn = s.nsn if rng.random() < 0.1 else _vary(rng, s.nsn)
        text = _written(rng, s, nsn, rng.choice(_STYLES))
        if rng.random() < 0.12:
            text = _junk(rng, text)
        pick = rng.random()
        if pick < 0.3:
            region: str | None = None
        elif pick < 0.65:
            region = s.region if s.region != "001" else None
        elif pick < 0.8:
            region = rng.choice(DEMO_REGIONS + QUIRKY_REGIONS)
        elif pick < 0.96:
            region = rng.choice(regions)
        else:
            region = rng.choice(ODD_REGIONS)
        yield text, region
