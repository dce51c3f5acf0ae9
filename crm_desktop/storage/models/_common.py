"""Column helpers shared by the tables.

Instants are stored as UTC (sqlmodel's ``UTCDateTime`` refuses naive values,
which is what we want: a naive instant is a bug). Wall times that must keep
their meaning across DST and time-zone changes are stored as text plus a
zone name instead.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Text
from sqlmodel import Field


def utcnow() -> datetime:
    return datetime.now(UTC)


def long_text() -> Any:
    """A TEXT column for notes and other long, optional text."""
    return Field(default=None, sa_column=Column(Text, nullable=True))


def created_field() -> Any:
    return Field(default_factory=utcnow, nullable=False)


def updated_field() -> Any:
    return Field(default_factory=utcnow, nullable=False)
