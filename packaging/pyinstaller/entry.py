"""The bundle's entry point: the same ``crm-desktop`` command as the console script.

``freeze_support`` comes first: a large import checks its rows in worker
processes (``spawn``), which start this same executable; it turns such a
start into a worker before the app itself is imported.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from crm_desktop.cli import main

    sys.exit(main())
