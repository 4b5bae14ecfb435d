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


def time_command(argv: list[str], runs: int = 15, env: dict | None = None) -> float:
    """Median wall time of ``argv`` over ``runs`` runs (after one warm-up), in seconds."""
    full_env = dict(os.environ, **(env or {}))
    subprocess.run(argv, capture_output=True, env=full_env, check=False)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, capture_output=True, env=full_env, check=False)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def table(rows: list[tuple], headers: tuple) -> str:
    cells = [tuple(map(str, headers))] + [tuple(map(str, r)) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(headers))]
    lines = ["  ".join(c[i].ljust(widths[i]) for i in range(len(headers))) for c in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
