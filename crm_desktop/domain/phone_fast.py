"""The few libphonenumber steps an import needs, on plain input, without the library's detours.

``phonenumbers.parse`` costs ~25 us and ``length_of_geographical_area_code``
~15 us, and an import of 100,000 contacts does both for every number. Most of
that is generality a plainly written number never needs: the text is
normalised character by character (other scripts' digits, letters on the
keypad), every metadata regex goes through ``re.compile``'s cache on every
use, a number's region and type are each worked out two or three times, and
the area code's length is read off a fully formatted number.

Here the same steps run, in the same order, on the library's own metadata,
with each region's patterns compiled once; nothing is guessed or simplified.
"Plain" is ASCII digits, spaces and ``- ( ) . /`` with at most one ``+``
before the first digit: for such text the library's extension, RFC 3966,
vanity-letter and viability steps provably do nothing, and the rest is what
this module does. Anything else (letters, other scripts, an ``x`` or ``#``,
a second ``+``), and any case where the library would raise or leave its
common path, goes to the library itself.
``tests/unit/domain/test_phone_fast_path.py`` compares both on a generated
corpus of every region's number ranges and many ways of writing them
(200,000 cases with ``-m slow``); ``benchmarks/phones_bench.py`` times them.

What is cached is per region or per country calling code (the metadata is
immutable once loaded), never per number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

import phonenumbers
from phonenumbers import phonenumberutil as pnu
from phonenumbers.phonemetadata import NumberFormat, PhoneMetadata, PhoneNumberDesc

__all__ = ["area_code_length", "e164", "is_possible_number", "parse", "plain_digits"]

_Matcher = Callable[[str], object]  # a compiled pattern's fullmatch / match
# A format: its last leading-digits pattern's match, its pattern's fullmatch, the pattern, the rule.
_Format = tuple[_Matcher | None, _Matcher, re.Pattern[str], str | Callable[[re.Match[str]], str]]
# Per length: the types' patterns as one alternation, its groups' types, mobile's length check.
_TypeMatcher = tuple[Callable[[str], "re.Match[str] | None"], dict[str | None, int], bool]

_T = phonenumbers.PhoneNumberType
_V = pnu.ValidationResult
_NON_GEO: Final = phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY
_CC_TO_REGIONS: Final = phonenumbers.COUNTRY_CODE_TO_REGION_CODE
_CODES: Final = {str(code): code for code in _CC_TO_REGIONS}
_SUPPORTED_REGIONS: Final = phonenumbers.SUPPORTED_REGIONS
_MAX_CC_LENGTH: Final = pnu._MAX_LENGTH_COUNTRY_CODE
_MAX_INPUT: Final = pnu._MAX_INPUT_STRING_LENGTH
_MIN_NSN: Final = pnu._MIN_LENGTH_FOR_NSN
_MAX_NSN: Final = pnu._MAX_LENGTH_FOR_NSN
_MOBILE_TOKENS: Final = pnu._MOBILE_TOKEN_MAPPINGS
_GEO_MOBILE: Final = pnu._GEO_MOBILE_COUNTRIES
_GEO_MOBILE_NO_AREA: Final = pnu._GEO_MOBILE_COUNTRIES_WITHOUT_MOBILE_AREA_CODES
# Not in the library's type stubs; absent in a version that does not use it.
_NO_PREFIX_WITH_AREA: Final[frozenset[int]] = frozenset(
    getattr(pnu, "_COUNTRIES_WITHOUT_NATIONAL_PREFIX_WITH_AREA_CODES", ())
)
_SPLIT_GROUPS: Final = pnu.NON_DIGITS_PATTERN.split
_NOT_STRIPPED: Final = (_V.TOO_SHORT, _V.IS_POSSIBLE_LOCAL_ONLY, _V.INVALID_LENGTH)
_POSSIBLE: Final = (_V.IS_POSSIBLE, _V.IS_POSSIBLE_LOCAL_ONLY)


def _never(_text: str) -> None:
    return None


def _fullmatcher(desc: PhoneNumberDesc | None) -> _Matcher:
    """``_match_national_number(number, desc, False)`` as one call: a full match or nothing."""
    if desc is None or not desc.national_number_pattern:
        return _never
    return re.compile(desc.national_number_pattern).fullmatch


class _Plan:
    """One metadata record's patterns, compiled once, in the order the library tries them."""

    __slots__ = (
        "_by_length",
        "_formats",
        "_length_results",
        "country_code",
        "fixed_or_mobile_same",
        "general",
        "general_lengths",
        "idd",
        "leading_digits",
        "lengths",
        "local_lengths",
        "metadata",
        "mobile",
        "national_prefix_pattern",
        "no_national_prefix",
        "transform_rule",
        "types",
    )

    def __init__(self, metadata: PhoneMetadata) -> None:
        self.metadata = metadata
        self.country_code = metadata.country_code
        general = metadata.general_desc
        assert general is not None  # every record has one (the library relies on it too)
        self.general = _fullmatcher(general)
        self.general_lengths = _lengths(general)
        self.lengths = general.possible_length
        self.local_lengths = general.possible_length_local_only
        self._length_results: dict[int, int] = {}
        prefix = metadata.international_prefix
        self.idd = None if prefix is None else re.compile(prefix).match
        for_parsing = metadata.national_prefix_for_parsing
        self.national_prefix_pattern = re.compile(for_parsing) if for_parsing else None
        self.transform_rule = metadata.national_prefix_transform_rule
        self.no_national_prefix = metadata.national_prefix is None
        self.leading_digits = (
            None if metadata.leading_digits is None else re.compile(metadata.leading_digits).match
        )
        # _number_type_helper's order; descriptions without a pattern never match.
        self.types = tuple(
            (number_type, _lengths(desc), desc.national_number_pattern)
            for number_type, desc in (
                (_T.PREMIUM_RATE, metadata.premium_rate),
                (_T.TOLL_FREE, metadata.toll_free),
                (_T.SHARED_COST, metadata.shared_cost),
                (_T.VOIP, metadata.voip),
                (_T.PERSONAL_NUMBER, metadata.personal_number),
                (_T.PAGER, metadata.pager),
                (_T.UAN, metadata.uan),
                (_T.VOICEMAIL, metadata.voicemail),
                (_T.FIXED_LINE, metadata.fixed_line),
                (_T.MOBILE, metadata.mobile),
            )
            if desc is not None and desc.national_number_pattern
        )
        self.mobile = (_lengths(metadata.mobile), _fullmatcher(metadata.mobile))
        self._by_length: dict[int, _TypeMatcher | None] = {}
        self.fixed_or_mobile_same = metadata.same_mobile_and_fixed_line_pattern
        self._formats: tuple[_Format, ...] | None = None  # compiled on first use

    @property
    def formats(self) -> tuple[_Format, ...]:
        """The formats ``_format_nsn`` chooses from for the INTERNATIONAL format."""
        if self._formats is None:
            formats = self.metadata.intl_number_format or self.metadata.number_format
            self._formats = tuple(_compiled_format(f) for f in formats)
        return self._formats

    def length_result(self, number: str) -> int:
        """``_test_number_length(number, metadata)`` (type UNKNOWN), remembered per length."""
        n = len(number)
        found = self._length_results.get(n)
        if found is None:
            found = _test_length(n, self.lengths, self.local_lengths)
            self._length_results[n] = found
        return found

    def number_type(self, nsn: str) -> int:
        """``_number_type_helper(nsn, metadata)``.

        The library tries each type's pattern in turn (after a check of the
        length); here the patterns that admit the length are one alternation,
        tried once: a full match of ``(?P<t0>A)|(?P<t1>B)|...`` is the first
        alternative that matches in full, so the same type wins.
        """
        n = len(nsn)
        try:
            matcher = self._by_length[n]
        except KeyError:
            matcher = self._type_matcher(n)
            if len(self._by_length) < 64:
                self._by_length[n] = matcher
        if matcher is None or not self.general(nsn):  # None: the general lengths exclude n
            return _T.UNKNOWN
        combined, kinds, mobile_admits_length = matcher
        if not kinds:
            return pnu._number_type_helper(nsn, self.metadata)  # patterns we do not combine
        found = combined(nsn)
        if found is None:
            return _T.UNKNOWN
        number_type = kinds[found.lastgroup]  # the alternative's own group closes last
        if number_type == _T.FIXED_LINE and (
            self.fixed_or_mobile_same or (mobile_admits_length and self.mobile[1](nsn))
        ):
            return _T.FIXED_LINE_OR_MOBILE
        return number_type

    def _type_matcher(self, n: int) -> _TypeMatcher | None:
        if self.general_lengths is not None and n not in self.general_lengths:
            return None
        kinds: dict[str | None, int] = {}
        alternatives: list[str] = []
        for number_type, lengths, pattern in self.types:
            if lengths is not None and n not in lengths:
                continue
            if number_type == _T.MOBILE and self.fixed_or_mobile_same:
                continue  # the library never asks: fixed line answered already
            if not _COMBINABLE.fullmatch(pattern) or "(?(" in pattern:
                return _never, {}, False
            name = f"t{len(alternatives)}"
            kinds[name] = number_type
            alternatives.append(f"(?P<{name}>{pattern})")
        if not alternatives:
            return _never, {None: _T.UNKNOWN}, False
        combined = re.compile("|".join(alternatives)).fullmatch
        mobile_lengths = self.mobile[0]
        return combined, kinds, mobile_lengths is None or n in mobile_lengths

    def strip_national_prefix(self, number: str) -> str | None:
        """``_maybe_strip_national_prefix_carrier_code``'s number; None: call the library."""
        pattern = self.national_prefix_pattern
        if not number or pattern is None:
            return number
        found = pattern.match(number)
        if found is None:
            return number
        viable_before = self.general(number)
        groups = found.groups()
        rule = self.transform_rule
        if not rule:
            stripped = number[found.end() :]
        elif not groups:
            return None  # the library would index an empty tuple: let it
        elif groups[-1] is None:
            stripped = number[found.end() :]
        else:
            stripped = pattern.sub(rule, number, count=1)
        if viable_before and not self.general(stripped):
            return number
        return stripped


# What every metadata pattern is made of: digits, classes, \\d, repeats, alternatives and
# groups. No group names, flags, look-arounds or conditionals ("(?(1)") that an alternation
# could upset.
_COMBINABLE = re.compile(r"(?:[0-9\[\]{},|?:()\-]|\\d)*")


def _lengths(desc: PhoneNumberDesc | None) -> frozenset[int] | None:
    """The lengths ``_is_number_matching_desc`` checks first; None: any length."""
    if desc is None or len(desc.possible_length) == 0:
        return None
    return frozenset(desc.possible_length)


def _compiled_format(number_format: NumberFormat) -> _Format:
    leading = number_format.leading_digits_pattern
    assert number_format.pattern is not None and number_format.format is not None
    pattern = re.compile(number_format.pattern)
    return (
        re.compile(leading[-1]).match if leading else None,
        pattern.fullmatch,
        pattern,
        _replacement(number_format.format, pattern),
    )


# A rule of literal text and group references \1 to \9 (all of today's metadata).
_SIMPLE_RULE = re.compile(r"(?:\\[1-9](?![0-9])|[^\\])*")


def _replacement(rule: str, pattern: re.Pattern[str]) -> str | Callable[[re.Match[str]], str]:
    """``rule`` for ``pattern.sub``, as a function when it is simple: the same text, without
    the ~1 us ``re`` spends expanding a template on every substitution."""
    parts = re.split(r"\\([1-9])", rule)
    groups = [int(group) for group in parts[1::2]]
    if not _SIMPLE_RULE.fullmatch(rule) or any(group > pattern.groups for group in groups):
        return rule
    literals = [text.replace("{", "{{").replace("}", "}}") for text in parts[0::2]]
    template = literals[0] + "".join(
        f"{{{group - 1}}}{text}" for group, text in zip(groups, literals[1:], strict=True)
    )
    fill = template.format

    def expand(found: re.Match[str]) -> str:
        return fill(*found.groups(""))  # a group that did not take part: "" (as re does)

    return expand


def _test_length(n: int, lengths: tuple[int, ...], local_lengths: tuple[int, ...]) -> int:
    """``_test_number_length`` for type UNKNOWN (the general description's lengths)."""
    if n in local_lengths:
        return _V.IS_POSSIBLE_LOCAL_ONLY
    minimum = lengths[0]
    if minimum == n:
        return _V.IS_POSSIBLE
    if minimum > n:
        return _V.TOO_SHORT
    if lengths[-1] < n:
        return _V.TOO_LONG
    return _V.IS_POSSIBLE if n in lengths[1:] else _V.INVALID_LENGTH


_by_region: dict[str, _Plan | None] = {}
_by_non_geo_code: dict[int, _Plan | None] = {}


def _region_plan(region: str) -> _Plan | None:
    """``PhoneMetadata.metadata_for_region(region)``, compiled; None where it is None."""
    try:
        return _by_region[region]
    except KeyError:
        metadata = PhoneMetadata.metadata_for_region(region, None)
        plan = None if metadata is None else _Plan(metadata)
        if len(_by_region) < 1024:  # region codes: ~250, but the argument is anyone's string
            _by_region[region] = plan
        return plan


def _plan_for(country_code: int, region: str) -> _Plan | None:
    """``PhoneMetadata.metadata_for_region_or_calling_code``, compiled."""
    if region == _NON_GEO:
        try:
            return _by_non_geo_code[country_code]
        except KeyError:
            metadata = PhoneMetadata.metadata_for_nongeo_region(country_code, None)
            plan = None if metadata is None else _Plan(metadata)
            if len(_by_non_geo_code) < 1024:
                _by_non_geo_code[country_code] = plan
            return plan
    return _region_plan(region)


def _main_plan(country_code: int) -> _Plan | None:
    """The metadata formatting and possible lengths use: the code's main region."""
    regions = _CC_TO_REGIONS.get(country_code)
    return None if regions is None else _plan_for(country_code, regions[0])


# --- parse -------------------------------------------------------------------


def plain_digits(text: str) -> str | None:
    """The digits of plain text, or None if it is not plain.

    Plain: every character one of ``0-9 ( ) . / - +``, with at most one
    ``+`` and none after a digit, and at least one digit. (A chain of
    ``str.replace`` is ~3x faster here than a regex or ``str.translate``.)
    """
    if not text.isascii():
        return None
    found = (
        text.replace(" ", "")
        .replace("-", "")
        .replace("(", "")
        .replace(")", "")
        .replace(".", "")
        .replace("/", "")
    )
    if found.startswith("+"):  # only punctuation before it
        found = found[1:]
    return found if found.isdigit() else None  # isdigit on ASCII: 0-9 only


def parse(text: str, region: str | None, digits: str | None = None) -> phonenumbers.PhoneNumber:
    """``phonenumbers.parse(text, region)``: the same number, or the same exception type.

    ``digits``: ``plain_digits(text)`` if the caller has it already.
    """
    found = _parse_plain(text, region, digits)
    if found is None:
        return phonenumbers.parse(text, region)
    return found


def _parse_plain(
    text: str, region: str | None, number_digits: str | None
) -> phonenumbers.PhoneNumber | None:
    """The library's parse of plain text, step by step; None wherever it would leave that path."""
    if len(text) > _MAX_INPUT:
        return None
    if number_digits is None:
        number_digits = plain_digits(text)
    if number_digits is None or len(number_digits) < 3:
        return None
    # _build_national_number_for_parsing keeps the text from the first "+" or
    # digit to the last digit; with >= 3 digits and no "+" after a digit it is
    # viable, and it holds no extension, phone-context or letters.
    with_plus = "+" in text
    if region is None:
        if not with_plus:
            raise phonenumbers.NumberParseException(
                phonenumbers.NumberParseException.INVALID_COUNTRY_CODE,
                "Missing or invalid default region.",
            )
        plan = None
    elif region in _SUPPORTED_REGIONS:
        plan = _region_plan(region)
        if plan is None:
            return None
    else:
        return None
    # _maybe_extract_country_code
    country_code = 0
    national = number_digits
    international = with_plus
    if not with_plus and plan is not None and plan.idd is not None:
        idd = plan.idd(number_digits)
        if idd is not None:
            rest = number_digits[idd.end() :]
            if not rest.startswith("0"):
                international, national = True, rest
    if international:
        if len(national) <= _MIN_NSN or national[0] == "0":
            return None  # too short after the IDD, or no country code: the library raises
        # _extract_country_code: the shortest leading digits that are a code
        # (no leading zero here, so the text of the int is the digits).
        for end in range(1, min(len(national), _MAX_CC_LENGTH) + 1):
            known = _CODES.get(national[:end])
            if known is not None:
                country_code, national = known, national[end:]
                break
        else:
            return None  # an unknown country code: the library retries, then raises
    elif plan is not None:
        assert plan.country_code is not None
        code = str(plan.country_code)
        if national.startswith(code):
            without_code = plan.strip_national_prefix(national[len(code) :])
            if without_code is None:
                return None
            if (not plan.general(national) and plan.general(without_code)) or plan.length_result(
                national
            ) == _V.TOO_LONG:
                country_code, national = plan.country_code, without_code
    if country_code != 0:
        number_region = _CC_TO_REGIONS[country_code][0]
        if number_region != region:
            plan = _plan_for(country_code, number_region)
            if plan is None:
                return None
    else:
        assert plan is not None and plan.country_code is not None  # region given, see above
        country_code = plan.country_code
    if len(national) < _MIN_NSN:
        return None
    assert plan is not None
    stripped = plan.strip_national_prefix(national)
    if stripped is None:
        return None
    if plan.length_result(stripped) not in _NOT_STRIPPED:
        national = stripped
    if not _MIN_NSN <= len(national) <= _MAX_NSN:
        return None
    number = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(national))
    if len(national) > 1 and national[0] == "0":  # _set_italian_leading_zeros_for_phone_number
        number.italian_leading_zero = True
        zeros = 1
        while zeros < len(national) - 1 and national[zeros] == "0":
            zeros += 1
        if zeros != 1:
            number.number_of_leading_zeros = zeros
    return number


# --- after parsing -----------------------------------------------------------


def _nsn(number: phonenumbers.PhoneNumber) -> str:
    """``national_significant_number``."""
    if number.italian_leading_zero:
        zeros = number.number_of_leading_zeros
        return "0" * (1 if zeros is None else zeros) + str(number.national_number)
    return str(number.national_number)


def is_possible_number(number: phonenumbers.PhoneNumber) -> bool:
    """``phonenumbers.is_possible_number``."""
    country_code = number.country_code
    if country_code not in _CC_TO_REGIONS:
        return False  # INVALID_COUNTRY_CODE
    assert country_code is not None
    plan = _main_plan(country_code)
    if plan is None:
        return phonenumbers.is_possible_number(number)
    return plan.length_result(_nsn(number)) in _POSSIBLE


def area_code_length(number: phonenumbers.PhoneNumber) -> int:
    """``phonenumbers.length_of_geographical_area_code``, with region and type worked out once."""
    country_code = number.country_code
    if number.extension is not None or not number.national_number or country_code is None:
        return phonenumbers.length_of_geographical_area_code(number)
    regions = _CC_TO_REGIONS.get(country_code)
    if regions is None:
        return 0  # no region, no metadata
    nsn = _nsn(number)
    # region_code_for_number, keeping the type it may have worked out on the way
    number_type, typed_by = _T.UNKNOWN, None
    region: str | None = regions[0]
    if len(regions) > 1:
        region = None
        for candidate in regions:
            candidate_plan = _region_plan(candidate.upper())
            if candidate_plan is None:
                continue
            if candidate_plan.leading_digits is not None:
                if candidate_plan.leading_digits(nsn):
                    region = candidate
                    break
            else:
                number_type, typed_by = candidate_plan.number_type(nsn), candidate_plan
                if number_type != _T.UNKNOWN:
                    region = candidate
                    break
    if region is None:
        return 0  # no region, no metadata
    plan = _region_plan(region)
    if plan is None:
        return 0  # e.g. "001", the non-geographical entities: no region metadata
    if typed_by is not plan:
        number_type = plan.number_type(nsn)  # number_type(): the same region, so the same metadata
    if (
        plan.no_national_prefix
        and not number.italian_leading_zero
        and country_code not in _NO_PREFIX_WITH_AREA
    ):
        return 0  # a closed dialling plan: no area codes
    if number_type == _T.MOBILE and country_code in _GEO_MOBILE_NO_AREA:
        return 0
    if not (
        number_type in (_T.FIXED_LINE, _T.FIXED_LINE_OR_MOBILE)
        or (country_code in _GEO_MOBILE and number_type == _T.MOBILE)
    ):
        return 0
    # length_of_national_destination_code: the groups of the INTERNATIONAL format
    main = _main_plan(country_code)
    if main is None:
        return phonenumbers.length_of_geographical_area_code(number)
    formatted = nsn
    for leading, fullmatch, pattern, rule in main.formats:
        if (leading is None or leading(nsn)) and fullmatch(nsn):
            formatted = pattern.sub(rule, nsn)
            break
    groups = _SPLIT_GROUPS(f"+{country_code} {formatted}")
    if len(groups) <= 3:
        return 0
    if number_type == _T.MOBILE and _MOBILE_TOKENS.get(country_code, ""):
        return len(groups[2]) + len(groups[3])
    return len(groups[2])


def e164(number: phonenumbers.PhoneNumber) -> str:
    """``format_number(number, PhoneNumberFormat.E164)``."""
    if number.country_code is None or not number.national_number:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"+{number.country_code}{_nsn(number)}"
