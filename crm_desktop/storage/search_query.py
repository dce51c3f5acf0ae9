"""Turning what the user typed into an FTS5 query.

Kept apart from the index writer so that reading paths (the first paint of
the window) need neither SQLAlchemy nor phonenumbers.
"""

from __future__ import annotations

import re

from crm_desktop.domain.text import digits, search_tokens

#: Weights for bm25() over the contact columns: a hit in the name matters more than in the notes.
CONTACT_WEIGHTS = "10.0, 4.0, 3.0, 3.0, 2.0, 1.0"

#: Best contact matches first; ranked on the index alone (see ContactService.search).
RANKED_CONTACTS_SQL = (
    "SELECT rowid FROM contact_fts WHERE contact_fts MATCH :match"
    f" ORDER BY bm25(contact_fts, {CONTACT_WEIGHTS}) LIMIT :limit"
)

_PHONE_QUERY = re.compile(r"^[\d\s+()./-]+$")
_MIN_PHONE_DIGITS = 3


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH text for what the user typed, or None when nothing is searchable.

    Every token becomes a quoted prefix term (tokens hold only letters and
    digits, so quoting is safe and FTS5 operators in the input are inert);
    all must match. A query that looks like a phone number also matches its
    digits, run together, as a prefix of the phone keys.
    """
    tokens = search_tokens(query)
    if not tokens:
        return None
    words = " AND ".join(f'"{token}"*' for token in tokens)
    number = digits(query)
    if _PHONE_QUERY.match(query.strip()) and len(number) >= _MIN_PHONE_DIGITS:
        return f'phone : "{number}"* OR ({words})'
    return words
