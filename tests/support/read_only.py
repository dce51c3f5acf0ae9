"""A folder made read-only for the test process (root ignores mode bits: a bind mount)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only_folder(path: Path) -> Iterator[None]:
    """Make ``path`` read-only: a read-only bind mount as root, else ``chmod`` of its tree."""
    if os.geteuid() == 0:
        done = subprocess.run(
            ["mount", "--bind", "-o", "ro", str(path), str(path)], capture_output=True
        )
        if done.returncode != 0:
            pytest.skip("running as root and a read-only bind mount is not allowed here")
        try:
            yield
        finally:
            subprocess.run(["umount", str(path)], check=True)
        return
    modes = {p: p.stat().st_mode for p in [path, *path.rglob("*")]}
    try:
        for p in sorted(modes, reverse=True):
            p.chmod(0o500 if p.is_dir() else 0o400)
        yield
    finally:
        for p, mode in modes.items():
            p.chmod(mode)
