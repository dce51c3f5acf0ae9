"""SMTP settings in the ``setting`` table (JSON values under ``mail.smtp.*``), never the password.

The per-contact opt-in for automatic birthday greetings is a setting too: ``mail.greet.<id>`` =
``true``. A key per contact rather than a column keeps the schema as it is; erasing a contact
should remove its key (see :func:`forget_contact`).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from enum import StrEnum

from sqlalchemy import text

from crm_desktop.domain.errors import ValidationError
from crm_desktop.services.base import Service

__all__ = [
    "DEFAULT_PORTS",
    "GREET_PREFIX",
    "SMTP_PREFIX",
    "MailSettingsService",
    "Security",
    "SmtpSettings",
    "validate",
]

SMTP_PREFIX = "mail.smtp."
GREET_PREFIX = "mail.greet."
HOST_MAX = 253
NAME_MAX = 200
ADDRESS_MAX = 320


class Security(StrEnum):
    """How the connection is protected: not at all, upgraded (STARTTLS) or TLS from the start."""

    NONE = "none"
    STARTTLS = "starttls"
    TLS = "tls"


#: The usual port for each kind of connection (submission, implicit TLS).
DEFAULT_PORTS = {Security.NONE: 25, Security.STARTTLS: 587, Security.TLS: 465}


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: Security = Security.STARTTLS
    user: str = ""
    sender_name: str = ""
    sender_address: str = ""

    @property
    def configured(self) -> bool:
        """Enough to try sending: a server and a sender address."""
        return bool(self.host and self.sender_address)

    @property
    def account(self) -> str:
        """The keyring user name for this account's password: ``user@host:port``."""
        return f"{self.user}@{self.host}:{self.port}"


def validate(settings: SmtpSettings) -> SmtpSettings:
    """The settings trimmed, or a ValidationError naming the field (never echoing its value)."""
    clean = replace(
        settings,
        host=settings.host.strip(),
        user=settings.user.strip(),
        sender_name=settings.sender_name.strip(),
        sender_address=settings.sender_address.strip(),
    )
    if len(clean.host) > HOST_MAX or any(c.isspace() or c in "/@" for c in clean.host):
        raise ValidationError("Server", "is not a host name")
    if not 1 <= clean.port <= 65535:
        raise ValidationError("Port", "must be between 1 and 65535")
    if clean.security not in set(Security):
        raise ValidationError("Security", "must be none, STARTTLS or TLS")
    if len(clean.user) > ADDRESS_MAX or any(c in "\r\n" for c in clean.user):
        raise ValidationError("User", "is too long or has a line break")
    if len(clean.sender_name) > NAME_MAX or any(c in "\r\n" for c in clean.sender_name):
        raise ValidationError("Sender name", "is too long or has a line break")
    if clean.sender_address and not _looks_like_address(clean.sender_address):
        raise ValidationError("Sender address", "is not an e-mail address")
    return clean


def _looks_like_address(value: str) -> bool:
    if len(value) > ADDRESS_MAX or any(c.isspace() or c in "<>," for c in value):
        return False
    local, at, domain = value.rpartition("@")
    return bool(at and local and domain and "." in domain)


class MailSettingsService(Service):
    """Reads and writes the SMTP settings and the greeting opt-ins."""

    def load(self) -> SmtpSettings:
        with self.db.read_raw() as conn:
            return _read(conn)

    def save(self, settings: SmtpSettings) -> SmtpSettings:
        clean = validate(settings)
        values = {
            "host": clean.host,
            "port": clean.port,
            "security": clean.security.value,
            "user": clean.user,
            "sender_name": clean.sender_name,
            "sender_address": clean.sender_address,
        }
        with self.db.write() as session:
            for name, value in values.items():
                session.execute(
                    text("INSERT OR REPLACE INTO setting (key, value) VALUES (:key, :value)"),
                    {"key": SMTP_PREFIX + name, "value": json.dumps(value)},
                )
        return clean

    # -- per-contact opt-in for automatic birthday greetings -----------------------------

    def greeting_opt_in(self, contact_id: int) -> bool:
        with self.db.read_raw() as conn:
            row = conn.execute(
                "SELECT value FROM setting WHERE key = ?", (GREET_PREFIX + str(int(contact_id)),)
            ).fetchone()
        return bool(row) and row[0] == "true"

    def set_greeting_opt_in(self, contact_id: int, enabled: bool) -> None:
        key = GREET_PREFIX + str(int(contact_id))
        with self.db.write() as session:
            if enabled:
                session.execute(
                    text("INSERT OR REPLACE INTO setting (key, value) VALUES (:key, 'true')"),
                    {"key": key},
                )
            else:
                session.execute(text("DELETE FROM setting WHERE key = :key"), {"key": key})

    def opted_in(self) -> list[int]:
        """Contact ids with automatic greetings on."""
        with self.db.read_raw() as conn:
            rows = conn.execute(
                "SELECT key FROM setting WHERE key LIKE 'mail.greet.%' AND value = 'true'"
            ).fetchall()
        ids: list[int] = []
        for (key,) in rows:
            tail = str(key)[len(GREET_PREFIX) :]
            if tail.isdigit():
                ids.append(int(tail))
        return sorted(ids)

    def forget_contact(self, contact_id: int) -> None:
        """Remove the contact's opt-in and sent-greeting marks (for erasure)."""
        with self.db.write() as session:
            session.execute(
                text("DELETE FROM setting WHERE key = :key OR key LIKE :sent"),
                {
                    "key": GREET_PREFIX + str(int(contact_id)),
                    "sent": f"mail.greeted.{int(contact_id)}.%",
                },
            )


def _read(conn: sqlite3.Connection) -> SmtpSettings:
    stored: dict[str, object] = {}
    for key, value in conn.execute("SELECT key, value FROM setting WHERE key LIKE 'mail.smtp.%'"):
        try:
            stored[str(key)[len(SMTP_PREFIX) :]] = json.loads(value)
        except ValueError:
            continue  # a hand-edited value: the default
    defaults = SmtpSettings()

    def string(name: str, default: str) -> str:
        value = stored.get(name)
        return value if isinstance(value, str) else default

    port = stored.get("port")
    security = stored.get("security")
    return SmtpSettings(
        host=string("host", defaults.host),
        port=port if isinstance(port, int) and 1 <= port <= 65535 else defaults.port,
        security=(
            Security(security)
            if isinstance(security, str) and security in {s.value for s in Security}
            else defaults.security
        ),
        user=string("user", defaults.user),
        sender_name=string("sender_name", defaults.sender_name),
        sender_address=string("sender_address", defaults.sender_address),
    )
