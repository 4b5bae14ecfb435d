"""Exercise grading speed.

    .venv/bin/python bench/grading_bench.py [--catalog]

- cold `studykit exercise check` of a small exercise vs `python -c "import torch"`
  (target: <= 1.3 x import torch + 1 s);
- warm re-check in one worker, as watch mode does (target: <= 0.3 s);
- with --catalog: every reference in the catalog graded in one worker (target: <= 180 s).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from _common import BIN, table, time_commands

SMALL = "tensors/view_vs_copy"


def measure() -> dict:
    """Median seconds of `import torch`, of a cold check (a new process) and of a warm
    re-check in a running worker, on a small exercise's reference solution."""
    from studykit.exercises.catalog import get_exercise
    from studykit.grading.client import Worker

    exercise = get_exercise(SMALL)
    torch_s, cold_s = time_commands(
        [sys.executable, "-c", "import torch"],
        [str(BIN / "studykit"), "exercise", "check", SMALL, "--file", str(exercise.solution)],
        runs=5)
    with Worker() as worker:
        worker.grade(exercise, exercise.solution)
        warm = []
        for _ in range(10):
            started = time.perf_counter()
            worker.grade(exercise, exercise.solution)
            warm.append(time.perf_counter() - started)
    return {"torch_s": torch_s, "cold_s": cold_s, "warm_s": statistics.median(warm)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--catalog", action="store_true", help="also grade every reference")
    args = parser.parse_args()
    from studykit.exercises.catalog import load_catalog
    from studykit.grading.client import Worker

    figures = measure()
    torch_s, cold_s, warm_s = figures["torch_s"], figures["cold_s"], figures["warm_s"]
    target = 1.3 * torch_s + 1.0
    rows = [("python -c 'import torch'", f"{torch_s:.2f} s", ""),
            ("cold exercise check", f"{cold_s:.2f} s",
             f"{cold_s / torch_s:.2f}x import torch; target <= {target:.2f} s "
             f"({'met' if cold_s <= target else 'NOT met'})"),
            ("warm re-check (watch)", f"{warm_s:.3f} s",
             f"target <= 0.3 s ({'met' if warm_s <= 0.3 else 'NOT met'})")]
    if args.catalog:
        catalog = load_catalog()
        started = time.perf_counter()
        with Worker() as worker:
            failures = [e.id for e in catalog if worker.grade(e, e.solution)["status"] != "pass"]
        total = time.perf_counter() - started
        rows.append((f"all {len(catalog)} references", f"{total:.1f} s",
                     f"target <= 180 s ({'met' if total <= 180 else 'NOT met'}); "
                     f"{len(failures)} not passing {failures[:3]}"))
    print(table(rows, ("measure", "time", "vs target")))


if __name__ == "__main__":
    main()
