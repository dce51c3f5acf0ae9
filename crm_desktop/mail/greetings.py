"""Birthday greetings: sent automatically on the day, or offered in the reminder window.

Automatic sending needs all three: the contact opted in (the setting ``mail.greet.<id>`` is
``true``), their latest consent record for the purpose "birthday greetings" grants it (a later
withdrawal stops it), and they have an e-mail address. Each birthday is greeted at most once:
``mail.greeted.<id>.<year>`` is claimed (an insert that only one run can win) before sending,
and released again if sending fails, so a later run may retry.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import text

from crm_desktop.domain.dates import Feb29Policy, PartialDate
from crm_desktop.mail.sender import MailError, MailSender, OutgoingMail
from crm_desktop.mail.settings import MailSettingsService
from crm_desktop.mail.templates import Rendered, TemplateService, render_for
from crm_desktop.services.base import NotFoundError
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.dto import ConsentRecord, ContactDetail
from crm_desktop.services.reminders import ReminderService

__all__ = [
    "CONSENT_PURPOSE",
    "GreetingRun",
    "GreetingService",
    "consent_granted",
    "greeted_key",
]

log = logging.getLogger(__name__)

CONSENT_PURPOSE = "birthday greetings"
GREETED_PREFIX = "mail.greeted."


def greeted_key(contact_id: int, year: int) -> str:
    return f"{GREETED_PREFIX}{int(contact_id)}.{int(year)}"


def _norm(purpose: str) -> str:
    return " ".join(purpose.split()).casefold()


def consent_granted(consents: Sequence[ConsentRecord], purpose: str = CONSENT_PURPOSE) -> bool:
    """Whether the newest record for ``purpose`` grants it (records are append-only)."""
    wanted = _norm(purpose)
    latest: ConsentRecord | None = None
    for record in consents:  # in the order recorded (by id)
        if _norm(record.purpose) == wanted and (
            latest is None or record.recorded_at >= latest.recorded_at
        ):
            latest = record
    return latest is not None and latest.granted


@dataclass(slots=True)
class GreetingRun:
    """What one automatic run did, by contact id (no names, no addresses)."""

    sent: list[int] = field(default_factory=list)
    already: list[int] = field(default_factory=list)  # greeted earlier this year
    skipped: list[int] = field(default_factory=list)  # no opt-in, consent, address or values
    failed: list[int] = field(default_factory=list)
    error: str | None = None  # the last MailError text (safe to show)


class GreetingService:
    """Works over the mail sender's database; no Qt."""

    def __init__(self, sender: MailSender) -> None:
        self.sender = sender
        db, clock = sender.db, sender.clock
        self.contacts = ContactService(db, clock=clock)
        self.settings = MailSettingsService(db, clock=clock)
        self.templates = TemplateService(db, clock=clock)
        self.reminders = ReminderService(db, clock=clock)

    # -- what is due ---------------------------------------------------------------------

    def birthdays_on(self, day: date) -> list[int]:
        """Live contacts whose birthday falls on ``day`` (29 February per the setting)."""
        policy = Feb29Policy(self.reminders.settings().feb29)
        with self.sender.db.read_raw() as conn:
            rows = conn.execute(
                "SELECT id, birthday_month, birthday_day FROM contact WHERE trashed_at IS NULL"
                " AND ((birthday_month = ? AND birthday_day = ?)"
                " OR (birthday_month = 2 AND birthday_day = 29))",
                (day.month, day.day),
            ).fetchall()
        found: list[int] = []
        for cid, month, dom in rows:
            if PartialDate(month, dom).occurrence_in(day.year, policy) == day:
                found.append(int(cid))
        return sorted(found)

    def eligible(self, contact: ContactDetail) -> bool:
        return (
            contact.trashed_at is None
            and bool(contact.emails)
            and self.settings.greeting_opt_in(contact.id)
            and consent_granted(contact.consents)
        )

    def draft(self, contact_id: int, today: date) -> tuple[OutgoingMail | None, Rendered]:
        """The greeting for the contact (None when they have no address), for preview or sending."""
        contact = self.contacts.get(contact_id)
        my_name = self.settings.load().sender_name
        rendered = render_for(self.templates.get("birthday"), contact, my_name=my_name, today=today)
        if not contact.emails:
            return None, rendered
        mail = OutgoingMail(contact.id, contact.emails[0].address, rendered.subject, rendered.body)
        return mail, rendered

    # -- sending -------------------------------------------------------------------------

    def send_due(self, today: date, contact_ids: Iterable[int] | None = None) -> GreetingRun:
        """Greet every eligible contact whose birthday is ``today`` (or only these ids)."""
        run = GreetingRun()
        due = set(self.birthdays_on(today))
        wanted = due if contact_ids is None else due & set(contact_ids)
        opted = set(self.settings.opted_in())
        for cid in sorted(wanted):
            if cid not in opted:
                continue  # not opted in: not reported, nothing to say about them
            try:
                contact = self.contacts.get(cid)
            except NotFoundError:
                continue
            if not self.eligible(contact):
                run.skipped.append(cid)
                continue
            mail, rendered = self.draft(cid, today)
            if mail is None or not rendered.ok:
                run.skipped.append(cid)
                continue
            if not self._claim(cid, today.year):
                run.already.append(cid)
                continue
            try:
                self.sender.send(mail)
            except MailError as error:
                self._release(cid, today.year)
                run.failed.append(cid)
                run.error = str(error)
                log.warning("birthday greeting not sent (contact %d): %s", cid, error)
                continue
            run.sent.append(cid)
        return run

    def _claim(self, contact_id: int, year: int) -> bool:
        with self.sender.db.write() as session:
            result = session.execute(
                text("INSERT OR IGNORE INTO setting (key, value) VALUES (:key, :value)"),
                {"key": greeted_key(contact_id, year), "value": json.dumps(True)},
            )
            return bool(getattr(result, "rowcount", 0) == 1)

    def _release(self, contact_id: int, year: int) -> None:
        with self.sender.db.write() as session:
            session.execute(
                text("DELETE FROM setting WHERE key = :key"),
                {"key": greeted_key(contact_id, year)},
            )

    def greeted(self, contact_id: int, year: int) -> bool:
        with self.sender.db.read_raw() as conn:
            row = conn.execute(
                "SELECT 1 FROM setting WHERE key = ?", (greeted_key(contact_id, year),)
            ).fetchone()
        return row is not None
