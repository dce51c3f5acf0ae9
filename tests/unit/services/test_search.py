"""Search in every alphabet: folded FTS5, type-ahead prefixes, phone digits, inert operators."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from support import factories
from support.factories import Factory, FixedClock, contact_input, count_rows, fts_rows

from crm_desktop.domain.errors import ValidationError
from crm_desktop.services.contacts import ContactQuery, ContactService
from crm_desktop.services.dto import InteractionInput
from crm_desktop.services.interactions import InteractionService
from crm_desktop.storage.database import Database

# Shared fixtures, bound here so that pytest finds them in this module.
template_db = factories.template_db
db_path = factories.db_path
db = factories.db
clock = factories.clock
make_contact = factories.make_contact


@pytest.fixture
def people(make_contact: Factory) -> dict[str, int]:
    return {
        "eleni": make_contact(given_name="Ελένη", family_name="Παπαδοπούλου"),
        "hu": make_contact(given_name="Árvíztűrő", family_name="Tükörfúrógép"),
        "ro": make_contact(
            given_name="Ioana",
            family_name="Popescu",
            organization="Banca Comercială din București",
        ),
        "ro_notes": make_contact(given_name="Mihai", notes="Lives in București, near Piața Unirii"),
        "pt": make_contact(given_name="João", family_name="Gonçalves"),
        "ru": make_contact(given_name="Пётр", family_name="Ёлкин"),
        "kk": make_contact(given_name="Ақжол", family_name="Сәрсенов"),
        "en": make_contact(
            given_name="Ada",
            family_name="Lovelace",
            emails=["ada.lovelace@analytical.example"],
            phones=["+49 30 1234567"],
            tags=["Key Account", "vip"],
        ),
    }


@pytest.fixture
def contacts(db: Database, clock: FixedClock) -> ContactService:
    return ContactService(db, clock=clock)


def found(service: ContactService, query: str) -> set[int]:
    """The same query through both entry points; they must agree."""
    by_search = {row.id for row in service.search(query)}
    by_list = set(service.ids(ContactQuery(text=query)))
    assert by_search == by_list, query
    assert service.count(ContactQuery(text=query)) == len(by_list)
    return by_search


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("ελενη", {"eleni"}),
        ("ΕΛΈΝΗ", {"eleni"}),
        ("παπαδοπουλου", {"eleni"}),
        ("arvizturo", {"hu"}),
        ("tukorfurogep", {"hu"}),
        ("bucuresti", {"ro", "ro_notes"}),
        ("piata unirii", {"ro_notes"}),
        ("joao", {"pt"}),
        ("goncalves", {"pt"}),
        ("елкин", {"ru"}),
        ("петр", {"ru"}),
        ("ақ", {"kk"}),
        ("ақжол", {"kk"}),
        ("сәрсенов", {"kk"}),
        ("сарсенов", {"kk"}),  # typed on a Russian keyboard: ә folds to а
        ("lovelace", {"en"}),
    ],
)
def test_folded_search_in_every_alphabet(
    contacts: ContactService, people: dict[str, int], query: str, who: set[str]
) -> None:
    assert found(contacts, query) == {people[w] for w in who}


def test_kazakh_prefix_matches_only_its_own_word(
    contacts: ContactService, make_contact: Factory
) -> None:
    akzhol = make_contact(given_name="Ақжол")
    make_contact(given_name="Ажар")
    assert found(contacts, "ақ") == {akzhol}


@pytest.mark.parametrize(("query", "who"), [("ele", "eleni"), ("ελ", "eleni"), ("Ελέ", "eleni")])
def test_prefix_type_ahead(
    contacts: ContactService, people: dict[str, int], query: str, who: str
) -> None:
    # "ele" is a Latin prefix: it must not find the Greek name, only Latin ones.
    result = found(contacts, query)
    if query == "ele":
        assert people["eleni"] not in result
    else:
        assert result == {people[who]}


def test_latin_prefix_finds_a_latin_name(contacts: ContactService, make_contact: Factory) -> None:
    elena = make_contact(given_name="Eléna", family_name="Ionescu")
    make_contact(given_name="Helena")  # "ele" inside a word is not a prefix
    assert found(contacts, "ele") == {elena}
    assert found(contacts, "ion") == {elena}


def test_every_word_must_match(contacts: ContactService, people: dict[str, int]) -> None:
    assert found(contacts, "ada lovelace") == {people["en"]}
    assert found(contacts, "ada popescu") == set()


@pytest.mark.parametrize(
    "query", ["30 123", "030 123", "+49 30 123", "4930123", "030-1234567", "123 45"]
)
def test_phone_digits(contacts: ContactService, people: dict[str, int], query: str) -> None:
    assert found(contacts, query) == {people["en"]}


def test_phone_digits_are_a_prefix_not_a_substring(
    contacts: ContactService, people: dict[str, int]
) -> None:
    assert found(contacts, "234 567") == set()


def test_email_and_tags_are_searchable(contacts: ContactService, people: dict[str, int]) -> None:
    assert found(contacts, "ada.lovelace@analytical.example") == {people["en"]}
    assert found(contacts, "analytical") == {people["en"]}
    assert found(contacts, "key account") == {people["en"]}
    assert found(contacts, "VIP") == {people["en"]}


def test_name_hit_ranks_before_notes_hit(contacts: ContactService, make_contact: Factory) -> None:
    in_notes = make_contact(given_name="Zoe", notes="met Kowalski at the fair")
    in_name = make_contact(given_name="Jan", family_name="Kowalski")
    assert [r.id for r in contacts.search("kowalski")] == [in_name, in_notes]


# Each operator must act as plain text: the expected result is what the words alone find.
# (ro_notes holds the word "near"; nobody has a word starting with "or", "and" or "zzz".)
OPERATOR_QUERIES = {
    '"': set(),
    '"ada': {"en"},
    'ada"': {"en"},
    "ada*": {"en"},
    "*": set(),
    "ada OR zzz": set(),  # as an operator, OR would find Ada
    "OR": set(),
    "ada AND": set(),
    "NOT ada": set(),
    "NEAR(ada lovelace)": set(),  # as an operator, NEAR would find Ada
    "NEAR(": {"ro_notes"},  # the word "near", in Mihai's notes
    "-ada": {"en"},
    "ada -lovelace": {"en"},  # as an operator, "-" would exclude Ada
    "name:ada": set(),  # as a column filter, it would find Ada
    "{name}: ada": set(),
    ":": set(),
    "(ada": {"en"},
    "^ada": {"en"},
    "ada + lovelace": {"en"},
    "ada\x00": {"en"},
}


@pytest.mark.parametrize("query", list(OPERATOR_QUERIES))
def test_fts_operators_are_inert(
    contacts: ContactService, people: dict[str, int], query: str
) -> None:
    assert found(contacts, query) == {people[w] for w in OPERATOR_QUERIES[query]}


def test_blank_and_punctuation_queries_find_nothing(
    contacts: ContactService, people: dict[str, int]
) -> None:
    assert contacts.search("") == []
    assert contacts.search("   ") == []
    assert contacts.ids(ContactQuery(text="!!!")) == []
    assert contacts.count(ContactQuery(text="---")) == 0


def test_trashed_contacts_are_not_found(contacts: ContactService, people: dict[str, int]) -> None:
    contacts.trash([people["pt"]])
    assert found(contacts, "joao") == set()
    assert contacts.ids(ContactQuery(text="joao", trashed=True)) == [people["pt"]]
    contacts.restore([people["pt"]])
    assert found(contacts, "joao") == {people["pt"]}


def test_index_follows_update_and_erase(contacts: ContactService, make_contact: Factory) -> None:
    cid = make_contact(given_name="Ελένη", phones=["+49 30 1234567"], tags=["alpha"])
    contacts.update(cid, contact_input(given_name="Ζωή", tags=["beta"]))
    assert found(contacts, "ελενη") == set()
    assert found(contacts, "30 123") == set()
    assert found(contacts, "alpha") == set()
    assert found(contacts, "ζωη") == {cid}
    assert found(contacts, "beta") == {cid}
    contacts.erase([cid])
    assert found(contacts, "ζωη") == set()
    assert fts_rows(contacts.db, "contact_fts") == []


def test_failed_write_leaves_the_index_unchanged(
    contacts: ContactService, make_contact: Factory
) -> None:
    cid = make_contact(given_name="João", emails=["joao@example.pt"])
    index_before = fts_rows(contacts.db, "contact_fts")
    with pytest.raises(ValidationError):
        contacts.update(cid, contact_input(given_name="Pedro", emails=["not an address"]))
    with pytest.raises(ValidationError):
        contacts.create(contact_input(given_name="Pedro", emails=["nope@"]))
    assert fts_rows(contacts.db, "contact_fts") == index_before
    assert found(contacts, "joao") == {cid}
    assert found(contacts, "pedro") == set()
    assert count_rows(contacts.db, "contact") == 1


def test_organization_rename_through_update_reindexes(
    contacts: ContactService, make_contact: Factory
) -> None:
    cid = make_contact(given_name="Ana", organization="Şcoala Bucureşti")  # cedilla spellings
    assert found(contacts, "scoala") == {cid}
    assert found(contacts, "bucuresti") == {cid}
    contacts.update(cid, contact_input(given_name="Ana", organization="Cluj SRL"))
    assert found(contacts, "scoala") == set()
    assert found(contacts, "cluj") == {cid}


def test_search_combines_with_filters(
    db: Database, contacts: ContactService, make_contact: Factory
) -> None:
    a = make_contact(given_name="Ελένη", tags=["vip"])
    make_contact(given_name="Ελένη", family_name="Άλλη")
    from crm_desktop.services.vocabulary import VocabularyService

    vip = next(t.id for t in VocabularyService(db).tags() if t.name == "vip")
    assert contacts.ids(ContactQuery(text="ελενη", tag_id=vip)) == [a]


# -- interactions ----------------------------------------------------------------------------


def test_interactions_search_by_subject_and_notes(
    db: Database, clock: FixedClock, make_contact: Factory
) -> None:
    cid = make_contact(given_name="Ada")
    service = InteractionService(db, clock=clock)
    when = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    call = service.log(
        InteractionInput(
            contact_ids=(cid,), kind="call", occurred_at=when, subject="Προσφορά για Ελένη"
        )
    ).id
    visit = service.log(
        InteractionInput(
            contact_ids=(cid,),
            kind="visit",
            occurred_at=when,
            subject="Visit",
            notes="Showroom in București; João joined",
        )
    ).id
    assert [r.id for r in service.search("προσφορα")] == [call]
    assert [r.id for r in service.search("ελεν")] == [call]
    assert [r.id for r in service.search("bucuresti")] == [visit]
    assert [r.id for r in service.search("JOAO")] == [visit]
    assert service.search('"OR NEAR(') == []
    row = service.search("showroom")[0]
    assert row.contact_ids == (cid,) and row.subject == "Visit"

    service.update(
        visit,
        InteractionInput(contact_ids=(cid,), kind="visit", occurred_at=when, subject="Cluj"),
    )
    assert service.search("bucuresti") == []
    assert [r.id for r in service.search("cluj")] == [visit]
    service.delete([visit, call])
    assert service.search("cluj") == []
    assert fts_rows(db, "interaction_fts") == []
