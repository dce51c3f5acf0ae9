"""CSV reports: SQL does the work, Python streams rows into a spreadsheet-safe file.

No Qt here: the CLI and (later) the Reports window share these modules.
"""
