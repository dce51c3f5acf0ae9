"""What every command shares: the open database, output in text or JSON, user errors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from crm_desktop.paths import AppPaths, resolve_paths

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from crm_desktop.storage.database import Database


class CliError(Exception):
    """A user error: printed as one line, exit code 1."""


class Context:
    """Lazily opened paths and database for one command."""

    def __init__(self, data_dir: str | None) -> None:
        self.paths: AppPaths = resolve_paths(data_dir)
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            from crm_desktop.storage.database import open_database
            from crm_desktop.storage.errors import StorageError

            self.paths.ensure()
            try:
                self._db = open_database(self.paths.database, backup_dir=self.paths.backup_dir)
            except StorageError as exc:
                from crm_desktop.cli.backup import refusal  # sets a damaged file aside

                raise CliError(refusal(self.paths, exc)) from exc
        return self._db

    @property
    def zone(self) -> ZoneInfo:
        """The machine's IANA zone: naive times on the command line are local."""
        from zoneinfo import ZoneInfo

        import tzlocal

        return ZoneInfo(tzlocal.get_localzone_name() or "UTC")

    @property
    def phone_region(self) -> str | None:
        """The country for phone numbers typed without +code, from the locale (de_DE: DE)."""
        import locale

        name = locale.getlocale()[0] or ""
        region = name.partition("_")[2][:2]
        return region.upper() if len(region) == 2 and region.isalpha() else None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn validation and not-found errors into one-line user errors."""
    from crm_desktop.domain.errors import ValidationError
    from crm_desktop.services.base import NotFoundError

    try:
        yield
    except ValidationError as exc:
        raise CliError(str(exc)) from exc
    except NotFoundError as exc:
        raise CliError(str(exc)) from exc


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset | set):
        return [_plain(v) for v in value]
    return value


def emit_json(value: Any) -> None:
    json.dump(_plain(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def emit_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A plain aligned table; empty cells for None."""
    text_rows = [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in text_rows)]) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    for row in text_rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
