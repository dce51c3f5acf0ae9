"""Composition root of the desktop application.

The main window is the next piece of work (the main-window issue); until
it lands, ``crm-desktop gui`` says so plainly instead of pretending.
"""

from __future__ import annotations

import sys

from crm_desktop.paths import AppPaths


def main(paths: AppPaths, *, screenshot: str | None = None, quit_after_paint: bool = False) -> int:
    del screenshot, quit_after_paint
    print(
        "crm-desktop: the window is not built yet; use the commands "
        f"(crm-desktop --help). Your data lives in {paths.data_dir}",
        file=sys.stderr,
    )
    return 1
