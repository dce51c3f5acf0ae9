"""Running ``crm-desktop`` in-process for end-to-end tests: exit code, stdout, stderr."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm_desktop.cli import main
from crm_desktop.storage.database import Database, open_database


class Cli:
    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data_dir = data_dir
        self.capsys = capsys

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--data-dir", str(self.data_dir), *argv])
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *argv: str, quiet: bool = True) -> str:
        """Stdout of a command that must succeed (and, if ``quiet``, say nothing on stderr)."""
        code, out, err = self(*argv)
        assert code == 0, err
        if quiet:
            assert err == ""
        return out

    def json(self, *argv: str) -> object:
        return json.loads(self.ok(*argv, "--format", "json"))

    def refused(self, *argv: str) -> str:
        """The one line of a user error (exit 1, nothing on stdout)."""
        code, out, err = self(*argv)
        assert (code, out) == (1, "")
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("crm-desktop: "), err
        return lines[0]

    def db(self) -> Database:
        return open_database(self.data_dir / "crm.sqlite3")


@pytest.fixture
def cli(tmp_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_data_dir, capsys)


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    """main() sets a private umask for the process; give the next test its own back."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)
