"""Automatic birthday greetings: sent on the day, off the GUI thread and off the DB worker.

Sending waits on the network (seconds when a server is slow), so it runs
on a short-lived thread of its own; only contacts who opted in and whose
latest "birthday greetings" consent grants it are greeted, once per
birthday (``mail.greetings``). Nothing is sent while the SMTP settings
are incomplete or the password would have to be asked for.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from crm_desktop.gui.context import GuiContext
from crm_desktop.services.changes import Changes

log = logging.getLogger(__name__)


class AutoGreetings(QObject):
    sent = Signal(int)  # how many greetings went out (on the GUI thread)

    def __init__(self, ctx: GuiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._lock = threading.Lock()
        self._running = False
        self.sent.connect(self._broadcast)

    def run_now(self, *, wait: Callable[[threading.Thread], None] | None = None) -> None:
        """Greet whoever is due today; at most one run at a time."""
        with self._lock:
            if self._running or not self.ctx.is_open:
                return
            self._running = True
        thread = threading.Thread(target=self._run, name="crm-greetings", daemon=True)
        thread.start()
        if wait is not None:
            wait(thread)

    def _run(self) -> None:
        try:
            from crm_desktop.mail.greetings import GreetingService
            from crm_desktop.mail.sender import MailSender

            sender = MailSender(self.ctx.services.db)
            settings = sender.settings.load()
            if not settings.configured or sender.needs_password(settings):
                return
            result = GreetingService(sender).send_due(self.ctx.local_now().date())
            if result.sent:
                self.sent.emit(len(result.sent))
        except Exception as error:  # logged by type only: never an address or a body
            log.warning("automatic birthday greetings failed: %s", type(error).__name__)
        finally:
            with self._lock:
                self._running = False

    def _broadcast(self, count: int) -> None:
        del count
        self.ctx.runner.changed.emit(Changes(interactions=True, all_contacts=True))


def wants_greetings(reminders: list[object]) -> bool:
    """Whether a delivery holds a birthday (then greetings may be due now)."""
    return any(getattr(r, "kind", None) == "birthday" for r in reminders)
