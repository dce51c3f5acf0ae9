"""Templates: placeholders filled for Greek names and ages; unknown or empty ones reported."""

from __future__ import annotations

from datetime import date

import pytest
from support import factories
from support.factories import FixedClock, contact_input

from crm_desktop.domain.dates import PartialDate
from crm_desktop.mail.templates import (
    BIRTHDAY,
    Template,
    TemplateService,
    render,
    render_for,
    values_for,
)
from crm_desktop.services.contacts import ContactService
from crm_desktop.storage.database import Database

template_db = factories.template_db
db_path = factories.db_path
db = factories.db
clock = factories.clock

TODAY = date(2026, 11, 23)


@pytest.fixture
def contacts(db: Database, clock: FixedClock) -> ContactService:
    return ContactService(db, clock=clock)


def test_greek_names_and_age(contacts: ContactService) -> None:
    cid = contacts.create(
        contact_input(
            given_name="Ελένη",
            family_name="Παπαδοπούλου",
            organization="Ταβέρνα Ο Γιάννης",
            birthday=PartialDate(11, 23, 1980),
        )
    ).id
    template = Template(
        "x",
        "Χρόνια πολλά, {first_name}!",
        "Αγαπητή {first_name} {last_name} ({display_name}, {organization}),\n"
        "{age} χρόνια! {{όχι placeholder}}\n{my_name}",
    )
    rendered = render_for(template, contacts.get(cid), my_name="Νίκος", today=TODAY)
    assert rendered.ok, rendered.problems
    assert rendered.subject == "Χρόνια πολλά, Ελένη!"
    assert rendered.body == (
        "Αγαπητή Ελένη Παπαδοπούλου (Ελένη Παπαδοπούλου, Ταβέρνα Ο Γιάννης),\n"
        "46 χρόνια! {όχι placeholder}\nΝίκος"
    )


def test_missing_and_unknown_placeholders_are_reported(contacts: ContactService) -> None:
    cid = contacts.create(contact_input(given_name="Γιώργος", birthday=PartialDate(3, 1))).id
    template = Template("x", "Hi {first_name} {nickname}", "{age} years, {first_name.upper}")
    rendered = render_for(template, contacts.get(cid), my_name="", today=TODAY)
    assert not rendered.ok
    found = {(p.kind, p.placeholder, p.where) for p in rendered.problems}
    assert found == {
        ("unknown", "nickname", "subject"),
        ("empty", "age", "body"),
        ("unknown", "first_name.upper", "body"),
    }
    # Kept visible in the preview, and each problem has a plain sentence.
    assert rendered.subject == "Hi Γιώργος {nickname}"
    assert rendered.body.startswith("{age} years")
    texts = [p.describe() for p in rendered.problems]
    assert any("{age}" in t and "no value" in t for t in texts)
    assert any("{nickname}" in t and "not a placeholder" in t for t in texts)


def test_unbalanced_brace_is_a_problem_not_a_crash() -> None:
    rendered = render(Template("x", "ok", "Dear {first_name"), {"first_name": "Ελένη"})
    assert [p.kind for p in rendered.problems] == ["syntax"]
    assert "brace" in rendered.problems[0].describe()


def test_subject_stays_one_line() -> None:
    rendered = render(Template("x", "{first_name}", ""), {"first_name": "A\r\nBcc: x@y.z"})
    assert "\n" not in rendered.subject and "\r" not in rendered.subject


def test_age_unknown_without_birth_year(contacts: ContactService) -> None:
    cid = contacts.create(contact_input(given_name="Ελένη", birthday=PartialDate(11, 23))).id
    assert values_for(contacts.get(cid), my_name="", today=TODAY)["age"] is None
    # The default birthday template needs no age, so it works without the year.
    assert render_for(BIRTHDAY, contacts.get(cid), my_name="Νίκος", today=TODAY).ok


def test_user_templates_override_the_builtins(db: Database, clock: FixedClock) -> None:
    service = TemplateService(db, clock=clock)
    assert service.get("birthday") == BIRTHDAY
    mine = Template("birthday", "Χρόνια πολλά!", "Να τα εκατοστήσεις, {first_name}!")
    service.save(mine)
    assert service.get("birthday") == mine
