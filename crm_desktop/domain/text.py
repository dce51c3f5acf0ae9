"""Text rules shared by every field: folding for search and sort, cleaning.

Why folding lives here and not in SQLite: FTS5's ``remove_diacritics`` misses
Greek accents and Cyrillic ё, and ``LIKE`` folds ASCII only (see
FIELD_NOTES). So storage indexes a shadow text folded by :func:`fold` and
folds the query the same way; both sides must use this one function.

Why :func:`clean_text` refuses control characters instead of dropping them:
silently changing what the user typed is worse than asking, and bidi
overrides can disguise a name ("Trojan Source" style) in lists and exports.
"""

from __future__ import annotations

import re
import unicodedata

from crm_desktop.domain.errors import ValidationError

__all__ = [
    "EMAIL_MAX",
    "NAME_MAX",
    "NOTES_MAX",
    "PHONE_MAX",
    "SHORT_TEXT_MAX",
    "URL_MAX",
    "clean_text",
    "digits",
    "fold",
    "search_tokens",
    "sort_key",
]

# Limits in code points (after NFC). Generous on purpose: they stop pasted
# megabytes, not real names.
NAME_MAX = 200
SHORT_TEXT_MAX = 500
NOTES_MAX = 100_000
EMAIL_MAX = 254  # RFC 5321 path limit
PHONE_MAX = 64
URL_MAX = 2048

# Letters whose "accent" is part of the glyph, so NFD does not split it off.
# Applied after casefold, hence lowercase keys only.
_UNDECOMPOSABLE = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ħ": "h",
        "ı": "i",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ŀ": "l",
        "ð": "d",
        # Kazakh letters fold to what a Russian keyboard types for them, so
        # "сарсенов" finds "Сәрсенов"; typed on a Kazakh keyboard, both fold alike.
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
    }
)

_WORD = re.compile(r"[^\W_]+")
_WHITESPACE = re.compile(r"\s+")

# Bidi embeddings/overrides (LRE..RLO) and isolates (LRI..PDI): invisible,
# and they reorder how the surrounding text is displayed.
_BIDI_CONTROLS = frozenset(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# Characters that act as a line break besides "\n" and "\r".
_LINE_BREAKS = ("\x85", "\u2028", "\u2029")


def _strip_marks(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Fold text so that what a user types finds what was stored.

    Accents, case and final sigma disappear; letters such as ł or ø that do
    not decompose, and the Kazakh letters, are mapped by hand.

    The search index stores folded text: a change here needs a migration
    that rebuilds it (``storage.search_index.rebuild``).
    """
    if text.isascii():
        # NFD, the marks and the hand-mapped letters are all non-ASCII, and
        # casefold equals lower on ASCII: the same result, ~20x faster.
        return text.lower()
    found = _folded.get(text)
    if found is None:
        folded = _strip_marks(text).casefold()
        # casefold can itself produce combining marks (e.g. for "ǰ" or "ẖ"), so
        # strip once more; cheap, and keeps the result stable under re-folding.
        folded = _strip_marks(folded).translate(_UNDECOMPOSABLE)
        found = unicodedata.normalize("NFC", folded)
        if len(_folded) >= _FOLD_CACHE_MAX:
            _folded.clear()
        _folded[text] = found
    return found


# fold is pure and names, organizations and tags repeat (an import folds each
# a few times): non-ASCII results are cached, bounded.
_FOLD_CACHE_MAX = 65_536
_folded: dict[str, str] = {}


def search_tokens(text: str) -> list[str]:
    """Folded word tokens (letters and digits), for indexing and queries."""
    return _WORD.findall(fold(text))


def digits(text: str) -> str:
    """Only the decimal digits of ``text``, as ASCII.

    Other scripts' decimal digits (Arabic-Indic, Devanagari, full-width) are
    converted, so a phone typed with them matches one typed in ASCII.
    Superscripts and other non-decimal "digits" are ignored.
    """
    if text.isascii():  # the decimal digits of ASCII are 0-9: the same, ~10x faster
        return _NOT_ASCII_DIGIT.sub("", text)
    return "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())


_NOT_ASCII_DIGIT = re.compile(r"[^0-9]+")


def sort_key(text: str) -> str:
    """Precomputed sort key: folded, whitespace collapsed, stripped.

    Stored in an indexed column because sorting with a Python collation
    function costs ~0.4 s per query (FIELD_NOTES).
    """
    return _WHITESPACE.sub(" ", fold(text)).strip()


def clean_text(
    value: str | None,
    *,
    field: str,
    max_length: int,
    multiline: bool = False,
    required: bool = False,
) -> str | None:
    """Normalize and check one text field; blank means "no value" (None).

    NFC first, so the length limit and duplicate checks see the same string
    whether the input method produced composed or decomposed letters.
    Surrounding whitespace (including a pasted trailing newline) is trimmed;
    what remains must be printable. Raises :class:`ValidationError` naming
    ``field`` but never the value.
    """
    if value is None or not value.strip():
        if required:
            raise ValidationError(field, "is required")
        return None
    text = unicodedata.normalize("NFC", value).strip()
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        for brk in _LINE_BREAKS:
            text = text.replace(brk, "\n")
    # str.isprintable() is False for every character the loop below refuses
    # (Cc, Cf incl. the bidi controls, Cs, Zl, Zp, and all of "\n\r\t" and
    # _LINE_BREAKS), so a printable text passes it unchanged: skip it.
    for ch in "" if text.isprintable() else text:
        if multiline and ch in "\n\t":
            continue
        if ch in "\n\r\t" or ch in _LINE_BREAKS:
            raise ValidationError(field, "must be a single line")
        category = unicodedata.category(ch)
        if category == "Cc" or ch in _BIDI_CONTROLS:
            raise ValidationError(field, "contains a control character that cannot be saved")
        if category == "Cs":
            # A lone surrogate cannot be encoded as UTF-8, so SQLite would
            # refuse it later with a far less helpful error.
            raise ValidationError(field, "contains a broken character that cannot be saved")
    n = len(text)
    if n > max_length:
        raise ValidationError(field, f"is too long ({n} characters; at most {max_length})")
    return text
