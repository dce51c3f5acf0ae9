"""A stream of edits for the kill harness: ``contacts add`` in a loop, one id per line.

Usage: python kill_worker.py DATA_DIR

Each iteration runs the real command (``crm_desktop.cli.main``) in this process and
prints the id it acknowledges; a line on stdout means the program told the user "saved".
The harness SIGKILLs this process at a random moment and then checks every printed id.
"""

from __future__ import annotations

import sys

from crm_desktop.cli import main


def run(data_dir: str) -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    n = 0
    while True:
        n += 1
        code = main(
            [
                "--data-dir",
                data_dir,
                "contacts",
                "add",
                "--given",
                f"Edit{n}",
                "--family",
                "Stream",
                "--email",
                f"edit{n}@example.com",
                "--notes",
                f"edit number {n}",
            ]
        )
        if code != 0:
            raise SystemExit(code)


if __name__ == "__main__":
    run(sys.argv[1])
