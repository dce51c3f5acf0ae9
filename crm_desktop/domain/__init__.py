"""Pure Python rules (validation, dates, recurrence, money): no I/O, no Qt."""
