"""Catalog invariants, and how much each check catches.

    python -m studykit.grading.devcheck [--info info.yaml] [TOPIC|ID ...]
    python -m studykit.grading.devcheck --mutants [--sample N] [TOPIC|ID ...]

Without ``--mutants``: grades each exercise's reference (must pass), starter (must not
pass) and variants (``exercises/variants/<topic>/<slug>/wrong_*.py`` must not pass,
``right_*.py`` must pass) in one warm worker; one line per exercise; exit 1 when an
invariant is broken.

With ``--mutants``: grades every systematic mutant of each reference
(:mod:`studykit.grading.mutants`) and reports per exercise how many the check kills.
A survivor must be listed, with the reason it is equivalent, in ``exercises/mutants.yaml``;
exit 1 when one is not (or when a listed one no longer survives: the list is stale).
``--sample N`` takes N exercises spread over the reviewed ones (``reviewed:`` in
``exercises/mutants.yaml``; what CI runs).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from studykit.exercises.catalog import Exercise, catalog_root, load_catalog
from studykit.grading.client import Worker
from studykit.grading.mutants import generate, load_equivalents, load_reviewed

MUTANTS_FILE = "mutants.yaml"


def variants(exercise: Exercise) -> list[Path]:
    folder = exercise.root / "variants" / exercise.topic / exercise.slug
    return sorted(folder.glob("wrong_*.py")) + sorted(folder.glob("right_*.py"))


def check_catalog(exercises, worker: Worker) -> list[str]:
    """Problems found (empty when every starter and wrong variant fails and every
    reference and right variant passes)."""
    problems = []
    for ex in exercises:
        missing = [p for p in (ex.starter, ex.solution, ex.check) if not p.exists()]
        if missing:
            problems += [f"{ex.id}: missing {p}" for p in missing]
            continue
        if "TODO" not in ex.starter.read_text("utf-8"):
            problems.append(f"{ex.id}: the starter has no TODO")
        ref = worker.grade(ex, ex.solution)
        if ref["status"] != "pass":
            problems.append(f"{ex.id}: reference {ref['status']}: {_first_problem(ref)}")
        start = worker.grade(ex, ex.starter)
        if start["status"] == "pass":
            problems.append(f"{ex.id}: the starter passes as shipped")
        problems += _check_variants(ex, worker)
        print(f"{ex.id:45} reference {ref['status']:7} {ref['seconds']:6.2f}s  "
              f"starter {start['status']:7} {start['seconds']:6.2f}s", flush=True)
    return problems


def _check_variants(ex: Exercise, worker: Worker) -> list[str]:
    problems = []
    for path in variants(ex):
        verdict = worker.grade(ex, path)
        should_pass = path.name.startswith("right_")
        if (verdict["status"] == "pass") != should_pass:
            problems.append(f"{ex.id}: variant {path.name} {verdict['status']}"
                            + (f": {_first_problem(verdict)}" if should_pass else
                               " (a wrong solution passes)"))
    return problems


def _first_problem(verdict: dict) -> str:
    for test in verdict["tests"]:
        if test["status"] != "pass":
            return f"{test['name']}: {test['message']}"[:400]
    return ""


@dataclass
class MutantReport:
    exercise: str
    total: int = 0
    killed: int = 0
    equivalent: list[tuple[str, str]] = field(default_factory=list)  # (key, why)
    unexplained: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # listed but killed or gone


def mutation_score(ex: Exercise, worker: Worker, listed: dict[str, str],
                   scratch: Path) -> MutantReport:
    report = MutantReport(ex.id)
    survivors = set()
    for mutant in generate(ex.solution.read_text("utf-8"), ex.starter.read_text("utf-8")):
        path = scratch / ex.topic / f"{ex.slug}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(mutant.source, "utf-8")
        report.total += 1
        if worker.grade(ex, path)["status"] == "pass":
            survivors.add(mutant.key)
            if mutant.key in listed:
                report.equivalent.append((mutant.key, listed[mutant.key]))
            else:
                report.unexplained.append(f"line {mutant.line}: {mutant.key}")
        else:
            report.killed += 1
    report.stale = sorted(set(listed) - survivors)
    return report


def sample(exercises, n: int) -> list[Exercise]:
    """``n`` exercises spread evenly over the catalog (deterministic)."""
    if n >= len(exercises):
        return list(exercises)
    step = len(exercises) / n
    return [exercises[int(i * step)] for i in range(n)]


def run_mutants(exercises, worker: Worker, root: Path) -> tuple[list[MutantReport], list[str]]:
    listed = load_equivalents(root / MUTANTS_FILE)
    reports, problems = [], []
    with tempfile.TemporaryDirectory(prefix="studykit-mutants-") as scratch:
        for ex in exercises:
            report = mutation_score(ex, worker, listed.get(ex.id, {}), Path(scratch))
            reports.append(report)
            print(f"{ex.id:45} killed {report.killed:3}/{report.total:<3} "
                  f"equivalent {len(report.equivalent)}", flush=True)
            for key in report.unexplained:
                print(f"    SURVIVOR {key}", flush=True)
                problems.append(f"{ex.id}: mutant survives and is not listed as "
                                f"equivalent: {key}")
            for key in report.stale:
                problems.append(f"{ex.id}: {MUTANTS_FILE} lists {key!r}, which no longer "
                                "survives: remove it")
    return reports, problems


def summary(reports: list[MutantReport]) -> str:
    total = sum(r.total for r in reports)
    killed = sum(r.killed for r in reports)
    equivalent = sum(len(r.equivalent) for r in reports)
    percent = 100 * killed / total if total else 100.0
    return (f"mutants: {killed} of {total} killed ({percent:.1f}%), {equivalent} equivalent "
            f"(listed in {MUTANTS_FILE}), "
            f"{sum(len(r.unexplained) for r in reports)} unexplained")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--info", default="info.yaml", help="metadata file in exercises/")
    parser.add_argument("--mutants", action="store_true", help="mutation-test the checks")
    parser.add_argument("--sample", type=int, help="only N exercises spread over the catalog")
    parser.add_argument("ids", nargs="*", help="exercise ids or topics (default: all)")
    args = parser.parse_args()
    root = catalog_root()
    exercises = list(load_catalog(root, args.info))
    if args.ids:
        exercises = [e for e in exercises if e.id in args.ids or e.topic in args.ids]
    if args.sample:  # from the reviewed exercises: CI must not fail on one not reviewed yet
        reviewed = load_reviewed(root / MUTANTS_FILE)
        exercises = sample([e for e in exercises if e.id in reviewed], args.sample)
    started = time.monotonic()
    with Worker() as worker:
        if args.mutants:
            reports, problems = run_mutants(exercises, worker, root)
            print(summary(reports))
        else:
            problems = check_catalog(exercises, worker)
    print(f"{len(exercises)} exercises in {time.monotonic() - started:.1f}s")
    for problem in problems:
        print("PROBLEM", problem)
    sys.exit(1 if problems else 0)



if __name__ == "__main__":
    main()
