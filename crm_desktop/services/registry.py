"""Every service over one open database, built in one place.

The GUI builds this on its worker thread (importing SQLModel costs ~0.4 s,
which must not delay the first paint); the CLI builds what it needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from crm_desktop.services.base import Clock, utc_now
from crm_desktop.services.calendar import CalendarService
from crm_desktop.services.contacts import ContactService
from crm_desktop.services.deals import DealService
from crm_desktop.services.events import EventService
from crm_desktop.services.interactions import InteractionService
from crm_desktop.services.purchases import PurchaseService
from crm_desktop.services.reminders import ReminderService
from crm_desktop.services.tasks import TaskService
from crm_desktop.services.vocabulary import VocabularyService
from crm_desktop.storage.database import Database


@dataclass(frozen=True, slots=True)
class Services:
    db: Database
    contacts: ContactService
    interactions: InteractionService
    events: EventService
    tasks: TaskService
    deals: DealService
    purchases: PurchaseService
    vocabulary: VocabularyService
    calendar: CalendarService
    reminders: ReminderService  # the GUI's engine wraps it (zone: the app's, or the machine's)

    @classmethod
    def over(
        cls,
        db: Database,
        *,
        clock: Clock = utc_now,
        phone_region: str | None = None,
        zone: str | None = None,
    ) -> Services:
        """``zone``: the user's time zone for reminders (None: the machine's)."""
        return cls(
            db=db,
            contacts=ContactService(db, clock=clock, phone_region=phone_region),
            interactions=InteractionService(db, clock=clock),
            events=EventService(db, clock=clock),
            tasks=TaskService(db, clock=clock),
            deals=DealService(db, clock=clock),
            purchases=PurchaseService(db, clock=clock),
            vocabulary=VocabularyService(db, clock=clock),
            calendar=CalendarService(db, clock=clock),
            reminders=ReminderService(db, clock=clock, timezone=zone),
        )

    def close(self) -> None:
        self.db.close()
