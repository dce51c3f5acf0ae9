"""``python -m crm_desktop`` runs the same entry point as the ``crm-desktop`` script."""

import sys

from crm_desktop.cli import main

sys.exit(main())
