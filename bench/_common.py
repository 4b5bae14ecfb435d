"""Shared helpers for the benchmark scripts (timing child processes, printing tables)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def time_commands(*argvs: list[str], runs: int = 15, env: dict | None = None) -> list[float]:
    """Median wall time of each command over ``runs`` runs (after one warm-up each), in
    seconds. The commands take turns, so a drift in the machine's speed (tens of percent
    within minutes on a shared machine) weighs on all of them alike."""
    full_env = dict(os.environ, **(env or {}))
    samples: list[list[float]] = [[] for _ in argvs]
    for round_ in range(runs + 1):
        for argv, times in zip(argvs, samples, strict=True):
            started = time.perf_counter()
            subprocess.run(argv, capture_output=True, env=full_env, check=False)
            if round_:  # round 0 warms the caches
                times.append(time.perf_counter() - started)
    return [statistics.median(times) for times in samples]


def table(rows: list[tuple], headers: tuple) -> str:
    cells = [tuple(map(str, headers))] + [tuple(map(str, r)) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(headers))]
    lines = ["  ".join(c[i].ljust(widths[i]) for i in range(len(headers))) for c in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
