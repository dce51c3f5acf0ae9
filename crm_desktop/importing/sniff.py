"""Reading a CSV file whose encoding and delimiter nobody told us.

Encodings: a BOM decides (UTF-8, UTF-16); otherwise strict UTF-8; otherwise
Excel's ANSI code pages (FIELD_NOTES), cp1252, cp1250 or cp1251, chosen by a
score: non-ASCII letters that belong to one language of the code page count
for it, symbols inside words and words mixing scripts count against it.
Delimiters: ``,`` ``;`` or TAB, by ``csv.Sniffer`` restricted to those and
checked against the header line (the one with the most separators wins).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["DELIMITERS", "ENCODINGS", "Sniffed", "decode", "read_rows", "sniff_delimiter"]

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "cp1250", "cp1251")
DELIMITERS = (",", ";", "\t")
MAX_FIELD = 1_000_000  # characters in one cell; larger cells are reported, not read

# Non-ASCII letters per language, grouped by the code page that writes them.
_LANGUAGES: dict[str, tuple[str, ...]] = {
    "cp1252": (
        "äöüßÄÖÜéÉ",  # German
        "àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ",  # French
        "áéíñóúüÁÉÍÑÓÚÜ",  # Spanish
        "àáâãçéêíóôõúÀÁÂÃÇÉÊÍÓÔÕÚ",  # Portuguese
        "àèéìíòóùÀÈÉÌÍÒÓÙ",  # Italian
        "åäæöøéÅÄÆÖØÉ",  # Nordic
    ),
    "cp1250": (
        "áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ",  # Czech
        "áäčďéíĺľňóôŕšťúýžÁÄČĎÉÍĹĽŇÓÔŔŠŤÚÝŽ",  # Slovak
        "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ",  # Polish
        "áéíóöőúüűÁÉÍÓÖŐÚÜŰ",  # Hungarian
        "čćđšžČĆĐŠŽ",  # Croatian, Slovenian
        "ăâîşţÂĂÎŞŢ",  # Romanian
    ),
    "cp1251": (
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
        "іїєґІЇЄҐўЎ",  # Russian, Ukrainian, Belarusian
        "абвгдежзийклмнопрстуфхцчшщъьюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЬЮЯ",  # Bulgarian
        "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ",  # Serbian
    ),
}
_LANGUAGE_SETS = {enc: [frozenset(s) for s in langs] for enc, langs in _LANGUAGES.items()}
_WORD = re.compile(r"[^\s,;\t\"'()0-9/.:_-]+")


@dataclass(frozen=True, slots=True)
class Sniffed:
    text: str
    encoding: str  # what was used: one of ENCODINGS (or the override)
    delimiter: str


def _score(text: str, encoding: str) -> float:
    sets = _LANGUAGE_SETS[encoding]
    cyrillic = encoding == "cp1251"
    counts = [0] * len(sets)
    penalty = 0.0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        ascii_letters = sum(1 for ch in word if ch.isascii() and ch.isalpha())
        foreign = [ch for ch in word if not ch.isascii()]
        for ch in foreign:
            if not ch.isalpha():
                penalty += 3 if len(word) > 1 else 0.5  # "³" or "¹" inside a word
            for i, letters in enumerate(sets):
                if ch in letters:
                    counts[i] += 1
        if cyrillic and ascii_letters:
            penalty += 2 * len(foreign)  # "Mьller": Latin and Cyrillic in one word
        if not cyrillic and len(foreign) >= 3 and len(foreign) > ascii_letters:
            penalty += 2 * len(foreign)  # "Èâàí": a Cyrillic word read as Latin
    return max(counts) - penalty


def _decode_bom(data: bytes) -> tuple[str, str] | None:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    return None


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the encoding used. Raises UnicodeDecodeError/LookupError
    only when ``encoding`` is given and does not fit."""
    if encoding:
        codecs.lookup(encoding)  # LookupError for an unknown name
        text = data.decode(encoding)
        return text.removeprefix("\ufeff"), encoding
    found = _decode_bom(data)
    if found is not None:
        return found
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, int, str, str] | None = None
    for rank, candidate in enumerate(("cp1252", "cp1250", "cp1251")):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue  # a byte this code page does not define
        score = _score(text, candidate)
        if best is None or (score, -rank) > (best[0], best[1]):
            best = (score, -rank, text, candidate)
    if best is None:
        return data.decode("cp1252", errors="replace"), "cp1252"
    return best[2], best[3]


def _header_line(text: str) -> str:
    line = []
    quoted = False
    for ch in text[:65536]:
        if ch == '"':
            quoted = not quoted
        elif ch in "\r\n" and not quoted:
            break
        line.append(ch)
    return "".join(line)


def _outside_quotes(line: str, ch: str) -> int:
    return sum(part.count(ch) for part in line.split('"')[::2])


def sniff_delimiter(text: str) -> str:
    """``,`` ``;`` or TAB: the one the header line uses most (the sniffer breaks ties)."""
    header = _header_line(text)
    counts = {d: _outside_quotes(header, d) for d in DELIMITERS}
    most = max(counts.values())
    if most == 0:
        return ","
    tied = [d for d in DELIMITERS if counts[d] == most]
    if len(tied) == 1:
        return tied[0]
    try:
        sniffed = csv.Sniffer().sniff(text[:65536], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return tied[0]
    return sniffed if sniffed in tied else tied[0]


def sniff(data: bytes, *, encoding: str | None = None, delimiter: str | None = None) -> Sniffed:
    text, used = decode(data, encoding)
    return Sniffed(text, used, delimiter or sniff_delimiter(text))


def read_rows(text: str, delimiter: str) -> Iterator[list[str]]:
    """The records of ``text`` (quoted newlines kept). Cells longer than :data:`MAX_FIELD`
    are read whole here; :func:`oversized` finds them so the row is reported."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, len(text) + 1))
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    finally:
        csv.field_size_limit(old)


def oversized(row: list[str]) -> int | None:
    """The index of the first cell longer than :data:`MAX_FIELD`, or None."""
    for i, cell in enumerate(row):
        if len(cell) > MAX_FIELD:
            return i
    return None
