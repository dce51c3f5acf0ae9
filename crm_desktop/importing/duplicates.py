"""Finding the contact a row duplicates: by e-mail, E.164 phone, or name + organization.

Keys: the normalized (casefolded) e-mail, the E.164 phone, and the sort key
(folded, blanks collapsed) of the display name together with that of the
organization. Only live contacts count: a trashed contact is not matched.
The same index also holds the rows already seen in the file, so a file that
lists a person twice creates them once.

A name alone is not a duplicate: two "Maria Silva"s with different e-mails,
phones or no organization are usually two people, and merging them would mix
their histories (undoing that is far worse than deleting an extra contact).
A name matches only together with the organization, or when neither side has
anything else to tell them apart (no e-mail, phone or organization at all):
then importing the same bare list twice still creates nothing new.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from crm_desktop.domain.text import sort_key
from crm_desktop.importing.checking import Checked

__all__ = ["DuplicateIndex", "Match"]


@dataclass(frozen=True, slots=True)
class Match:
    """A contact in the database (``row`` None) or a row earlier in the file."""

    contact_id: int | None
    row: int | None = None


class DuplicateIndex:
    """The keys of every live contact and of the rows seen so far (checked rows, flat)."""

    def __init__(self) -> None:
        self._org_keys: dict[str, str] = {}  # organization -> sort key: they repeat
        self.emails: dict[str, Match] = {}
        self.phones: dict[str, Match] = {}
        self.names: dict[tuple[str, str], Match] = {}  # (name, organization), both set
        self.bare: dict[str, Match] = {}  # name of a contact with nothing else to match by

    @classmethod
    def from_database(cls, cur: sqlite3.Cursor) -> DuplicateIndex:
        index = cls()
        live = "JOIN contact c ON c.id = t.contact_id AND c.trashed_at IS NULL"
        for normalized, cid in cur.execute(
            f"SELECT t.normalized, t.contact_id FROM contact_email t {live}"
        ):
            index.emails.setdefault(normalized, Match(int(cid)))
        for e164, cid in cur.execute(
            f"SELECT t.e164, t.contact_id FROM contact_phone t {live} WHERE t.e164 IS NOT NULL"
        ):
            index.phones.setdefault(e164, Match(int(cid)))
        for cid, display, org in cur.execute(
            "SELECT c.id, c.sort_key, o.sort_key FROM contact c"
            " JOIN organization o ON o.id = c.organization_id WHERE c.trashed_at IS NULL"
        ):
            if org:
                index.names.setdefault((display, org), Match(int(cid)))
        for cid, display in cur.execute(
            "SELECT c.id, c.sort_key FROM contact c WHERE c.trashed_at IS NULL"
            " AND c.organization_id IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM contact_email e WHERE e.contact_id = c.id)"
            " AND NOT EXISTS (SELECT 1 FROM contact_phone p WHERE p.contact_id = c.id)"
        ):
            index.bare.setdefault(display, Match(int(cid)))
        return index

    def _name_key(self, item: Checked) -> tuple[str, str]:
        org = item.organization or ""
        org_key = self._org_keys.get(org)
        if org_key is None:
            org_key = self._org_keys[org] = sort_key(org)
        return item.display_key, org_key

    def find(self, item: Checked) -> Match | None:
        for email in item.emails:
            found = self.emails.get(email[2])  # normalized
            if found is not None:
                return found
        for phone in item.phones:
            e164 = phone[2]
            if e164 is not None and (found := self.phones.get(e164)) is not None:
                return found
        name, org = self._name_key(item)
        if org:
            return self.names.get((name, org))
        if not item.emails and not item.phones:
            return self.bare.get(name)
        return None

    def add(self, item: Checked, match: Match) -> None:
        for email in item.emails:
            self.emails.setdefault(email[2], match)
        for phone in item.phones:
            if phone[2] is not None:
                self.phones.setdefault(phone[2], match)
        name, org = self._name_key(item)
        if org:
            self.names.setdefault((name, org), match)
        elif not item.emails and not item.phones:
            self.bare.setdefault(name, match)
