"""Timing helpers: percentiles over repeated calls, and a side-by-side table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sample:
    p50_ms: float
    p95_ms: float


def measure(calls: Sequence[Callable[[], object]], *, rounds: int = 1, warmup: int = 5) -> Sample:
    """Time each call ``rounds`` times and summarize in milliseconds.

    Every call runs ``warmup`` times first, so page cache, statement cache
    and connection pool are warm for both sides alike.
    """
    for call in calls:
        for _ in range(warmup):
            call()
    times: list[float] = []
    for _ in range(rounds):
        for call in calls:
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return Sample(statistics.median(times), p95)


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    ours: Sample
    raw: Sample | None
    goal_ms: float | None = None
    max_ratio: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.raw is None or self.raw.p50_ms == 0:
            return None
        return self.ours.p50_ms / self.raw.p50_ms

    @property
    def verdict(self) -> str:
        ok = True
        if self.goal_ms is not None:
            ok = ok and self.ours.p95_ms <= self.goal_ms
        if self.max_ratio is not None and self.ratio is not None:
            ok = ok and self.ratio <= self.max_ratio
        return "ok" if ok else "MISSED"


def print_table(rows: Sequence[Row]) -> None:
    header = (
        f"{'operation':<44} {'ours p50':>9} {'ours p95':>9} {'raw p50':>8} {'raw p95':>8}"
        f" {'ratio':>6}  goal"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        raw50 = f"{row.raw.p50_ms:8.2f}" if row.raw else f"{'-':>8}"
        raw95 = f"{row.raw.p95_ms:8.2f}" if row.raw else f"{'-':>8}"
        ratio = f"{row.ratio:5.1f}x" if row.ratio is not None else f"{'-':>6}"
        goal = []
        if row.goal_ms is not None:
            goal.append(f"p95<{row.goal_ms:g}ms")
        if row.max_ratio is not None:
            goal.append(f"<{row.max_ratio:g}x raw")
        goal_text = f"{', '.join(goal)} {row.verdict}" if goal else ""
        print(
            f"{row.name:<44} {row.ours.p50_ms:9.2f} {row.ours.p95_ms:9.2f} {raw50} {raw95}"
            f" {ratio}  {goal_text}"
        )
