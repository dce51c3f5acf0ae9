"""Mail templates with placeholders, rendered for one contact.

``{first_name}`` and the like are replaced by the contact's values; ``{{`` and ``}}`` are
literal braces. Only the names in :data:`PLACEHOLDERS` exist (no attribute access, no format
specs: a template is data, not code). A placeholder that is unknown, or known but empty for this
contact (``{age}`` without a birth year), is reported in :attr:`Rendered.problems` and kept
visible as ``{name}`` in the preview; a mail with problems is not sent.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text

from crm_desktop.services.base import Service
from crm_desktop.services.dto import ContactDetail

__all__ = [
    "BIRTHDAY",
    "BUILTIN",
    "FOLLOW_UP",
    "PLACEHOLDERS",
    "Problem",
    "Rendered",
    "Template",
    "TemplateService",
    "render",
    "render_for",
    "values_for",
]

#: Every placeholder a template may use, with what it means (for the compose dialog's help).
PLACEHOLDERS: Mapping[str, str] = {
    "first_name": "the contact's first name",
    "last_name": "the contact's last name",
    "display_name": "the contact's full name as shown in the list",
    "age": "the age the contact reaches on their birthday this year",
    "organization": "the contact's organization",
    "job_title": "the contact's job title",
    "my_name": "your name (the sender name in the e-mail settings)",
}

TEMPLATE_PREFIX = "mail.template."


@dataclass(frozen=True, slots=True)
class Template:
    key: str  # "birthday", "follow_up", or a user's own
    subject: str
    body: str


BIRTHDAY = Template(
    "birthday",
    "Happy birthday, {first_name}!",
    # No {age} by default: many birthdays are saved without the year, and automatic greetings
    # are only sent when every placeholder has a value.
    "Dear {first_name},\n\nhappy birthday! All the best for the year ahead.\n\n{my_name}",
)
FOLLOW_UP = Template(
    "follow_up",
    "Following up",
    "Dear {first_name},\n\nthank you for your time. As promised, I am following up on our"
    " conversation.\n\nBest regards,\n{my_name}",
)
BUILTIN: Mapping[str, Template] = {t.key: t for t in (BIRTHDAY, FOLLOW_UP)}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a template; ``kind`` is unknown, empty or syntax."""

    kind: str
    placeholder: str
    where: str  # subject or body

    def describe(self) -> str:
        if self.kind == "unknown":
            return f"The {self.where} uses {{{self.placeholder}}}, which is not a placeholder."
        if self.kind == "empty":
            return (
                f"The {self.where} uses {{{self.placeholder}}},"
                " which this contact has no value for."
            )
        return f"The {self.where} has an unmatched brace; write {{{{ or }}}} for a literal one."


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    body: str
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def _fill(template: str, values: Mapping[str, str | None], where: str) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    out: list[str] = []
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError:
        return template, [Problem("syntax", "", where)]
    for literal, field, spec, conversion in parts:
        out.append(literal)
        if field is None:
            continue
        raw = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
        raw += "}"
        if field not in PLACEHOLDERS or spec or conversion:
            problems.append(Problem("unknown", field, where))
            out.append(raw)
            continue
        value = values.get(field)
        if not value:
            problems.append(Problem("empty", field, where))
            out.append(raw)
            continue
        out.append(value)
    return "".join(out), problems


def render(template: Template, values: Mapping[str, str | None]) -> Rendered:
    subject, p1 = _fill(template.subject, values, "subject")
    body, p2 = _fill(template.body, values, "body")
    # A header must stay one line whatever a value holds.
    subject = " ".join(subject.split())
    seen: dict[tuple[str, str, str], Problem] = {}
    for p in (*p1, *p2):
        seen.setdefault((p.kind, p.placeholder, p.where), p)
    return Rendered(subject, body, tuple(seen.values()))


def values_for(contact: ContactDetail, *, my_name: str, today: date) -> dict[str, str | None]:
    """The placeholder values for ``contact``; ``age`` is the one reached this year."""
    age: int | None = None
    if contact.birthday is not None and contact.birthday.year is not None:
        age = today.year - contact.birthday.year
    return {
        "first_name": contact.given_name or contact.display_name,
        "last_name": contact.family_name,
        "display_name": contact.display_name,
        "age": str(age) if age is not None and age > 0 else None,
        "organization": contact.organization,
        "job_title": contact.job_title,
        "my_name": my_name or None,
    }


def render_for(
    template: Template, contact: ContactDetail, *, my_name: str, today: date
) -> Rendered:
    return render(template, values_for(contact, my_name=my_name, today=today))


class TemplateService(Service):
    """The user's versions of the templates (``mail.template.<key>``), else the built-ins."""

    def get(self, key: str) -> Template:
        with self.db.read_raw() as conn:
            row = conn.execute(
                "SELECT value FROM setting WHERE key = ?", (TEMPLATE_PREFIX + key,)
            ).fetchone()
        if row:
            try:
                data = json.loads(row[0])
            except ValueError:
                data = None
            if isinstance(data, dict):
                subject, body = data.get("subject"), data.get("body")
                if isinstance(subject, str) and isinstance(body, str):
                    return Template(key, subject, body)
        return BUILTIN.get(key, Template(key, "", ""))

    def save(self, template: Template) -> None:
        value = json.dumps({"subject": template.subject, "body": template.body})
        with self.db.write() as session:
            session.execute(
                text("INSERT OR REPLACE INTO setting (key, value) VALUES (:key, :value)"),
                {"key": TEMPLATE_PREFIX + template.key, "value": value},
            )
