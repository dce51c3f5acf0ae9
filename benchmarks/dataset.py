"""The benchmark database: built once with the demo generator, then reused.

Building 100k contacts and 1M interactions takes most of a minute; the
file is cached under ``benchmarks/.cache`` keyed by size, seed and schema
version, so repeated runs measure queries, not generation.
"""

from __future__ import annotations

import time
from pathlib import Path

from crm_desktop.storage.database import SCHEMA_VERSION, open_database

CACHE_DIR = Path(__file__).with_name(".cache")


def dataset_path(contacts: int, interactions: int, seed: int) -> Path:
    name = f"bench-c{contacts}-i{interactions}-s{seed}-v{SCHEMA_VERSION}.sqlite3"
    return CACHE_DIR / name


def ensure_dataset(contacts: int, interactions: int, seed: int, *, rebuild: bool = False) -> Path:
    """Return the path of a database with that much demo data, building it if needed."""
    from crm_desktop.services.demo_data import generate_demo

    path = dataset_path(contacts, interactions, seed)
    if path.exists() and not rebuild:
        return path
    CACHE_DIR.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_database(path)
    try:
        generate_demo(db, contacts=contacts, interactions=interactions, seed=seed)
    finally:
        db.close()
    seconds = time.perf_counter() - started
    size_mb = path.stat().st_size / 1e6
    print(f"built {path.name}: {seconds:.1f} s, {size_mb:.0f} MB")
    return path
