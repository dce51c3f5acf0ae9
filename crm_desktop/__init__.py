"""CRM Desktop: a local-first customer relationship manager on one SQLite file."""

__version__ = "0.1.0"
APP_NAME = "crm-desktop"
