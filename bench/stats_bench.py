"""`studykit stats` on a 100,000-card deck with 1,000,000 answers (target: <= 1 s).

    .venv/bin/python bench/stats_bench.py [--cards 100000] [--logs 1000000] [--deck PATH]

Builds the deck with deckgen (about 30 s; --deck PATH keeps it there and reuses it on the
next run), then prints the median wall time of `studykit stats --json` end to end, the
same command on an empty deck (start-up and argument parsing alone), and compute_stats
in-process, whole and by part (with CPU time: wall time on a busy machine runs long).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from _common import BIN, REPO, table
from deckgen import build_deck

TARGET_S = 1.0
RUNS = 7
BOOT = "import studykit.cli.stats_commands; from studykit.cli import main; main()"


def stats_argv(db: Path) -> list[str]:
    """The real entry point, or the same main() with the commands imported by hand while
    studykit/cli/__init__.py does not register them yet."""
    registered = "stats_commands" in (REPO / "studykit/cli/__init__.py").read_text("utf-8")
    head = [str(BIN / "studykit")] if registered else [sys.executable, "-c", BOOT]
    return [*head, "stats", "--json", "--db", str(db)]


def end_to_end(argv: list[str], runs: int = RUNS) -> tuple[float, float]:
    """Median wall and CPU (user + system) seconds of a command, after one warm-up."""
    def once() -> None:
        subprocess.run(argv, capture_output=True, check=True)

    once()
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        once()
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def in_process(db: Path) -> list[tuple]:
    """(part, median wall s, median CPU s) for compute_stats and each of its parts."""
    from studykit import stats
    from studykit.config import load_config
    from studykit.deck import Deck

    config, now = load_config(), datetime.now(timezone.utc)
    with Deck(db) as deck:
        conn = deck.conn
        days = stats._Days(now, config)
        heatmap = stats._heatmap(conn, days)
        parts = [("compute_stats", lambda: stats.compute_stats(conn, now, config)),
                 ("  counts by state", lambda: stats._card_counts(conn)),
                 ("  forecast", lambda: stats._forecast(conn, days)),
                 ("  heatmap", lambda: stats._heatmap(conn, days)),
                 ("  true retention", lambda: stats._true_retention(conn, days)),
                 ("  streak", lambda: stats._streak(conn, days, heatmap))]
        return [(name, *_median_times(call)) for name, call in parts]


def _median_times(call, runs: int = RUNS) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--logs", type=int, default=1_000_000)
    parser.add_argument("--deck", type=Path, help="build here once and reuse afterwards")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["STUDYKIT_HOME"] = tmp  # default settings, no user config
        db = args.deck or Path(tmp) / "deck.db"
        if not db.exists():
            started = time.perf_counter()
            build_deck(db, args.cards, args.logs)
            print(f"built {db} ({args.cards:,} cards, {args.logs:,} answers) in "
                  f"{time.perf_counter() - started:.0f} s")
        full = end_to_end(stats_argv(db))
        empty = end_to_end(stats_argv(Path(tmp) / "empty.db"))
        parts = in_process(db)
    verdict = "met" if full[0] <= TARGET_S else "NOT met"
    rows = [("studykit stats --json", f"{full[0]:.3f} s", f"{full[1]:.3f} s",
             f"{verdict} (<= {TARGET_S} s)"),
            ("  same, empty deck", f"{empty[0]:.3f} s", f"{empty[1]:.3f} s",
             "start-up and argument parsing")]
    rows += [(name, f"{wall:.3f} s", f"{cpu:.3f} s", "in-process") for name, wall, cpu in parts]
    print(table(rows, ("what", "median wall", "CPU", "note")))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return {"stats_s": full[0], "stats_cpu_s": full[1], "empty_s": empty[0],
            "compute_stats_s": parts[0][1]}


if __name__ == "__main__":
    main()
