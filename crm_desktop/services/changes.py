"""What a mutation changed, so each screen decides for itself whether to redraw.

Every service mutation returns a :class:`Changes`; the GUI's task runner
broadcasts it and the models refresh only what it names (Anki's OpChanges).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True, slots=True)
class Changes:
    contacts: frozenset[int] = field(default_factory=frozenset)
    all_contacts: bool = False  # a bulk change: refresh every contact list
    interactions: bool = False
    events: bool = False
    tasks: bool = False
    deals: bool = False
    purchases: bool = False
    tags: bool = False
    organizations: bool = False
    vocabularies: bool = False  # statuses, pipeline stages, lead sources
    reminders: bool = False  # the scheduler must recompute what is due

    def __or__(self, other: Changes) -> Changes:
        merged = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        merged["contacts"] = self.contacts | other.contacts
        return Changes(**merged)

    def touches_contact(self, contact_id: int) -> bool:
        return self.all_contacts or contact_id in self.contacts


@dataclass(frozen=True, slots=True)
class Saved:
    """The id of the row a create or update wrote, and what it changed."""

    id: int
    changes: Changes
