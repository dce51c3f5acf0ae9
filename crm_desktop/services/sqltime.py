"""Reading instants back from raw SQL results.

SQLAlchemy's ``UTCDateTime`` stores UTC as ``YYYY-MM-DD HH:MM:SS[.ffffff]``
text; queries written as plain SQL (for speed) get that text back.
"""

from __future__ import annotations

from datetime import UTC, datetime


def parse_utc(value: str | datetime | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    # Appending the offset is five times faster than .replace(tzinfo=UTC),
    # which matters when a page decodes hundreds of instants.
    return datetime.fromisoformat(value + "+00:00")


def to_sql(value: datetime) -> str:
    """The stored text form of an aware instant, for comparisons in plain SQL."""
    return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
