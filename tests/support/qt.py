"""Helpers for widget tests."""

from __future__ import annotations

from typing import Any

from crm_desktop.gui.tasks import TaskRunner


def wait_idle(qtbot: Any, runner: TaskRunner, timeout: int = 5000) -> None:
    """Wait until every job submitted so far has delivered its result (no sleeping)."""
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=timeout)
