"""ContactService: every field round-trips, refusals change nothing, trash/erase, SQL lists."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from support import factories
from support.factories import NOW, Factory, FixedClock, contact_input, count_rows, fts_rows, scalar

from crm_desktop.domain.dates import PartialDate
from crm_desktop.domain.errors import ValidationError
from crm_desktop.services.base import NotFoundError
from crm_desktop.services.changes import Changes
from crm_desktop.services.contacts import ContactQuery, ContactService, ContactSort
from crm_desktop.services.dto import (
    Address,
    ContactInput,
    Email,
    ImportantDate,
    InteractionInput,
    LabeledValue,
    Phone,
)
from crm_desktop.services.interactions import InteractionService
from crm_desktop.services.vocabulary import VocabularyService
from crm_desktop.storage.database import Database

# Shared fixtures, bound here so that pytest finds them in this module.
template_db = factories.template_db
db_path = factories.db_path
db = factories.db
clock = factories.clock
make_contact = factories.make_contact


@pytest.fixture
def contacts(db: Database, clock: FixedClock) -> ContactService:
    return ContactService(db, clock=clock)


@pytest.fixture
def interactions(db: Database, clock: FixedClock) -> InteractionService:
    return InteractionService(db, clock=clock)


FULL = ContactInput(
    given_name=" Ελένη ",
    middle_name="Μαρία",
    family_name="Παπαδοπούλου",
    organization="Ακρόπολη ΑΕ",
    job_title="CEO",
    emails=(LabeledValue("Eleni@Example.GR", "work"), LabeledValue("e@example.com", "home")),
    phones=(LabeledValue("+49 30 1234567", "mobile"), LabeledValue("12 34")),
    addresses=(
        Address("work", "Οδός Ερμού 1", "3ος όροφος", "Αθήνα", "Αττική", "10563", "GR"),
        Address(city="Θεσσαλονίκη"),
    ),
    birthday=PartialDate(2, 29, 1988),
    dates=(
        ImportantDate("anniversary", PartialDate(6, 1, 2010)),
        ImportantDate("first purchase", PartialDate(3, 3)),
    ),
    tags=("VIP", "vip", " Κύριος ", "ViP"),
    lead_source="Fair 2026",
    status="Customer",
    preferred_channel="email",
    interests="sailing",
    preferences="mornings\r\nno calls on Friday",
    notes="Long notes\nover lines",
    stay_in_touch_days=30,
    birthday_reminder_days=(7, 1, 0),
)


def test_create_and_get_round_trip_every_field(contacts: ContactService, clock: FixedClock) -> None:
    saved = contacts.create(FULL)
    assert saved.changes == Changes(
        contacts=frozenset({saved.id}), organizations=True, tags=True, reminders=True
    )
    d = contacts.get(saved.id)
    assert (d.given_name, d.middle_name, d.family_name) == ("Ελένη", "Μαρία", "Παπαδοπούλου")
    assert d.display_name == "Ελένη Μαρία Παπαδοπούλου"
    assert d.organization == "Ακρόπολη ΑΕ" and d.organization_id is not None
    assert d.job_title == "CEO"
    assert d.emails == (Email("Eleni@example.gr", "work"), Email("e@example.com", "home"))
    assert d.phones == (
        Phone("+49 30 1234567", "+49301234567", "mobile"),
        Phone("12 34", None, None),
    )
    assert d.addresses == FULL.addresses
    assert d.birthday == PartialDate(2, 29, 1988)
    assert d.dates == FULL.dates
    assert d.tags == ("VIP", "Κύριος")  # one tag per spelling, whatever the case
    assert d.lead_source == "Fair 2026"
    assert d.status == "customer"  # the configured name, matched case-insensitively
    assert d.preferred_channel == "email"
    assert d.interests == "sailing"
    assert d.preferences == "mornings\nno calls on Friday"
    assert d.notes == "Long notes\nover lines"
    assert d.stay_in_touch_days == 30
    assert d.birthday_reminder_days == (7, 1, 0)
    assert d.consents == ()
    assert d.last_contacted_at is None
    assert d.created_at == d.updated_at == NOW
    assert d.trashed_at is None

    # Editing from to_input() and saving unchanged keeps everything.
    clock.advance(hours=1)
    contacts.update(saved.id, d.to_input())
    again = contacts.get(saved.id)
    assert again.updated_at == NOW + timedelta(hours=1)
    assert again.created_at == NOW
    assert again.to_input() == d.to_input()


def test_update_replaces_children_and_clears_fields(
    contacts: ContactService, make_contact: Factory
) -> None:
    cid = make_contact(**{k: getattr(FULL, k) for k in ("given_name", "emails", "phones", "tags")})
    contacts.update(
        cid,
        ContactInput(
            given_name="Ελένη",
            emails=(LabeledValue("new@example.com"),),
            birthday=PartialDate(2, 29),
        ),
    )
    d = contacts.get(cid)
    assert d.emails == (Email("new@example.com", None),)
    assert d.phones == () and d.tags == () and d.addresses == ()
    assert d.birthday == PartialDate(2, 29, None)
    assert d.organization is None and d.status is None and d.notes is None
    assert count_rows(contacts.db, "contact_phone") == 0
    assert count_rows(contacts.db, "contact_tag") == 0
    assert count_rows(contacts.db, "tag") == 2  # the tags themselves stay in the vocabulary


def test_names_are_stored_nfc_and_display_name_falls_back(
    contacts: ContactService, make_contact: Factory
) -> None:
    decomposed = "Joa\u0303o"  # "João" typed with a combining tilde
    cid = make_contact(given_name=decomposed)
    assert contacts.get(cid).given_name == "João"
    org_only = make_contact(organization="Banca Transilvania")
    assert contacts.get(org_only).display_name == "Banca Transilvania"
    email_only = contacts.create(ContactInput(emails=(LabeledValue("x@example.com"),))).id
    assert contacts.get(email_only).display_name == "x@example.com"
    named = make_contact(given_name="A", display_name="Dr. A")
    assert contacts.get(named).display_name == "Dr. A"


def test_vocabulary_rows_created_on_first_use_and_reused(
    contacts: ContactService, make_contact: Factory
) -> None:
    a = make_contact(
        given_name="A", organization="Ακρόπολη ΑΕ", lead_source="Fair 2026", tags=["Kunde"]
    )
    b = make_contact(
        given_name="B", organization="ακροπολη αε", lead_source="FAIR 2026", tags=["kunde"]
    )
    db = contacts.db
    assert count_rows(db, "organization") == 1
    assert count_rows(db, "lead_source") == 1
    assert count_rows(db, "tag") == 1
    assert contacts.get(a).organization_id == contacts.get(b).organization_id
    assert contacts.get(b).organization == "Ακρόπολη ΑΕ"
    assert contacts.get(b).lead_source == "Fair 2026"
    assert contacts.get(b).tags == ("Kunde",)


def test_birthdays_with_and_without_year(contacts: ContactService, make_contact: Factory) -> None:
    leap = make_contact(given_name="L", birthday=PartialDate(2, 29))
    dated = make_contact(given_name="D", birthday=PartialDate(12, 31, 1970))
    none = make_contact(given_name="N")
    assert contacts.get(leap).birthday == PartialDate(2, 29)
    assert contacts.get(dated).birthday == PartialDate(12, 31, 1970)
    assert contacts.get(none).birthday is None
    rows = {r.id: r for r in contacts.rows([leap, dated, none])}
    assert rows[leap].birthday == PartialDate(2, 29)
    assert rows[dated].birthday == PartialDate(12, 31, 1970)
    with pytest.raises(ValidationError):
        PartialDate(2, 29, 2027)  # the domain refuses it before the service sees it


def test_consent_is_append_only(
    contacts: ContactService, make_contact: Factory, clock: FixedClock
) -> None:
    cid = make_contact()
    contacts.add_consent(cid, purpose="newsletter", granted=True, method="web form")
    clock.advance(days=1)
    contacts.add_consent(cid, purpose="newsletter", granted=False)
    records = contacts.get(cid).consents
    assert [(c.purpose, c.granted, c.recorded_at) for c in records] == [
        ("newsletter", True, NOW),
        ("newsletter", False, NOW + timedelta(days=1)),
    ]
    with pytest.raises(Exception, match="append-only"), contacts.db.write() as session:
        session.execute(text("UPDATE consent SET granted = 1"))


# -- refusals --------------------------------------------------------------------------------

SECRET = "Zyxwvut"

REFUSALS = [
    (contact_input(given_name="Ada", emails=[f"{SECRET}@@example"]), "E-mail"),
    (contact_input(given_name=f"{SECRET}\x00"), "Given name"),
    (contact_input(family_name=f"{SECRET}\u202e"), "Family name"),
    (contact_input(given_name="Ada", notes=SECRET * 20_000), "Notes"),
    (contact_input(given_name="Ada", status=f"{SECRET}-status"), "Status"),
    (ContactInput(job_title=SECRET), "Name"),
    (ContactInput(), "Name"),
    (contact_input(given_name="Ada", stay_in_touch_days=0), "Stay in touch"),
    (contact_input(given_name="Ada", tags=[f"{SECRET}\x07x"]), "Tag"),
    (contact_input(given_name="Ada", tags=[f"t{i}" for i in range(51)]), "Tags"),
    (contact_input(given_name=SECRET * 40), "Given name"),
    (contact_input(given_name="Ada", birthday_reminder_days=(7, 61)), "Birthday reminders"),
    (contact_input(given_name="Ada", birthday_reminder_days=(-1,)), "Birthday reminders"),
    (
        contact_input(given_name="Ada", birthday_reminder_days=(9, 8, 7, 2, 1, 0)),
        "Birthday reminders",
    ),
    (contact_input(given_name="Ada", birthday_reminder_days=(SECRET,)), "Birthday reminders"),
]


@pytest.mark.parametrize(("data", "field"), REFUSALS, ids=[f for _, f in REFUSALS])
def test_refusals_name_the_field_hide_the_value_and_change_nothing(
    contacts: ContactService, make_contact: Factory, data: ContactInput, field: str
) -> None:
    existing = make_contact(given_name="Existing", organization="Old Org", tags=["old"])
    db = contacts.db
    tables = ("contact", "organization", "tag", "contact_tag", "contact_email", "lead_source")
    before = {t: count_rows(db, t) for t in tables}
    index = fts_rows(db, "contact_fts")
    detail = contacts.get(existing)
    # Organization and lead source are resolved before the status: those inserts must roll back.
    data_with_vocab = ContactInput(
        **{
            **{f: getattr(data, f) for f in data.__dataclass_fields__},
            "organization": data.organization or (None if field == "Name" else "New Org"),
            "lead_source": "New Source",
        }
    )

    for attempt in (
        lambda: contacts.create(data),
        lambda: contacts.create(data_with_vocab),
        lambda: contacts.update(existing, data_with_vocab),
    ):
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert caught.value.field == field
        assert str(caught.value).startswith(f"{field}: ")
        assert SECRET.casefold() not in str(caught.value).casefold()
        assert SECRET not in repr(caught.value)

    assert {t: count_rows(db, t) for t in tables} == before
    assert fts_rows(db, "contact_fts") == index
    assert contacts.get(existing) == detail


def test_birthday_reminder_days_round_trip_default_muted_and_own(
    contacts: ContactService, clock: FixedClock
) -> None:
    own = contacts.create(
        contact_input(
            given_name="Ada", birthday=PartialDate(3, 12), birthday_reminder_days=(0, 7, 1, 7)
        )
    ).id
    d = contacts.get(own)
    assert d.birthday_reminder_days == (7, 1, 0)  # deduplicated, sorted descending
    assert (
        scalar(contacts.db, f"SELECT birthday_reminder_days FROM contact WHERE id = {own}")
        == "7,1,0"
    )
    assert d.to_input().birthday_reminder_days == (7, 1, 0)
    contacts.update(own, d.to_input())
    assert contacts.get(own).birthday_reminder_days == (7, 1, 0)

    muted = contacts.create(contact_input(given_name="Bo", birthday_reminder_days=())).id
    assert contacts.get(muted).birthday_reminder_days == ()
    assert (
        scalar(contacts.db, f"SELECT birthday_reminder_days FROM contact WHERE id = {muted}") == ""
    )

    default = contacts.create(contact_input(given_name="Cy")).id
    assert contacts.get(default).birthday_reminder_days is None
    assert (
        scalar(contacts.db, f"SELECT birthday_reminder_days FROM contact WHERE id = {default}")
        is None
    )

    # Back to the default: an edit that says None clears the override.
    contacts.update(own, replace(contacts.get(own).to_input(), birthday_reminder_days=None))
    assert contacts.get(own).birthday_reminder_days is None
    # Five distinct values (after removing duplicates) and the bounds 0 and 60 are fine.
    contacts.update(
        own, contact_input(given_name="Ada", birthday_reminder_days=(60, 30, 14, 1, 0, 0))
    )
    assert contacts.get(own).birthday_reminder_days == (60, 30, 14, 1, 0)


@pytest.mark.parametrize(
    ("days", "value"),
    [((61,), "61"), ((-3,), "-3"), ((12, 11, 10, 9, 8, 7), "12"), ((True,), "True")],
)
def test_birthday_reminder_refusal_never_echoes_the_value(
    contacts: ContactService, days: tuple[int, ...], value: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        contacts.create(contact_input(given_name="Ada", birthday_reminder_days=days))
    assert caught.value.field == "Birthday reminders"
    assert str(caught.value).startswith("Birthday reminders: ")
    assert value not in str(caught.value)
    assert count_rows(contacts.db, "contact") == 0


def test_update_of_a_missing_contact(contacts: ContactService) -> None:
    with pytest.raises(NotFoundError):
        contacts.update(12345, contact_input(given_name="X"))
    with pytest.raises(NotFoundError):
        contacts.get(12345)
    assert count_rows(contacts.db, "contact") == 0


# -- trash, restore, erase -------------------------------------------------------------------


def test_trash_and_restore(
    contacts: ContactService, make_contact: Factory, clock: FixedClock
) -> None:
    a, b = make_contact(given_name="A"), make_contact(given_name="B")
    clock.advance(minutes=5)
    changes = contacts.trash([a, a])
    assert changes == Changes(contacts=frozenset({a}), reminders=True, tags=True)
    assert contacts.get(a).trashed_at == clock.now
    assert contacts.ids() == [b]
    assert contacts.ids(ContactQuery(trashed=True)) == [a]
    assert contacts.count() == 1 and contacts.count(ContactQuery(trashed=True)) == 1
    contacts.restore([a])
    assert contacts.get(a).trashed_at is None
    assert contacts.ids() == [a, b]
    assert contacts.trash([]) == Changes()


def test_erase_removes_solo_interactions_keeps_shared_and_clears_ledger(
    db: Database,
    contacts: ContactService,
    interactions: InteractionService,
    make_contact: Factory,
) -> None:
    gone, stays = make_contact(given_name="Gone", tags=["t"]), make_contact(given_name="Stays")
    when = NOW - timedelta(days=1)
    solo = interactions.log(
        InteractionInput((gone,), "call", when, subject="solo", attachments=("/x.pdf",))
    ).id
    shared = interactions.log(InteractionInput((gone, stays), "meeting", when, subject="shared")).id
    with db.write() as session:
        for kind, source in (
            ("birthday", gone),
            ("stay_in_touch", gone),
            ("birthday", stays),
            ("event", gone),
        ):
            session.execute(
                text(
                    "INSERT INTO reminder_ledger(source_kind, source_id, occurrence_key, due_at,"
                    " state, fired_at, missed) VALUES (:k, :s, 'k', :t, 'fired', :t, 0)"
                ),
                {"k": kind, "s": source, "t": "2026-01-01 00:00:00.000000"},
            )
        session.execute(
            text(
                "INSERT INTO deal(title, contact_id, value_minor, currency, probability, status,"
                " created_at, updated_at) VALUES ('d', :c, 1, 'EUR', 0, 'open', :t, :t)"
            ),
            {"c": gone, "t": "2026-01-01 00:00:00.000000"},
        )

    changes = contacts.erase([gone])

    assert changes.interactions and changes.contacts == frozenset({gone})
    with pytest.raises(NotFoundError):
        contacts.get(gone)
    with pytest.raises(NotFoundError):
        interactions.get(solo)
    kept = interactions.get(shared)
    assert kept.contact_ids == (stays,)
    assert count_rows(db, "attachment") == 0
    assert count_rows(db, "contact_tag") == 0
    assert [r.id for r in interactions.search("solo")] == []
    assert [r.id for r in interactions.search("shared")] == [shared]
    ledger = {
        (k, s)
        for k, s in db.engine.connect()
        .exec_driver_sql("SELECT source_kind, source_id FROM reminder_ledger")
        .fetchall()
    }
    assert ledger == {("birthday", stays), ("event", gone)}  # event ids are not contact ids
    assert count_rows(db, "deal") == 0  # a deal with the person alone (no organization) is theirs
    assert scalar(db, "SELECT contact_id FROM erasure") == gone  # the ledger keeps the id only
    assert contacts.get(stays).last_contacted_at == when
    assert fts_rowids_of_contacts(db) == {stays}


def fts_rowids_of_contacts(db: Database) -> set[int]:
    return {row[0] for row in fts_rows(db, "contact_fts")}


# -- lists -----------------------------------------------------------------------------------


def test_paging_ids_count_rows(contacts: ContactService, make_contact: Factory) -> None:
    ids = [make_contact(given_name=f"Name {i:02d}") for i in range(25)]
    first = contacts.page(limit=10)
    assert [r.id for r in first.rows] == ids[:10] and first.next_offset == 10
    second = contacts.page(offset=10, limit=10)
    last = contacts.page(offset=20, limit=10)
    assert [r.id for r in second.rows] == ids[10:20]
    assert [r.id for r in last.rows] == ids[20:] and last.next_offset is None
    assert contacts.page(offset=15, limit=10).next_offset is None
    assert contacts.ids() == ids
    assert contacts.count() == 25
    assert [r.id for r in contacts.rows([ids[3], 99999, ids[1]])] == [ids[3], ids[1]]
    assert contacts.rows([]) == []


def test_row_content(contacts: ContactService, make_contact: Factory) -> None:
    cid = make_contact(
        given_name="Ada",
        organization="ACME",
        status="lead",
        emails=["first@example.com", "second@example.com"],
        phones=["+36 1 234 5678"],
        tags=["b", "A"],
    )
    row = contacts.page().rows[0]
    assert (row.id, row.display_name, row.organization, row.status) == (cid, "Ada", "ACME", "lead")
    assert row.email == "first@example.com" and row.phone == "+36 1 234 5678"
    assert row.tags == ("A", "b")


def _ordered(contacts: ContactService, sort: ContactSort, descending: bool = False) -> list[int]:
    query = ContactQuery(sort=sort, descending=descending)
    ids = contacts.ids(query)
    paged: list[int] = []
    offset: int | None = 0
    while offset is not None:
        page = contacts.page(query, offset=offset, limit=2)
        paged.extend(r.id for r in page.rows)
        offset = page.next_offset
    assert paged == ids  # paging agrees with the id list
    return ids


def test_each_sort_with_stable_ties(
    contacts: ContactService,
    interactions: InteractionService,
    make_contact: Factory,
    clock: FixedClock,
) -> None:
    # (name, organization, status); created one minute apart except the last two (a tie).
    specs = [
        ("Émile", "Zeta", "loyal"),
        ("anna", None, "lead"),
        ("Bea", "alpha", None),
        ("Anna", "Alpha", "lead"),  # ties "anna" on name; "alpha" on organization
        ("Őrs", "Beta", "customer"),
    ]
    ids = []
    for i, (name, org, status) in enumerate(specs):
        ids.append(make_contact(given_name=name, organization=org, status=status))
        if i < 3:
            clock.advance(minutes=1)
    e, an, b, an2, o = ids
    # Interactions: last contacted e < an == b (tie) < an2 < o
    base = NOW - timedelta(days=10)
    for cid, days in ((e, 0), (an, 1), (b, 1), (an2, 2), (o, 3)):
        interactions.log(InteractionInput((cid,), "call", base + timedelta(days=days)))
    clock.advance(minutes=1)
    contacts.update(b, contact_input(given_name="Bea", organization="alpha"))  # updated last

    assert _ordered(contacts, ContactSort.NAME) == [an, an2, b, e, o]
    assert _ordered(contacts, ContactSort.NAME, descending=True) == [o, e, b, an2, an]
    assert _ordered(contacts, ContactSort.ORGANIZATION) == [an2, b, o, e, an]  # no org: last
    assert _ordered(contacts, ContactSort.STATUS) == [an, an2, o, e, b]  # by position; none last
    assert _ordered(contacts, ContactSort.LAST_CONTACTED) == [e, an, b, an2, o]
    assert _ordered(contacts, ContactSort.LAST_CONTACTED, descending=True) == [o, an2, b, an, e]
    assert _ordered(contacts, ContactSort.CREATED) == [e, an, b, an2, o]
    assert _ordered(contacts, ContactSort.CREATED, descending=True) == [o, an2, b, an, e]
    updated = _ordered(contacts, ContactSort.UPDATED)
    assert updated[-1] == b


def _tag_id(db: Database, name: str) -> int:
    return next(t.id for t in VocabularyService(db).tags() if t.name == name)


def test_filters_tag_status_lead_source(contacts: ContactService, make_contact: Factory) -> None:
    a = make_contact(given_name="A", tags=["vip"], status="lead", lead_source="Web")
    b = make_contact(given_name="B", tags=["vip", "x"], status="customer")
    make_contact(given_name="C", lead_source="Fair")
    db = contacts.db
    statuses = {s.name: s.id for s in VocabularyService(db).statuses()}
    sources = {s.name: s.id for s in VocabularyService(db).lead_sources()}
    assert contacts.ids(ContactQuery(tag_id=_tag_id(db, "vip"))) == [a, b]
    assert contacts.ids(ContactQuery(tag_id=_tag_id(db, "x"))) == [b]
    assert contacts.ids(ContactQuery(status_id=statuses["lead"])) == [a]
    assert contacts.ids(ContactQuery(status_id=statuses["loyal"])) == []
    assert contacts.ids(ContactQuery(lead_source_id=sources["Web"])) == [a]
    assert (
        contacts.count(ContactQuery(tag_id=_tag_id(db, "vip"), status_id=statuses["customer"])) == 1
    )
    contacts.trash([a])
    assert contacts.ids(ContactQuery(tag_id=_tag_id(db, "vip"))) == [b]
    assert contacts.ids(ContactQuery(tag_id=_tag_id(db, "vip"), trashed=True)) == [a]


def test_losing_touch_uses_the_injected_clock(
    db: Database, interactions: InteractionService, make_contact: Factory, clock: FixedClock
) -> None:
    overdue = make_contact(given_name="Overdue", stay_in_touch_days=30)
    recent = make_contact(given_name="Recent", stay_in_touch_days=30)
    never = make_contact(given_name="Never", stay_in_touch_days=30)
    make_contact(given_name="No cadence")
    interactions.log(InteractionInput((overdue,), "call", NOW - timedelta(days=31)))
    interactions.log(InteractionInput((recent,), "call", NOW - timedelta(days=29)))
    query = ContactQuery(losing_touch=True)
    assert ContactService(db, clock=clock).ids(query) == [never, overdue]
    clock.advance(days=2)  # now "recent" is 31 days ago as well
    assert ContactService(db, clock=clock).ids(query) == [never, overdue, recent]


@pytest.mark.parametrize(
    ("today", "days", "inside", "outside"),
    [
        # Across the year end.
        (
            datetime(2026, 12, 28, 12, tzinfo=UTC),
            7,
            [(12, 28), (12, 31), (1, 1), (1, 4)],
            [(12, 27), (1, 5)],
        ),
        # 29 February in a common year is celebrated on the 28th.
        (datetime(2027, 2, 27, 12, tzinfo=UTC), 1, [(2, 27), (2, 28), (2, 29)], [(3, 1), (2, 26)]),
        # In a leap year the 29th is its own day.
        (datetime(2028, 2, 27, 12, tzinfo=UTC), 1, [(2, 27), (2, 28)], [(2, 29), (3, 1)]),
        (datetime(2028, 2, 27, 12, tzinfo=UTC), 0, [(2, 27)], [(2, 28)]),
    ],
)
def test_birthday_within_days(
    db: Database,
    make_contact: Factory,
    today: datetime,
    days: int,
    inside: list[tuple[int, int]],
    outside: list[tuple[int, int]],
) -> None:
    made = {}
    for m, d in (*inside, *outside):
        made[(m, d)] = make_contact(given_name=f"B {m:02d}-{d:02d}", birthday=PartialDate(m, d))
    make_contact(given_name="No birthday")
    service = ContactService(db, clock=lambda: today)
    assert set(service.ids(ContactQuery(birthday_within_days=days))) == {made[k] for k in inside}


def test_has_open_deal(db: Database, contacts: ContactService, make_contact: Factory) -> None:
    open_, won, none = (make_contact(given_name=n) for n in ("Open", "Won", "None"))
    with db.write() as session:
        for cid, status in ((open_, "open"), (won, "won")):
            session.execute(
                text(
                    "INSERT INTO deal(title, contact_id, value_minor, currency, probability,"
                    " status, created_at, updated_at) VALUES ('d', :c, 100, 'EUR', 10, :s, :t, :t)"
                ),
                {"c": cid, "s": status, "t": "2026-01-01 00:00:00.000000"},
            )
    assert contacts.ids(ContactQuery(has_open_deal=True)) == [open_]
    assert contacts.count(ContactQuery(has_open_deal=True)) == 1
    assert none not in contacts.ids(ContactQuery(has_open_deal=True))


def test_results_are_frozen_copies(contacts: ContactService, make_contact: Factory) -> None:
    cid = make_contact(given_name="Ada")
    detail = contacts.get(cid)
    with pytest.raises(AttributeError):
        detail.display_name = "x"  # type: ignore[misc]
    contacts.update(cid, contact_input(given_name="Bob"))
    assert detail.display_name == "Ada"  # not a live row
