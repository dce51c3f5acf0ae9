"""Nothing a person typed lands in a temporary file: SQLite sorts in memory, our
exports write their .partial beside the target, never in the temp folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SENTINEL = "Qzvxwyut"


def _run(env: dict[str, str], data: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "crm_desktop", "--data-dir", str(data), *args],
        env=env,
        check=True,
        capture_output=True,
    )


def test_temporary_folder_stays_clean(tmp_path: Path) -> None:
    temp, data, out = tmp_path / "tmp", tmp_path / "data", tmp_path / "out"
    temp.mkdir()
    out.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}
    env.pop("CI", None)
    csv_file = out / "people.csv"
    csv_file.write_text(
        f"First Name,Last Name,E-mail 1 - Value,Notes\n{SENTINEL},Smith,{SENTINEL.lower()}"
        f"@example.com,met {SENTINEL}\n",
        encoding="utf-8",
    )
    _run(env, data, "import", str(csv_file), "--format", "google")
    _run(env, data, "search", SENTINEL.lower())
    _run(env, data, "report", "contacts", "-o", str(out / "contacts.csv"))
    _run(env, data, "export", "vcard", "-o", str(out / "all.vcf"))
    _run(env, data, "backup", "create")
    leftovers = [p for p in temp.rglob("*") if p.is_file()]
    for path in leftovers:
        assert SENTINEL.encode() not in path.read_bytes(), path.name
        assert SENTINEL.lower().encode() not in path.read_bytes(), path.name
