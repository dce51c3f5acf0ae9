"""Composition root of the desktop application: wires paths, zone, logging and the GUI.

Only this module and ``cli`` know every layer. Qt is imported here (through
``crm_desktop.gui``) and nowhere below.
"""

from __future__ import annotations

import time

from crm_desktop.paths import AppPaths

#: Process start, as close as Python gets: the import of this module by the CLI.
STARTED_AT = time.perf_counter()


def process_started() -> float:
    """perf_counter() value of the process start (Linux), else of this import."""
    try:
        import os

        with open("/proc/self/stat", encoding="ascii") as handle:
            start_ticks = int(handle.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        age = uptime - start_ticks / os.sysconf("SC_CLK_TCK")
        return time.perf_counter() - max(0.0, age)
    except (OSError, ValueError, IndexError):
        return STARTED_AT


def main(
    paths: AppPaths,
    *,
    screenshot: str | None = None,
    quit_after_paint: bool = False,
    zone_name: str = "UTC",
    phone_region: str | None = None,
) -> int:
    started = process_started()
    paths.ensure()
    from crm_desktop import logging_setup
    from crm_desktop.gui.application import run
    from crm_desktop.gui.dialogs.crash_dialog import CrashReporter

    # The log file was set up by the command line (``cli.main``), the only caller.
    reporter = CrashReporter()  # main thread: its dialogs open on the GUI thread
    logging_setup.install_excepthooks(reporter.handle)

    return run(
        paths,
        zone_name=zone_name,
        phone_region=phone_region,
        started_at=started,
        screenshot=screenshot,
        quit_after_paint=quit_after_paint,
    )
