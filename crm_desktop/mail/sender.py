"""Sending one mail over SMTP and logging it as an ``email`` interaction of the contact.

TLS certificates are verified (``ssl.create_default_context``) unless a caller passes its own
context. A password is only ever sent over STARTTLS or TLS. Errors are :class:`MailError` with a
fixed text: never the password, an address or the message (smtplib's own exceptions quote the
server's reply, which often echoes the addresses).
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from crm_desktop.domain.choices import Direction, InteractionKind
from crm_desktop.domain.text import NOTES_MAX, SHORT_TEXT_MAX
from crm_desktop.mail.secrets import SecretStore, session_store
from crm_desktop.mail.settings import MailSettingsService, Security, SmtpSettings
from crm_desktop.services.base import Clock, Service, utc_now
from crm_desktop.services.changes import Saved
from crm_desktop.services.dto import InteractionInput
from crm_desktop.services.interactions import InteractionService
from crm_desktop.storage.database import Database

__all__ = [
    "MailError",
    "MailSender",
    "OutgoingMail",
    "PasswordNeeded",
    "build_message",
    "send_message",
]

log = logging.getLogger(__name__)

TIMEOUT = 30.0


class MailError(Exception):
    """Sending failed; the text is safe to show and to log (no secrets, no personal data)."""


class NotConfigured(MailError):
    def __init__(self) -> None:
        super().__init__("The e-mail settings are incomplete: a server and a sender address.")


class PasswordNeeded(MailError):
    """The account has a user name but no password is stored (or kept for this session)."""

    def __init__(self) -> None:
        super().__init__("The password for the mail server is needed.")


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    contact_id: int
    to_address: str
    subject: str
    body: str


def build_message(
    settings: SmtpSettings, mail: OutgoingMail, *, when: datetime | None = None
) -> EmailMessage:
    """A UTF-8 text/plain message with From, To, Subject, Date and Message-ID."""
    msg = EmailMessage()
    domain = settings.sender_address.rpartition("@")[2] or "localhost"
    try:
        msg["From"] = Address(display_name=settings.sender_name, addr_spec=settings.sender_address)
        msg["To"] = Address(addr_spec=mail.to_address)
    except (ValueError, IndexError):
        raise MailError("The sender or the recipient is not a valid e-mail address.") from None
    msg["Subject"] = mail.subject
    msg["Date"] = format_datetime(when or datetime.now(UTC))
    msg["Message-ID"] = make_msgid(domain=domain)
    msg.set_content(mail.body, charset="utf-8")
    return msg


def send_message(
    settings: SmtpSettings,
    message: EmailMessage,
    password: str | None,
    *,
    context: ssl.SSLContext | None = None,
    timeout: float = TIMEOUT,
) -> None:
    """Deliver ``message`` to the configured server, or raise a :class:`MailError`."""
    if settings.user and password and settings.security is Security.NONE:
        raise MailError(
            "A password is never sent over an unprotected connection: choose STARTTLS or TLS."
        )
    try:
        if settings.security is Security.TLS:
            ctx = context or ssl.create_default_context()
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=timeout, context=ctx
            )
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        with smtp:
            smtp.ehlo()
            if settings.security is Security.STARTTLS:
                smtp.starttls(context=context or ssl.create_default_context())
                smtp.ehlo()
            if settings.user:
                if not password:
                    raise PasswordNeeded
                smtp.login(settings.user, password)
            smtp.send_message(message)
    except MailError:
        raise
    except smtplib.SMTPAuthenticationError:
        raise MailError("The server refused the user name or password.") from None
    except smtplib.SMTPRecipientsRefused:
        raise MailError("The server refused the recipient's address.") from None
    except smtplib.SMTPSenderRefused:
        raise MailError("The server refused the sender address.") from None
    except smtplib.SMTPNotSupportedError:
        raise MailError("The server does not support what the settings ask for.") from None
    except ssl.SSLCertVerificationError:
        raise MailError("The server's certificate could not be verified.") from None
    except ssl.SSLError:
        raise MailError("The secure connection to the server failed.") from None
    except smtplib.SMTPException as exc:
        code = getattr(exc, "smtp_code", None)
        suffix = f" (code {code})" if isinstance(code, int) else ""
        raise MailError(f"The server did not accept the message{suffix}.") from None
    except TimeoutError:
        raise MailError("The mail server did not answer in time.") from None
    except OSError as exc:
        raise MailError(f"The mail server could not be reached ({type(exc).__name__}).") from None


class MailSender(Service):
    """Sends mail with the stored settings and logs each one as an interaction."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Clock = utc_now,
        secrets: SecretStore | None = None,
        context_factory: Callable[[], ssl.SSLContext] = ssl.create_default_context,
        timeout: float = TIMEOUT,
    ) -> None:
        super().__init__(db, clock=clock)
        self.secrets = secrets if secrets is not None else session_store()
        self.context_factory = context_factory
        self.timeout = timeout
        self.settings = MailSettingsService(db, clock=clock)
        self.interactions = InteractionService(db, clock=clock)

    def needs_password(self, settings: SmtpSettings | None = None) -> bool:
        current = settings or self.settings.load()
        return bool(current.user) and self.secrets.get(current.account) is None

    def send(self, mail: OutgoingMail, *, outcome: str | None = None) -> Saved:
        """Send, then log an outbound ``email`` interaction (subject, and the text as notes)."""
        settings = self.settings.load()
        if not settings.configured:
            raise NotConfigured
        password = self.secrets.get(settings.account) if settings.user else None
        if settings.user and password is None:
            raise PasswordNeeded
        now = self.clock()
        message = build_message(settings, mail, when=now)
        context = self.context_factory() if settings.security is not Security.NONE else None
        send_message(settings, message, password, context=context, timeout=self.timeout)
        log.info("mail sent (contact %d)", mail.contact_id)
        return self.interactions.log(
            InteractionInput(
                contact_ids=(mail.contact_id,),
                kind=InteractionKind.EMAIL.value,
                occurred_at=now,
                direction=Direction.OUTBOUND.value,
                subject=mail.subject[:SHORT_TEXT_MAX] or None,
                notes=mail.body[:NOTES_MAX] or None,
                outcome=outcome,
            )
        )
