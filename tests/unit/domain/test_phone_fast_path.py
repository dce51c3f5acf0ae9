"""``phone_fast`` against the library: the same numbers, keys and errors, on a generated corpus.

The oracle is the library itself and the code as it was before ``phone_fast``
(``contact_points._parse_phone_reference``, ``phone_keys._phone_keys_reference``).
A fast sample runs in every test run; the full corpus (200,000 cases by default)
with ``-m slow`` or ``CRM_PHONE_CASES=N``:

    .venv/bin/python -m pytest tests/unit/domain/test_phone_fast_path.py -m slow
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable, Iterable
from typing import Any

import phonenumbers
import pytest
from phonenumbers import PhoneMetadata
from phonenumbers import phonenumberutil as pnu
from support.phone_corpus import DEMO_REGIONS, QUIRKY_REGIONS, cases, seeds

from crm_desktop.domain import contact_points, phone_fast, phone_keys
from crm_desktop.domain.errors import ValidationError


def _fields(number: phonenumbers.PhoneNumber) -> tuple[Any, ...]:
    """Every field, as stored (PhoneNumber.__eq__ would let True and 1 pass as equal)."""
    return (
        number.country_code,
        number.national_number,
        number.extension,
        number.italian_leading_zero,
        number.number_of_leading_zeros,
        number.raw_input,
        number.country_code_source,
        number.preferred_domestic_carrier_code,
    )


def _outcome(call: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, ...]:
    try:
        found = call(*args, **kwargs)
    except phonenumbers.NumberParseException as exc:
        return ("raised", exc.error_type, str(exc))
    except ValidationError as exc:
        return ("invalid", str(exc))
    except Exception as exc:  # any other failure must be the same failure
        return ("failed", type(exc).__name__)
    if isinstance(found, phonenumbers.PhoneNumber):
        return ("number", _fields(found))
    return ("value", found)


def _differences(corpus: Iterable[tuple[str, str | None]]) -> tuple[int, list[str]]:
    """Compare everything the fast path touches; (cases checked, up to 20 differences)."""
    found: list[str] = []
    checked = 0

    def expect(what: str, text: str, region: str | None, fast: object, library: object) -> None:
        if fast != library and len(found) < 20:
            found.append(f"{what}({text!r}, {region!r}): fast {fast!r}, library {library!r}")

    for text, region in corpus:
        checked += 1
        expect(
            "parse",
            text,
            region,
            _outcome(phone_fast.parse, text, region),
            _outcome(phonenumbers.parse, text, region),
        )
        with contact_points.remembering_numbers():
            ours = _outcome(contact_points.parse_phone, text, default_region=region)
            ref = _outcome(contact_points._parse_phone_reference, text, default_region=region)
            expect("parse_phone", text, region, ours, ref)
            if ours[0] != "value" or ref[0] != "value":
                continue
            phone = ours[1]
            remembered = contact_points.remembered_number(phone.e164) if phone.e164 else None
        number = None
        for attempt in (phone.raw, "+" + phone.raw.lstrip()[2:]):
            try:
                number = phonenumbers.parse(attempt, region)
                break
            except phonenumbers.NumberParseException:
                if region is not None or not phone.raw.lstrip().startswith("00"):
                    break
        if phone.e164:
            assert number is not None and remembered is not None
            expect("remembered", text, region, _fields(remembered), _fields(number))
        for given in (number, None):
            expect(
                "phone_keys",
                text,
                region,
                phone_keys.phone_keys(phone.raw, phone.e164, given),
                phone_keys._phone_keys_reference(phone.raw, phone.e164, given),
            )
        if number is not None:
            expect(
                "area_code_length",
                text,
                region,
                _outcome(phone_fast.area_code_length, number),
                _outcome(phonenumbers.length_of_geographical_area_code, number),
            )
            expect(
                "is_possible_number",
                text,
                region,
                phone_fast.is_possible_number(number),
                phonenumbers.is_possible_number(number),
            )
            expect(
                "e164",
                text,
                region,
                phone_fast.e164(number),
                phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
            )
    return checked, found


def test_fast_sample_matches_the_library() -> None:
    checked, found = _differences(cases(seed=1, count=2000))
    assert checked == 2000
    assert not found, "\n".join(found)


@pytest.mark.slow
def test_full_corpus_matches_the_library(request: pytest.FixtureRequest) -> None:
    wanted = os.environ.get("CRM_PHONE_CASES")
    if "slow" not in (request.config.getoption("-m") or "") and wanted is None:
        pytest.skip("200,000 cases (~1-3 min): run with -m slow or CRM_PHONE_CASES=N")
    total = int(wanted or 200_000)
    checked, found = 0, []
    for seed in range(100, 110):  # ten seeds: a failure names a smaller corpus to rerun
        done, differences = _differences(cases(seed=seed, count=total // 10))
        checked += done
        found += differences
    assert checked >= total - 10
    assert not found, "\n".join(found[:20])


TYPICAL = [
    ("+49 30 1234567", None),
    ("+49-30-1234567", None),
    ("+49 (30) 123 45 67", None),
    ("0049 30 1234567", None),
    ("0049 30 1234567", "DE"),
    ("030 1234567", "DE"),
    ("(030) 123-4567", "DE"),
    ("030/1234567", "DE"),
    ("030.123.45.67", "DE"),
    ("+30 210 1234567", None),
    ("06 1 234 5678", "HU"),
    ("+351 21 234 5678", None),
    ("021 234 5678", "RO"),
    ("8 701 234 5678", "KZ"),
    ("+7 701 234 5678", None),
    ("020 7946 0958", "GB"),
    ("(212) 555-0123", "US"),
    ("1 212 555 0123", "US"),
    ("011 49 30 1234567", "US"),
    ("+39 06 1234 5678", None),
    ("06 1234 5678", "IT"),
]


@pytest.mark.parametrize(("text", "region"), TYPICAL)
def test_typical_numbers_take_the_fast_path(text: str, region: str | None) -> None:
    attempt = "+" + text[2:] if region is None and text.startswith("00") else text
    number = phone_fast._parse_plain(attempt, region, None)
    assert number is not None, "fell back to the library"
    assert _fields(number) == _fields(phonenumbers.parse(attempt, region))


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("+49 30 1234567 ext. 12", None),  # an extension
        ("+49 30 CALL NOW", None),  # letters
        ("٠٣٠ ١٢٣٤٥٦٧", "DE"),  # other scripts' digits
        ("+49\u00a030 1234567", None),  # a no-break space
        ("++49 30 1234567", None),  # two plus signs
        ("49+30 1234567", "DE"),  # a plus after a digit
        ("+999 1234567", None),  # an unknown country code
        ("030 1234567", "de"),  # a region the library checks case-sensitively
        ("030 1234567", "XX"),
        ("1" * 251, "DE"),  # past the library's input limit
        ("+49 1", None),  # too short after the country code
    ],
)
def test_unusual_input_goes_to_the_library(text: str, region: str | None) -> None:
    assert phone_fast._parse_plain(text, region, None) is None
    assert _outcome(phone_fast.parse, text, region) == _outcome(phonenumbers.parse, text, region)


def test_no_region_and_no_plus_raises_like_the_library() -> None:
    with pytest.raises(phonenumbers.NumberParseException) as ours:
        phone_fast.parse("030 1234567", None)
    with pytest.raises(phonenumbers.NumberParseException) as theirs:
        phonenumbers.parse("030 1234567", None)
    assert (ours.value.error_type, str(ours.value)) == (theirs.value.error_type, str(theirs.value))


def _all_metadata() -> list[PhoneMetadata]:
    found = [PhoneMetadata.metadata_for_region(r) for r in sorted(phonenumbers.SUPPORTED_REGIONS)]
    found += [
        PhoneMetadata.metadata_for_nongeo_region(code)
        for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS)
    ]
    return [metadata for metadata in found if metadata is not None]


def test_number_type_matches_the_library_for_every_region() -> None:
    """The one-alternation type check against ``_number_type_helper``, on every region's
    example numbers, one digit shorter and longer, and a digit changed."""
    by_region: dict[str, list[str]] = {}
    for seed in seeds():
        by_region.setdefault(seed.region, []).append(seed.nsn)
    differences = []
    for metadata in _all_metadata():
        plan = phone_fast._Plan(metadata)
        for nsn in by_region.get(metadata.id, []):
            for variant in {nsn, nsn[:-1], nsn + "5", nsn[:-1] + "0", "9" + nsn[1:]}:
                ours = plan.number_type(variant)
                theirs = pnu._number_type_helper(variant, metadata)
                if ours != theirs:
                    differences.append((metadata.id, metadata.country_code, variant, ours, theirs))
    assert not differences


def test_format_rules_expand_like_re() -> None:
    """Every formatting rule in the metadata, on every example number a pattern matches."""
    by_code: dict[int, set[str]] = {}
    for seed in seeds():
        by_code.setdefault(seed.country_code, set()).add(seed.nsn)
    checked = 0
    for metadata in _all_metadata():
        numbers = by_code.get(metadata.country_code or 0, set())
        for number_format in metadata.number_format + metadata.intl_number_format:
            _, fullmatch, pattern, rule = phone_fast._compiled_format(number_format)
            assert callable(rule), number_format.format  # today's rules are all simple
            for nsn in numbers:
                if fullmatch(nsn):
                    checked += 1
                    assert pattern.sub(rule, nsn) == pattern.sub(number_format.format or "", nsn)
    assert checked > 1000


def test_replacement_keeps_rules_it_cannot_mirror() -> None:
    pattern = re.compile(r"(\d)(\d)")
    assert phone_fast._replacement(r"\1\g<2>", pattern) == r"\1\g<2>"
    assert phone_fast._replacement(r"\3", pattern) == r"\3"
    expand = phone_fast._replacement(r"{\1} (\2)", pattern)
    assert callable(expand)
    assert pattern.sub(expand, "12") == pattern.sub(r"{\1} (\2)", "12") == "{1} (2)"


def test_corpus_covers_the_regions_asked_for() -> None:
    regions = {seed.region for seed in seeds()}
    assert set(DEMO_REGIONS) <= regions
    assert len(set(QUIRKY_REGIONS) - set(DEMO_REGIONS)) >= 30
    assert set(QUIRKY_REGIONS) <= regions


def test_national_prefix_stripping_matches_the_library() -> None:
    """Every region's trunk prefix, carrier codes and transform rules (Argentina's "0 11 15",
    Brazil's carrier codes, ...) against ``_maybe_strip_national_prefix_carrier_code``."""
    rng = random.Random(5)
    by_code: dict[int, list[str]] = {}
    for seed in seeds():
        by_code.setdefault(seed.country_code, []).append(seed.nsn)
    transformed = checked = 0
    for metadata in _all_metadata():
        if not metadata.national_prefix_for_parsing:
            continue
        plan = phone_fast._Plan(metadata)
        prefixes = {"", "0", "1", "8", "9", "00", "015", "0115", "15", "01", "021", "0341"}
        prefixes.add(metadata.national_prefix or "")
        prefixes |= {str(rng.randrange(10 ** rng.randint(1, 4))) for _ in range(6)}
        for nsn in by_code.get(metadata.country_code or 0, []):
            for prefix in prefixes:
                for number in (prefix + nsn, prefix + nsn[:2] + "15" + nsn[2:]):
                    ours = plan.strip_national_prefix(number)
                    _, theirs, _ = pnu._maybe_strip_national_prefix_carrier_code(number, metadata)
                    if ours is None:
                        continue  # left to the library
                    checked += 1
                    transformed += ours not in (number, number[len(prefix) :])
                    assert ours == theirs, (metadata.id, number)
    assert checked > 10_000
    assert transformed > 50  # the transform rules were exercised


def test_country_code_table_is_the_library_s() -> None:
    assert {int(text): code for text, code in phone_fast._CODES.items()} == {
        code: code for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE
    }
