"""Catalog invariant: every starter fails and every reference passes.

    python -m studykit.grading.devcheck [--info info.yaml] [ID ...]

Grades each exercise's reference (must pass) and starter (must not pass) in one warm
worker and prints one line per file; exits 1 when an invariant is broken.
"""

from __future__ import annotations

import argparse
import sys
import time

from studykit.exercises.catalog import catalog_root, load_catalog
from studykit.grading.client import Worker


def check_catalog(exercises, worker: Worker) -> list[str]:
    """Problems found (empty when every starter fails and every reference passes)."""
    problems = []
    for ex in exercises:
        for missing in (p for p in (ex.starter, ex.solution, ex.check) if not p.exists()):
            problems.append(f"{ex.id}: missing {missing}")
        if problems and problems[-1].startswith(ex.id):
            continue
        if "TODO" not in ex.starter.read_text("utf-8"):
            problems.append(f"{ex.id}: the starter has no TODO")
        ref = worker.grade(ex, ex.solution)
        if ref["status"] != "pass":
            problems.append(f"{ex.id}: reference {ref['status']}: {_first_problem(ref)}")
        start = worker.grade(ex, ex.starter)
        if start["status"] == "pass":
            problems.append(f"{ex.id}: the starter passes as shipped")
        print(f"{ex.id:45} reference {ref['status']:7} {ref['seconds']:6.2f}s  "
              f"starter {start['status']:7} {start['seconds']:6.2f}s", flush=True)
    return problems


def _first_problem(verdict: dict) -> str:
    for test in verdict["tests"]:
        if test["status"] != "pass":
            return f"{test['name']}: {test['message']}"[:400]
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--info", default="info.yaml", help="metadata file in exercises/")
    parser.add_argument("ids", nargs="*")
    args = parser.parse_args()
    exercises = load_catalog(catalog_root(), args.info)
    if args.ids:
        exercises = [e for e in exercises if e.id in args.ids or e.topic in args.ids]
    started = time.monotonic()
    with Worker() as worker:
        problems = check_catalog(exercises, worker)
    print(f"{len(exercises)} exercises in {time.monotonic() - started:.1f}s")
    for problem in problems:
        print("PROBLEM", problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
