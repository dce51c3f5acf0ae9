"""Reminders: what is due, and the ledger that makes each occurrence fire once.

Why the ledger decides, not the scheduler: an occurrence is *claimed* by an
``INSERT OR IGNORE`` on the ledger's unique (kind, source, occurrence key)
before anything is shown, so two runs (a timer and a heartbeat, two
windows, a restart) can never show it twice. A snoozed occurrence is
re-claimed by a conditional ``UPDATE`` (state snoozed and its time came),
which is exactly-once for the same reason. A dismissed one never returns.

What is due is computed from our own tables for a window of instants
(:mod:`crm_desktop.services.reminder_sources`); the look-back is bounded
(30 days, and never before the engine's first start: installing the app on
a full address book must not replay a month of birthdays).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import text

from crm_desktop.domain.dates import Feb29Policy
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.lead_days import MAX_LEAD_DAYS
from crm_desktop.services.base import Clock, Service, utc_now
from crm_desktop.services.changes import Changes
from crm_desktop.services.reminder_dto import DueReminder, ReminderKind, ReminderSettings
from crm_desktop.services.reminder_sources import Frame, collect, collect_kind, next_after
from crm_desktop.services.sqltime import parse_utc, to_sql
from crm_desktop.storage.database import Database

__all__ = [
    "LOOKBACK",
    "MISSED_AFTER",
    "DueReminder",
    "ReminderKind",
    "ReminderService",
    "ReminderSettings",
    "safe_zone",
]

#: How far back a start (or a run) looks for occurrences nobody claimed yet.
LOOKBACK = timedelta(days=30)
#: Delivered later than this after falling due: shown as missed (closed app, sleep).
MISSED_AFTER = timedelta(minutes=2)

_KEYS = {
    "feb29": "reminders.feb29",
    "birthday_days": "reminders.birthday_days",
    "digest_at": "reminders.digest_at",
    "epoch": "reminders.epoch",
}
_CHANGED = Changes(reminders=True)
_CHUNK = 500


def safe_zone(name: str | ZoneInfo | None) -> ZoneInfo:
    """The zone (None: the machine's), or UTC when unknown: a bad TZ must not stop reminders."""
    if isinstance(name, ZoneInfo):
        return name
    if name is None:
        import tzlocal  # the machine's zone, as the CLI reads it

        name = tzlocal.get_localzone_name()
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _utc(value: datetime, field: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(field, "needs a time zone")
    return value.astimezone(UTC)


class ReminderService(Service):
    """Computes due reminders from SQL and records what fired, snoozed or was dismissed.

    ``timezone`` is the user's zone: birthdays, dates, all-day tasks and the
    digest remind at their local wall time there. No Qt; safe to call from
    the scheduler thread (each call opens its own connection).
    """

    def __init__(
        self, db: Database, *, clock: Clock = utc_now, timezone: str | ZoneInfo | None = None
    ) -> None:
        super().__init__(db, clock=clock)
        self.zone = safe_zone(timezone)

    # -- queries -------------------------------------------------------------------------

    def due(
        self,
        at: datetime,
        *,
        within: timedelta = timedelta(0),
        include_claimed: bool = False,
        since: datetime | None = None,
    ) -> list[DueReminder]:
        """What falls due by ``at + within`` (looking back at most 30 days), soonest first.

        Without ``include_claimed``: only what would fire, i.e. occurrences
        not yet in the ledger plus snoozed ones whose time came. ``since``
        narrows the look-back: the engine passes the time of its last
        complete run (minus a margin), so a run costs what fell due since
        then, not a month of birthdays already claimed.
        """
        at = _utc(at, "At")
        hi = at + within
        with self.db.read_raw() as conn:
            frame = Frame(conn, self.zone, self._settings(conn))
            lo = self._lookback_start(at, frame.settings)
            if since is not None:
                lo = min(max(lo, _utc(since, "Since")), at)
            stay_lo = lo if since is not None else (frame.settings.epoch or lo)
            found = collect(frame, lo, hi, stay_lo)
            if not include_claimed:
                found = _unclaimed(conn, found)
                found.extend(self._snoozed(frame, hi))
        seen: set[tuple[str, int, str]] = set()
        result: list[DueReminder] = []
        for reminder in sorted(found, key=_order):
            if reminder.identity in seen:
                continue
            seen.add(reminder.identity)
            late = not reminder.snoozed and reminder.due_at < at - MISSED_AFTER
            result.append(replace(reminder, missed=True) if late else reminder)
        return result

    def snoozed_due(self, at: datetime) -> list[DueReminder]:
        """Snoozed reminders whose snooze ended by ``at``: they fire once more."""
        at = _utc(at, "At")
        with self.db.read_raw() as conn:
            return sorted(
                self._snoozed(Frame(conn, self.zone, self._settings(conn)), at), key=_order
            )

    def next_due_after(self, at: datetime) -> datetime | None:
        """The earliest instant strictly after ``at`` when something falls due (or a snooze ends).

        One ordered index probe per kind; recurring series are expanded only
        up to their next occurrence.
        """
        at = _utc(at, "At")
        with self.db.read_raw() as conn:
            frame = Frame(conn, self.zone, self._settings(conn))
            best = next_after(frame, at)
            row = conn.execute(
                "SELECT min(snoozed_until) FROM reminder_ledger"
                " WHERE state = 'snoozed' AND snoozed_until > ?",
                (to_sql(at),),
            ).fetchone()
        snoozed = parse_utc(row[0]) if row and row[0] else None
        times = [t for t in (best, snoozed) if t is not None]
        return min(times) if times else None

    def settings(self) -> ReminderSettings:
        with self.db.read_raw() as conn:
            return self._settings(conn)

    # -- the ledger ----------------------------------------------------------------------

    def claim(self, reminders: Iterable[DueReminder], now: datetime) -> list[DueReminder]:
        """Record these as fired, in one transaction; return the ones *this* call claimed.

        Whatever another run (or process) claimed first is left out, so a
        caller shows exactly what it gets back.
        """
        now = _utc(now, "Now")
        claimed: list[DueReminder] = []
        with self.db.write() as session:
            conn = session.connection()
            for r in reminders:
                params = {
                    "kind": r.kind,
                    "id": r.source_id,
                    "key": r.occurrence_key,
                    "due": to_sql(r.due_at),
                    "now": to_sql(now),
                    "missed": r.missed,
                }
                if r.snoozed:
                    result = conn.execute(
                        text(
                            "UPDATE reminder_ledger SET state = 'fired', snoozed_until = NULL,"
                            " fired_at = :now WHERE source_kind = :kind AND source_id = :id"
                            " AND occurrence_key = :key AND state = 'snoozed'"
                            " AND snoozed_until <= :now"
                        ),
                        params,
                    )
                else:
                    result = conn.execute(
                        text(
                            "INSERT OR IGNORE INTO reminder_ledger (source_kind, source_id,"
                            " occurrence_key, due_at, state, fired_at, missed)"
                            " VALUES (:kind, :id, :key, :due, 'fired', :now, :missed)"
                        ),
                        params,
                    )
                if result.rowcount == 1:
                    claimed.append(r)
        return claimed

    def snooze(self, reminders: DueReminder | Sequence[DueReminder], until: datetime) -> Changes:
        """Show again at ``until`` (once). Survives restarts: it is a ledger row."""
        until = _utc(until, "Snooze until")
        self._upsert(
            reminders,
            "'snoozed'",
            "state = 'snoozed', snoozed_until = :until, dismissed_at = NULL",
            until,
        )
        return _CHANGED

    def dismiss(self, reminders: DueReminder | Sequence[DueReminder]) -> Changes:
        """Never show this occurrence again (the next occurrence is another key)."""
        self._upsert(
            reminders,
            "'dismissed'",
            "state = 'dismissed', snoozed_until = NULL, dismissed_at = :now",
            None,
        )
        return _CHANGED

    def _upsert(
        self,
        reminders: DueReminder | Sequence[DueReminder],
        state: str,
        on_conflict: str,
        until: datetime | None,
    ) -> None:
        batch = [reminders] if isinstance(reminders, DueReminder) else list(reminders)
        now = to_sql(self.clock())
        with self.db.write() as session:
            for r in batch:
                session.execute(
                    text(
                        "INSERT INTO reminder_ledger (source_kind, source_id, occurrence_key,"
                        " due_at, state, fired_at, snoozed_until, dismissed_at, missed)"
                        f" VALUES (:kind, :id, :key, :due, {state}, :now, :until,"
                        " CASE WHEN :until IS NULL THEN :now END, :missed)"
                        " ON CONFLICT (source_kind, source_id, occurrence_key)"
                        f" DO UPDATE SET {on_conflict}"
                    ),
                    {
                        "kind": r.kind,
                        "id": r.source_id,
                        "key": r.occurrence_key,
                        "due": to_sql(r.due_at),
                        "now": now,
                        "until": to_sql(until) if until else None,
                        "missed": r.missed,
                    },
                )

    # -- settings ------------------------------------------------------------------------

    def ensure_epoch(self, now: datetime) -> datetime:
        """Remember the first engine start; nothing before it ever counts as missed."""
        self._write_setting("epoch", to_sql(_utc(now, "Now")), replace_existing=False)
        epoch = self.settings().epoch
        assert epoch is not None
        return epoch

    def set_feb29_policy(self, policy: Feb29Policy) -> Changes:
        self._write_setting("feb29", Feb29Policy(policy).value)
        return _CHANGED

    def set_birthday_days(self, days: Sequence[int]) -> Changes:
        """The global lead times, e.g. (7, 0): a week before and on the day."""
        if any(not 0 <= d <= MAX_LEAD_DAYS for d in days):
            raise ValidationError("Birthday reminders", f"must be 0 to {MAX_LEAD_DAYS} days before")
        self._write_setting("birthday_days", sorted(set(days)))
        return _CHANGED

    def set_digest_time(self, at: time | None) -> Changes:
        """The morning digest's local time, or None to turn it off (the default)."""
        self._write_setting("digest_at", at.strftime("%H:%M") if at else None)
        return _CHANGED

    def _write_setting(self, name: str, value: object, *, replace_existing: bool = True) -> None:
        verb = "INSERT OR REPLACE" if replace_existing else "INSERT OR IGNORE"
        with self.db.write() as session:
            session.execute(
                text(f"{verb} INTO setting (key, value) VALUES (:key, :value)"),
                {"key": _KEYS[name], "value": json.dumps(value)},
            )

    @staticmethod
    def _settings(conn: sqlite3.Connection) -> ReminderSettings:
        stored: dict[str, object] = {}
        for key, value in conn.execute(
            "SELECT key, value FROM setting WHERE key LIKE 'reminders.%'"
        ):
            try:
                stored[key] = json.loads(value)
            except ValueError:
                continue  # a hand-edited value: fall back to the default
        defaults = ReminderSettings()
        feb29 = stored.get(_KEYS["feb29"])
        days = stored.get(_KEYS["birthday_days"])
        digest = stored.get(_KEYS["digest_at"])
        epoch = stored.get(_KEYS["epoch"])
        return ReminderSettings(
            feb29=str(feb29) if feb29 in {p.value for p in Feb29Policy} else defaults.feb29,
            birthday_days=(
                tuple(sorted({d for d in days if isinstance(d, int) and 0 <= d <= MAX_LEAD_DAYS}))
                if isinstance(days, list)
                else defaults.birthday_days
            ),
            digest_at=time.fromisoformat(digest) if isinstance(digest, str) else None,
            epoch=parse_utc(epoch) if isinstance(epoch, str) else None,
        )

    @staticmethod
    def _lookback_start(at: datetime, settings: ReminderSettings) -> datetime:
        lo = at - LOOKBACK
        if settings.epoch is not None and settings.epoch > lo:
            lo = settings.epoch
        return min(lo, at)

    def _snoozed(self, frame: Frame, until: datetime) -> list[DueReminder]:
        rows = frame.conn.execute(
            "SELECT source_kind, source_id, occurrence_key, due_at FROM reminder_ledger"
            " WHERE state = 'snoozed' AND snoozed_until <= ? ORDER BY snoozed_until",
            (to_sql(until),),
        ).fetchall()
        found: list[DueReminder] = []
        for kind, source_id, key, due_text in rows:
            due = parse_utc(due_text)
            assert due is not None
            # Rebuilt from its source: a deleted meeting or a trashed contact stays silent.
            for r in collect_kind(frame, kind, due, due):
                if r.identity == (kind, source_id, key):
                    found.append(replace(r, snoozed=True))
                    break
        return found


def _order(r: DueReminder) -> tuple[datetime, str, int, str]:
    return (r.due_at, r.kind, r.source_id, r.occurrence_key)


def _unclaimed(conn: sqlite3.Connection, found: list[DueReminder]) -> list[DueReminder]:
    """Drop what the ledger already holds (fired, snoozed or dismissed)."""
    by_kind: dict[str, set[int]] = {}
    for r in found:
        by_kind.setdefault(r.kind, set()).add(r.source_id)
    known: set[tuple[str, int, str]] = set()
    for kind, ids in by_kind.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), _CHUNK):
            part = ordered[start : start + _CHUNK]
            marks = ",".join("?" * len(part))
            for source_id, key in conn.execute(
                "SELECT source_id, occurrence_key FROM reminder_ledger"
                f" WHERE source_kind = ? AND source_id IN ({marks})",
                (kind, *part),
            ):
                known.add((kind, source_id, key))
    return [r for r in found if r.identity not in known]
