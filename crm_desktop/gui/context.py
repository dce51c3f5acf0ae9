"""What every pane and dialog is given: the task runner and the open services.

Panes never hold a session or an ORM row; they submit closures to the
runner, which run on the worker thread where ``ctx.services`` lives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from crm_desktop.gui.tasks import TaskRunner
from crm_desktop.paths import AppPaths

if TYPE_CHECKING:
    from crm_desktop.services.registry import Services


@dataclass
class GuiContext:
    runner: TaskRunner
    paths: AppPaths
    zone: ZoneInfo
    phone_region: str | None = None
    read_only: bool = False  # the data folder cannot be written: the data is shown, not saved
    _services: Services | None = field(default=None, repr=False)

    @property
    def services(self) -> Services:
        """The services; only valid inside jobs run by :attr:`runner` (after the open job)."""
        if self._services is None:
            raise RuntimeError("the database is not open yet")
        return self._services

    def attach(self, services: Services) -> None:
        self._services = services

    @property
    def is_open(self) -> bool:
        return self._services is not None

    def now(self) -> datetime:
        return datetime.now(UTC)

    def local_now(self) -> datetime:
        return datetime.now(self.zone)
