"""The SQLModel tables. Importing this package registers every table on ``SQLModel.metadata``."""

from crm_desktop.storage.models.activity import (
    Attachment,
    Event,
    EventContact,
    EventReminder,
    Interaction,
    InteractionContact,
    Task,
)
from crm_desktop.storage.models.contacts import (
    Consent,
    Contact,
    ContactAddress,
    ContactDate,
    ContactEmail,
    ContactPhone,
    ContactTag,
    LeadSource,
    Organization,
    RelationshipStatus,
    Tag,
)
from crm_desktop.storage.models.sales import Deal, DealChange, DealStage, Purchase
from crm_desktop.storage.models.system import Erasure, ReminderLedger, Setting

__all__ = [
    "Attachment",
    "Consent",
    "Contact",
    "ContactAddress",
    "ContactDate",
    "ContactEmail",
    "ContactPhone",
    "ContactTag",
    "Deal",
    "DealChange",
    "DealStage",
    "Erasure",
    "Event",
    "EventContact",
    "EventReminder",
    "Interaction",
    "InteractionContact",
    "LeadSource",
    "Organization",
    "Purchase",
    "RelationshipStatus",
    "ReminderLedger",
    "Setting",
    "Tag",
    "Task",
]
