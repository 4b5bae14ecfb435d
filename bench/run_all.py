"""Every benchmark in one run, side by side with its reference, as one table.

    .venv/bin/python bench/run_all.py [--quick] [--no-suite]     (or: make bench)

- first import of a generated 50,000-highlight WeRead library vs Anki's own CSV importer
  on as many notes (the `anki` package; that column is skipped when it is missing), and
  the unchanged re-import vs Anki's duplicate pass (import_bench.py, anki_import.py), each
  pair run --repeat times (default 3), medians shown;
- `studykit --help` vs `python -c "import typer"` (startup.py);
- the first card of `studykit review` and answer-and-next latency on a 100,000-card /
  1,000,000-log deck (review_bench.py);
- a cold `studykit exercise check` vs `python -c "import torch"`, and a warm re-check
  (grading_bench.py);
- the whole test suite (`pytest -q`), unless --no-suite.

--quick shrinks the sizes tenfold for a smoke run; its ratios are not the targets'.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sqlite3
import statistics
import subprocess
import sys
import time

import anki_import
import grading_bench
import import_bench
import review_bench
import startup
from _common import REPO, table


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def import_rows(books: int, repeat: int) -> list[tuple]:
    """studykit's and Anki's imports, alternately ``repeat`` times (this machine's speed
    drifts by tens of percent within minutes): the medians, and the median of the ratios
    taken pair by pair."""
    pairs = []
    for _ in range(repeat):
        ours = import_bench.measure(books, 100)
        pairs.append((ours, anki_import.measure(ours["highlights"])))
    ours = {key: statistics.median(p[0][key] for p in pairs)
            for key in ("first_s", "rate", "reimport_s", "grown_s")}
    n, cards = f"{pairs[0][0]['highlights']:,}", f"{pairs[0][0]['cards']:,}"
    first = (f"first import, {n} highlights ({cards} cards)",
             f"{ours['first_s']:.2f} s = {ours['rate']:,.0f}/s")
    again = (f"unchanged re-import, {n}", f"{ours['reimport_s']:.2f} s")
    grown = ("re-import, one highlight added to one book", f"{ours['grown_s']:.2f} s", "", "",
             "", "")
    if pairs[0][1] is None:
        return [first + ("Anki: not installed", "-", ">= 1.0x", "skipped"),
                again + ("Anki: not installed", "-", "<= 1.0x", "skipped"), grown]
    anki = {key: statistics.median(p[1][key] for p in pairs)
            for key in ("first_s", "rate", "reimport_s")}
    rate_ratio = statistics.median(p[0]["rate"] / p[1]["rate"] for p in pairs)
    time_ratio = statistics.median(p[0]["reimport_s"] / p[1]["reimport_s"] for p in pairs)
    return [first + (f"Anki CSV {anki['first_s']:.2f} s = {anki['rate']:,.0f}/s",
                     f"{rate_ratio:.2f}x rate", ">= 1.0x", verdict(rate_ratio >= 1.0)),
            again + (f"Anki duplicates {anki['reimport_s']:.2f} s", f"{time_ratio:.2f}x time",
                     "<= 1.0x", verdict(time_ratio <= 1.0)),
            grown]


def startup_row() -> tuple:
    figures = startup.measure()
    ratio = figures["help_s"] / figures["typer_s"]
    return ("studykit --help", f"{figures['help_s'] * 1000:.0f} ms",
            f"import typer {figures['typer_s'] * 1000:.0f} ms", f"{ratio:.2f}x", "<= 1.3x",
            verdict(ratio <= 1.3))


def review_rows(cards: int, logs: int) -> list[tuple]:
    figures = review_bench.measure(cards, logs)
    deck = f"{cards:,} cards / {logs:,} logs"
    return [(f"review: first card ({deck})", f"{figures['first_s']:.2f} s", "", "", "<= 0.5 s",
             verdict(figures["first_s"] <= 0.5)),
            ("review: answer + next card", f"{figures['p50_ms']:.1f} ms median",
             f"95th pct {figures['p95_ms']:.1f} ms", "", "<= 10 ms",
             verdict(figures["p50_ms"] <= 10))]


def grading_rows() -> list[tuple]:
    figures = grading_bench.measure()
    torch_s, cold_s = figures["torch_s"], figures["cold_s"]
    limit = 1.3 * torch_s + 1.0
    return [("exercise check, cold", f"{cold_s:.2f} s", f"import torch {torch_s:.2f} s",
             f"{cold_s / torch_s:.2f}x", f"<= {limit:.2f} s (1.3x + 1 s)",
             verdict(cold_s <= limit)),
            ("exercise check, warm re-check", f"{figures['warm_s']:.3f} s", "", "", "<= 0.3 s",
             verdict(figures["warm_s"] <= 0.3))]


def suite_row() -> tuple:
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                         cwd=REPO, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else "no output"
    passed = re.search(r"(\d+) passed", summary)
    counted = f"{passed.group(1)} passed" if passed else summary
    return ("test suite (pytest -q)", f"{seconds:.0f} s", counted, "", "< 300 s",
            verdict(run.returncode == 0 and seconds < 300))


def machine() -> str:
    versions = [f"Python {platform.python_version()}", f"SQLite {sqlite3.sqlite_version}",
                f"{os.cpu_count()} CPUs"]
    if anki_import.available():
        from importlib.metadata import version

        versions.append(f"anki {version('anki')}")
    return ", ".join(versions)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="tenfold smaller sizes")
    parser.add_argument("--no-suite", action="store_true", help="skip the test suite")
    parser.add_argument("--repeat", type=int, default=3,
                        help="import runs (each studykit then Anki); medians are shown")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    rows = import_rows(500 // scale, args.repeat)
    rows.append(startup_row())
    rows += review_rows(100_000 // scale, 1_000_000 // scale)
    rows += grading_rows()
    if not args.no_suite:
        rows.append(suite_row())
    print(machine())
    print(table(rows, ("measure", "studykit", "reference", "ratio", "target", "")))


if __name__ == "__main__":
    main()
