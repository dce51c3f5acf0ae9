"""VocabularyService: tags and statuses with live counts, completion, configurable lists."""

from __future__ import annotations

from datetime import date

import pytest
from support import factories
from support.factories import Factory, FixedClock, count_rows

from crm_desktop.domain.errors import ValidationError
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.vocabulary import VocabularyService
from crm_desktop.storage.database import Database

# Shared fixtures, bound here so that pytest finds them in this module.
template_db = factories.template_db
db_path = factories.db_path
db = factories.db
clock = factories.clock
make_contact = factories.make_contact


@pytest.fixture
def vocab(db: Database, clock: FixedClock) -> VocabularyService:
    return VocabularyService(db, clock=clock)


def test_tags_with_counts_exclude_trashed(
    db: Database, vocab: VocabularyService, make_contact: Factory
) -> None:
    a = make_contact(given_name="A", tags=["vip", "Ωmega"])
    make_contact(given_name="B", tags=["VIP"])
    gone = make_contact(given_name="C", tags=["Ωmega", "zeta"])
    ContactService(db).trash([gone])
    assert [(t.name, t.count) for t in vocab.tags()] == [("vip", 2), ("zeta", 0), ("Ωmega", 1)]
    ContactService(db).erase([a])
    assert [(t.name, t.count) for t in vocab.tags()] == [("vip", 1), ("zeta", 0), ("Ωmega", 0)]


def test_statuses_in_configured_order_with_counts(
    db: Database, vocab: VocabularyService, make_contact: Factory
) -> None:
    make_contact(given_name="A", status="customer")
    make_contact(given_name="B", status="Customer")
    trashed = make_contact(given_name="C", status="lead")
    ContactService(db).trash([trashed])
    assert [(s.name, s.count) for s in vocab.statuses()] == [
        ("lead", 0),
        ("prospect", 0),
        ("customer", 2),
        ("loyal", 0),
        ("inactive", 0),
    ]


def test_add_status(vocab: VocabularyService, make_contact: Factory) -> None:
    saved = vocab.add_status("  Partner ")
    assert saved.changes.vocabularies
    assert [s.name for s in vocab.statuses()][-1] == "Partner"
    make_contact(given_name="P", status="partner")  # now usable by name
    assert vocab.statuses()[-1].count == 1
    for duplicate in ("partner", "PARTNER", "Lead", "lëad"):
        with pytest.raises(ValidationError) as caught:
            vocab.add_status(duplicate)
        assert caught.value.field == "Status"
    with pytest.raises(ValidationError):
        vocab.add_status("  ")
    assert len(vocab.statuses()) == 6


def test_organizations_prefix_completion(vocab: VocabularyService, make_contact: Factory) -> None:
    for org in ("Ακρόπολη ΑΕ", "Acme GmbH", "acme Kft.", "Árvíz Zrt.", "Beta SRL"):
        make_contact(organization=org)
    assert [o.name for o in vocab.organizations("ac")] == ["Acme GmbH", "acme Kft."]
    assert [o.name for o in vocab.organizations("ACME k")] == ["acme Kft."]
    assert [o.name for o in vocab.organizations("arv")] == ["Árvíz Zrt."]
    assert [o.name for o in vocab.organizations("ακρο")] == ["Ακρόπολη ΑΕ"]
    assert len(vocab.organizations()) == 5
    assert len(vocab.organizations(limit=2)) == 2
    assert vocab.organizations("zz") == []


def test_lead_sources(db: Database, vocab: VocabularyService, make_contact: Factory) -> None:
    make_contact(given_name="A", lead_source="Website")
    vocab.save_lead_source(
        "Spring fair",
        channel="event",
        cost_minor=150_000,
        currency="EUR",
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 3, 3),
    )
    vocab.save_lead_source("website", channel="web")  # updates the existing one
    rows = {r.name: r for r in vocab.lead_sources()}
    assert set(rows) == {"Spring fair", "Website"}
    fair = rows["Spring fair"]
    assert (fair.channel, fair.cost_minor, fair.currency) == ("event", 150_000, "EUR")
    assert (fair.starts_on, fair.ends_on) == (date(2026, 3, 1), date(2026, 3, 3))
    assert rows["Website"].channel == "web"
    with pytest.raises(ValidationError):
        vocab.save_lead_source("Bad", starts_on=date(2026, 3, 3), ends_on=date(2026, 3, 1))
    with pytest.raises(ValidationError):
        vocab.save_lead_source("Bad", cost_minor=-1)
    assert count_rows(db, "lead_source") == 2


def test_stages_in_pipeline_order(vocab: VocabularyService) -> None:
    assert [s.name for s in vocab.stages()] == [
        "qualification",
        "needs analysis",
        "proposal",
        "negotiation",
    ]
