"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, for mail tests."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

from aiosmtpd.controller import Controller


class Inbox:
    """Everything the server received: parsed messages, envelopes and raw bytes."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str], EmailMessage]] = []
        self.raw: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.original_content, policy=default_policy)
        assert isinstance(parsed, EmailMessage)
        self.raw.append(envelope.original_content)
        self.messages.append(parsed)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def local_smtp() -> Iterator[tuple[Inbox, int]]:
    """A running server and its port; it stops when the block ends."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, ready_timeout=5)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
