"""Contact import from CSV (Google, Outlook, our own ``contacts`` report, any CSV).

Qt-free: the CLI and the GUI wizard both drive :mod:`crm_desktop.importing.importer`.
"""
