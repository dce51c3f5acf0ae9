"""Spreadsheet safety: text cells that a spreadsheet would run as a formula.

Why: a contact named ``=HYPERLINK(...)`` or a note starting with ``@SUM(``
becomes live code when the boss double-clicks the export (OWASP "CSV
Injection"). The rule, applied to text cells only:

* the first character is ``=`` ``+`` ``-`` ``@`` TAB or CR, or
* the first character after blanks (spaces, TAB, CR, LF, no-break space) is
  one of ``=`` ``+`` ``-`` ``@`` or their full-width forms (Excel trims
  leading blanks and, in East Asian locales, reads full-width operators),

then the cell gets OWASP's single-quote prefix. Excel takes a leading
apostrophe as its "this is text" marker: the cell shows ``+49 30 123`` and
only the formula bar shows the quote. (LibreOffice Calc's CSV import keeps
the quote visible unless "Evaluate formulas" is on; readers that are
programs should use ``--raw``, and an importer of our own files should drop
a leading quote that precedes a trigger character.)

Numbers are never text cells here: the reports pass ``int``/``Decimal``
values (or SQL integers) straight through, so ``-12.50`` stays a number.

The rule exists twice, as a Python check (for the small reports built in
Python) and as a SQL expression (so the million-row reports neutralize in
SQLite's C code and Python never touches a cell). The tests run both over
the same vectors.
"""

from __future__ import annotations

import re

__all__ = ["BLANKS", "TRIGGERS", "needs_quote", "neutralize", "sql_text"]

#: Characters that start a formula (ASCII and full-width forms).
TRIGGERS = "=+-@\uff1d\uff0b\uff0d\uff20"
#: Blanks a spreadsheet skips before it looks for a trigger.
BLANKS = " \t\r\n\u00a0"

_DANGER = re.compile(f"[\t\r]|[{re.escape(BLANKS)}]*[{re.escape(TRIGGERS)}]").match


def needs_quote(text: str) -> bool:
    """True when a spreadsheet would evaluate ``text`` as a formula."""
    return _DANGER(text) is not None


def neutralize(text: str) -> str:
    """``text`` with OWASP's quote prefix when it would run as a formula."""
    return "'" + text if _DANGER(text) is not None else text


def _sql_chars(chars: str) -> str:
    return "char(" + ", ".join(str(ord(c)) for c in chars) + ")"


# GLOB "[...]*": the set ends with "-" so it is a literal, not a range.
_SQL_SET = "'[' || " + _sql_chars(TRIGGERS.replace("-", "") + "-") + " || ']*'"
_SQL_FIRST = "(char(9), char(13))"


def sql_text(expr: str, *, safe: bool = True) -> str:
    """A SQL expression giving the text of ``expr``, neutralized when ``safe``.

    ``expr`` must be a text (or NULL) expression; NULL stays NULL.
    """
    if not safe:
        return expr
    return (
        f"CASE WHEN ltrim({expr}, {_sql_chars(BLANKS)}) GLOB {_SQL_SET}"
        f" OR substr({expr}, 1, 1) IN {_SQL_FIRST}"
        f" THEN '''' || {expr} ELSE {expr} END"
    )
