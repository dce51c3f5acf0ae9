"""InteractionService: last-contacted kept as a MAX, keyset timeline, participants, files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from support import factories
from support.factories import NOW, Factory, FixedClock, count_rows

from crm_desktop.domain.errors import ValidationError
from crm_desktop.services.base import NotFoundError
from crm_desktop.services.contacts import ContactService
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
def service(db: Database, clock: FixedClock) -> InteractionService:
    return InteractionService(db, clock=clock)


def last_contacted(db: Database, contact_id: int) -> datetime | None:
    return ContactService(db).get(contact_id).last_contacted_at


def log(service: InteractionService, *contacts: int, at: datetime, **kw: object) -> int:
    return service.log(InteractionInput(tuple(contacts), kw.pop("kind", "call"), at, **kw)).id  # type: ignore[arg-type]


def test_log_get_round_trip(service: InteractionService, make_contact: Factory) -> None:
    cid = make_contact()
    budapest = datetime(2026, 11, 20, 10, 30, tzinfo=ZoneInfo("Europe/Budapest"))
    saved = service.log(
        InteractionInput(
            contact_ids=(cid,),
            kind="meeting",
            occurred_at=budapest,
            direction="inbound",
            duration_minutes=45,
            subject=" Quarterly review ",
            notes="line 1\r\nline 2",
            outcome="follow_up_needed",
            attachments=("/home/u/Documents/offer.pdf", "https://example.com/a b"),
        )
    )
    assert saved.changes.contacts == frozenset({cid}) and saved.changes.interactions
    row = service.get(saved.id)
    assert row.kind == "meeting" and row.direction == "inbound"
    assert row.occurred_at == budapest and row.occurred_at.utcoffset() == timedelta(0)
    assert row.duration_minutes == 45
    assert row.subject == "Quarterly review"
    assert row.notes == "line 1\nline 2"
    assert row.outcome == "follow_up_needed"
    assert row.contact_ids == (cid,)
    assert set(row.attachments) == {"/home/u/Documents/offer.pdf", "https://example.com/a b"}


def test_last_contacted_is_the_max_through_log_update_delete(
    db: Database, service: InteractionService, make_contact: Factory
) -> None:
    cid = make_contact()
    assert last_contacted(db, cid) is None
    t1, t2, t3 = (NOW - timedelta(days=d) for d in (30, 20, 10))
    a = log(service, cid, at=t2)
    assert last_contacted(db, cid) == t2
    log(service, cid, at=t1)  # an older entry does not move it back
    assert last_contacted(db, cid) == t2
    b = log(service, cid, at=t3)
    assert last_contacted(db, cid) == t3
    service.update(b, InteractionInput((cid,), "call", t1 - timedelta(days=1)))  # moved earlier
    assert last_contacted(db, cid) == t2
    service.delete([a])
    assert last_contacted(db, cid) == t1
    service.delete([b, *[r.id for r in service.timeline(cid)[0]]])
    assert last_contacted(db, cid) is None
    assert service.delete([]).interactions is False


def test_update_moving_participants_refreshes_both(
    db: Database, service: InteractionService, make_contact: Factory
) -> None:
    a, b = make_contact(given_name="A"), make_contact(given_name="B")
    iid = log(service, a, at=NOW - timedelta(days=1))
    saved = service.update(iid, InteractionInput((b,), "call", NOW - timedelta(days=2)))
    assert saved.changes.contacts == frozenset({a, b})
    assert last_contacted(db, a) is None
    assert last_contacted(db, b) == NOW - timedelta(days=2)
    assert service.count_for(a) == 0 and service.count_for(b) == 1


def test_multi_contact_interaction(
    db: Database, service: InteractionService, make_contact: Factory
) -> None:
    a, b, c = (make_contact(given_name=n) for n in "ABC")
    when = NOW - timedelta(hours=3)
    iid = log(service, a, b, a, c, at=when, kind="meeting")  # duplicates collapse
    assert sorted(service.get(iid).contact_ids) == sorted([a, b, c])
    for cid in (a, b, c):
        assert last_contacted(db, cid) == when
        rows, _ = service.timeline(cid)
        assert [r.id for r in rows] == [iid]
        assert sorted(rows[0].contact_ids) == sorted([a, b, c])


def test_timeline_keyset_paging_returns_each_row_once_in_order(
    db: Database, service: InteractionService, make_contact: Factory
) -> None:
    cid, other = make_contact(given_name="Ada"), make_contact(given_name="Other")
    base = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    expected: list[tuple[datetime, int]] = []
    for i in range(120):
        when = base + timedelta(hours=i // 3)  # three entries share each instant: ties
        iid = log(service, cid, at=when, subject=f"#{i}")
        expected.append((when, iid))
        if i % 10 == 0:
            log(service, other, at=when)  # someone else's entries interleave
    expected.sort(reverse=True)  # newest first; ties by id, highest first

    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        rows, cursor = service.timeline(cid, after=cursor, limit=25)
        pages += 1
        seen.extend(r.id for r in rows)
        assert all(r.contact_ids == (cid,) for r in rows)
        if cursor is None:
            break
    assert pages == 5
    assert seen == [iid for _, iid in expected]
    assert len(set(seen)) == 120
    assert service.count_for(cid) == 120
    rows, cursor = service.timeline(cid, limit=120)
    assert cursor is None and len(rows) == 120  # an exact fit has no next page
    assert service.timeline(cid + 1000) == ([], None)


def test_refusals_change_nothing(
    db: Database, service: InteractionService, make_contact: Factory
) -> None:
    cid = make_contact()
    naive = datetime(2026, 11, 20, 10, 0)
    cases = [
        (InteractionInput((cid,), "call", naive), "When"),
        (InteractionInput((), "call", NOW), "Contacts"),
        (InteractionInput((cid, 9999), "call", NOW), "Contacts"),
        (InteractionInput((cid,), " ", NOW), "Kind"),
        (InteractionInput((cid,), "call", NOW, direction="sideways"), "Direction"),
        (InteractionInput((cid,), "call", NOW, duration_minutes=-1), "Duration"),
        (InteractionInput((cid,), "call", NOW, subject="a\x00b"), "Subject"),
        (InteractionInput((cid,), "call", NOW, notes="x" * 100_001), "Notes"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as caught:
            service.log(data)
        assert caught.value.field == field
    for table in ("interaction", "interaction_contact", "attachment", "interaction_fts"):
        assert count_rows(db, table) == 0
    assert last_contacted(db, cid) is None
    with pytest.raises(NotFoundError):
        service.update(4242, InteractionInput((cid,), "call", NOW))
    with pytest.raises(NotFoundError):
        service.get(4242)


def test_attachments_are_replaced_on_update_and_removed_on_delete(
    db: Database, service: InteractionService, make_contact: Factory
) -> None:
    cid = make_contact()
    iid = log(service, cid, at=NOW, attachments=("/a.pdf", "/b.pdf"))
    service.update(iid, InteractionInput((cid,), "call", NOW, attachments=("/c.pdf",)))
    assert service.get(iid).attachments == ("/c.pdf",)
    service.delete([iid])
    assert count_rows(db, "attachment") == 0
    assert count_rows(db, "interaction_contact") == 0
