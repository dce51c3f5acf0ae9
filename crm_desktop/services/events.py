"""Calendar events: meetings, calls and follow-ups, one-off or recurring.

The wall time and zone name are stored as the truth; UTC instants are
derived at save time so a calendar range is an index range. A recurring
series is expanded in Python only for the window asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, text
from sqlmodel import Session, col

from crm_desktop.domain.choices import EventKind, EventStatus, InteractionKind
from crm_desktop.domain.dates import localize
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.recurrence import Frequency, Recurrence, occurrences
from crm_desktop.services.base import NotFoundError, Service
from crm_desktop.services.changes import Changes, Saved
from crm_desktop.services.dto import EventInput, EventOccurrence, InteractionInput
from crm_desktop.services.event_fields import (
    MAX_REMINDER_MINUTES,
    CleanEvent,
    apply_to_row,
    clean_event,
    zone,
)
from crm_desktop.services.sqltime import parse_utc, to_sql
from crm_desktop.storage.models import Contact, Event, EventContact, EventReminder


class EventService(Service):
    def create(self, data: EventInput) -> Saved:
        clean = clean_event(data)
        now = self.clock()
        with self.db.write() as session:
            _require_contacts(session, clean.contact_ids)
            row = Event(created_at=now)  # type: ignore[call-arg]  # not validated; _apply fills it
            apply_to_row(row, clean, now)
            session.add(row)
            session.flush()
            assert row.id is not None
            _write_links(session, row.id, clean)
            return Saved(row.id, _changes(clean.contact_ids))

    def update(self, event_id: int, data: EventInput) -> Saved:
        clean = clean_event(data)
        with self.db.write() as session:
            row = session.get(Event, event_id)
            if row is None:
                raise NotFoundError("Event", event_id)
            _require_contacts(session, clean.contact_ids)
            before = _linked(session, event_id)
            apply_to_row(row, clean, self.clock())
            session.add(row)
            session.execute(delete(EventContact).where(col(EventContact.event_id) == event_id))
            session.execute(delete(EventReminder).where(col(EventReminder.event_id) == event_id))
            _write_links(session, event_id, clean)
            return Saved(event_id, _changes((*before, *clean.contact_ids)))

    def set_status(self, event_id: int, status: str) -> Changes:
        if status not in set(EventStatus):
            raise ValidationError("Status", "must be planned, held, cancelled or missed")
        with self.db.write() as session:
            row = session.get(Event, event_id)
            if row is None:
                raise NotFoundError("Event", event_id)
            row.status = status
            row.updated_at = self.clock()
            session.add(row)
            return _changes(_linked(session, event_id))

    def delete(self, event_id: int) -> Changes:
        with self.db.write() as session:
            linked = _linked(session, event_id)
            session.execute(delete(Event).where(col(Event.id) == event_id))
        return _changes(linked)

    def mark_held(
        self, event_id: int, *, outcome: str, notes: str | None = None, when: datetime | None = None
    ) -> Saved:
        """Mark the meeting held and log it as an interaction with its outcome.

        Returns the new interaction's id.
        """
        from crm_desktop.services.interactions import InteractionService

        occurrence = self.get(event_id)
        if not occurrence.contact_ids:
            raise ValidationError("Contacts", "a held meeting needs at least one contact")
        kind = (
            InteractionKind.CALL if occurrence.kind == EventKind.CALL else InteractionKind.MEETING
        )
        logged = InteractionService(self.db, clock=self.clock).log(
            InteractionInput(
                contact_ids=occurrence.contact_ids,
                kind=kind.value,
                occurred_at=when or occurrence.start,
                duration_minutes=int((occurrence.end - occurrence.start).total_seconds() // 60),
                subject=occurrence.title,
                notes=notes,
                outcome=outcome,
                event_id=event_id,
            )
        )
        if occurrence.recurring:
            return logged  # the series stays planned; this occurrence is in the log
        return Saved(logged.id, logged.changes | self.set_status(event_id, EventStatus.HELD))

    def get(self, event_id: int) -> EventOccurrence:
        """The event as its first occurrence."""
        with self.db.read() as session:
            row = session.get(Event, event_id)
            if row is None:
                raise NotFoundError("Event", event_id)
            contacts = _linked(session, event_id)
            reminders = _reminders(session, [event_id]).get(event_id, ())
            start = localize(datetime.fromisoformat(row.local_start), zone(row.timezone))
            return _occurrence(row, start, contacts, reminders)

    def between(
        self, start: datetime, end: datetime, *, contact_id: int | None = None
    ) -> list[EventOccurrence]:
        """Every occurrence overlapping [start, end), recurring series expanded, by start.

        With ``contact_id``, only that contact's events (filtered in SQL
        before any series is expanded).
        """
        params: dict[str, object] = {"lo": to_sql(start), "hi": to_sql(end)}
        mine = ""
        if contact_id is not None:
            mine = " AND id IN (SELECT event_id FROM event_contact WHERE contact_id = :contact)"
            params["contact"] = contact_id
        with self.db.read() as session:
            one_off = session.scalars(
                select(Event).from_statement(
                    text(
                        "SELECT * FROM event WHERE recur_freq IS NULL"
                        " AND starts_at < :hi AND ends_at > :lo" + mine
                    )
                ),
                params,
            ).all()
            series = session.scalars(
                select(Event).from_statement(
                    text(
                        "SELECT * FROM event WHERE recur_freq IS NOT NULL AND starts_at < :hi"
                        " AND (series_ends_at IS NULL OR series_ends_at > :lo)" + mine
                    )
                ),
                params,
            ).all()
            ids = [r.id for r in (*one_off, *series) if r.id is not None]
            contacts = _contacts_of(session, ids)
            reminders = _reminders(session, ids)
        result: list[EventOccurrence] = []
        for row in one_off:
            assert row.id is not None
            first = localize(datetime.fromisoformat(row.local_start), zone(row.timezone))
            result.append(
                _occurrence(row, first, contacts.get(row.id, ()), reminders.get(row.id, ()))
            )
        for row in series:
            assert row.id is not None
            result.extend(
                _expand(row, start, end, contacts.get(row.id, ()), reminders.get(row.id, ()))
            )
        result.sort(key=lambda o: (o.start.astimezone(UTC), o.event_id))
        return result

    def next_starts(self, contact_ids: Sequence[int]) -> dict[int, datetime]:
        """When each contact's next planned meeting starts (for a list column).

        One-off meetings are one grouped query; a contact's series are
        expanded only up to their next occurrence.
        """
        if not contact_ids:
            return {}
        now = self.clock()
        id_list = ",".join(str(int(i)) for i in contact_ids)
        found: dict[int, datetime] = {}
        with self.db.read_raw() as conn:
            for contact_id, starts in conn.execute(
                "SELECT ec.contact_id, min(e.starts_at) FROM event_contact ec"
                " JOIN event e ON e.id = ec.event_id"
                f" WHERE ec.contact_id IN ({id_list}) AND e.recur_freq IS NULL"
                " AND e.status = 'planned' AND e.starts_at >= ? GROUP BY ec.contact_id",
                (to_sql(now),),
            ):
                found[contact_id] = parse_utc(starts) or now
            series = conn.execute(
                "SELECT ec.contact_id, e.local_start, e.timezone, e.recur_freq,"
                " e.recur_interval, e.recur_until, e.recur_count FROM event_contact ec"
                " JOIN event e ON e.id = ec.event_id"
                f" WHERE ec.contact_id IN ({id_list}) AND e.recur_freq IS NOT NULL"
                " AND e.status = 'planned' AND (e.series_ends_at IS NULL OR e.series_ends_at >= ?)",
                (to_sql(now),),
            ).fetchall()
        horizon = now + timedelta(days=366)
        for contact_id, local_start, tz_name, freq, interval, until, count in series:
            rule = Recurrence(
                Frequency(freq),
                interval,
                until=datetime.fromisoformat(until).date() if until else None,
                count=count,
            )
            first = datetime.fromisoformat(local_start)
            upcoming = occurrences(first, zone(tz_name), rule, window_start=now, window_end=horizon)
            start = next(upcoming, None)
            if start is not None:
                start = start.astimezone(UTC)
                if contact_id not in found or start < found[contact_id]:
                    found[contact_id] = start
        return found

    def upcoming_for_contact(self, contact_id: int, *, limit: int = 10) -> list[EventOccurrence]:
        """The contact's next occurrences from now (within a year), soonest first."""
        now = self.clock()
        return self.between(now, now + timedelta(days=366), contact_id=contact_id)[:limit]


def _expand(
    row: Event, start: datetime, end: datetime, contacts: Sequence[int], reminders: Sequence[int]
) -> list[EventOccurrence]:
    assert row.recur_freq is not None
    tz = zone(row.timezone)
    first = datetime.fromisoformat(row.local_start)
    duration = datetime.fromisoformat(row.local_end) - first
    rule = Recurrence(
        Frequency(row.recur_freq),
        row.recur_interval,
        until=datetime.fromisoformat(row.recur_until).date() if row.recur_until else None,
        count=row.recur_count,
    )
    return [
        _occurrence(row, occ, contacts, reminders, duration)
        for occ in occurrences(first, tz, rule, window_start=start - duration, window_end=end)
        if occ.astimezone(UTC) + duration > start.astimezone(UTC) or duration == timedelta(0)
    ]


def _occurrence(
    row: Event,
    start: datetime,
    contacts: Sequence[int],
    reminders: Sequence[int],
    duration: timedelta | None = None,
) -> EventOccurrence:
    assert row.id is not None
    if duration is None:
        duration = datetime.fromisoformat(row.local_end) - datetime.fromisoformat(row.local_start)
    end_wall = start.replace(tzinfo=None) + duration
    return EventOccurrence(
        event_id=row.id,
        title=row.title,
        kind=row.kind,
        start=start,
        end=localize(end_wall, zone(row.timezone)),
        all_day=row.all_day,
        status=row.status,
        location=row.location,
        contact_ids=tuple(contacts),
        recurring=row.recur_freq is not None,
        reminder_minutes=tuple(reminders),
    )


def _require_contacts(session: Session, contact_ids: Sequence[int]) -> None:
    if not contact_ids:
        return
    found = set(session.scalars(select(col(Contact.id)).where(col(Contact.id).in_(contact_ids))))
    if len(found) != len(contact_ids):
        raise ValidationError("Contacts", "one of the contacts no longer exists")


def _write_links(session: Session, event_id: int, clean: CleanEvent) -> None:
    session.add_all(EventContact(event_id=event_id, contact_id=c) for c in clean.contact_ids)
    session.add_all(EventReminder(event_id=event_id, minutes_before=m) for m in clean.reminders)


def _linked(session: Session, event_id: int) -> list[int]:
    return list(
        session.scalars(
            select(col(EventContact.contact_id)).where(col(EventContact.event_id) == event_id)
        )
    )


def _contacts_of(session: Session, event_ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
    found: dict[int, list[int]] = {}
    if event_ids:
        stmt = select(col(EventContact.event_id), col(EventContact.contact_id)).where(
            col(EventContact.event_id).in_(event_ids)
        )
        for event_id, contact_id in session.execute(stmt):
            found.setdefault(event_id, []).append(contact_id)
    return {k: tuple(v) for k, v in found.items()}


def _reminders(session: Session, event_ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
    found: dict[int, list[int]] = {}
    if event_ids:
        stmt = (
            select(col(EventReminder.event_id), col(EventReminder.minutes_before))
            .where(col(EventReminder.event_id).in_(event_ids))
            .order_by(col(EventReminder.minutes_before))
        )
        for event_id, minutes in session.execute(stmt):
            found.setdefault(event_id, []).append(minutes)
    return {k: tuple(v) for k, v in found.items()}


def _changes(contact_ids: Sequence[int]) -> Changes:
    return Changes(contacts=frozenset(contact_ids), events=True, reminders=True)


__all__ = ["MAX_REMINDER_MINUTES", "EventService", "zone"]
