"""The bundle's entry point: the same ``crm-desktop`` command as the console script."""

import sys

from crm_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
