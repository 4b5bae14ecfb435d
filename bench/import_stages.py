"""Where a first import's time goes: CPU µs per highlight of each stage, in one process.

    .venv/bin/python bench/import_stages.py [--books 100] [--per-book 100] [--repeat 3]
    .venv/bin/python bench/import_stages.py --against OLD [--rounds 3]

Runs the stages of `studykit import` one after the other over a generated WeRead library
(the sentences of import_bench.py), each over every file before the next starts, and
prints the CPU time of each per highlight (best of ``--repeat``):

- read: reading and hashing the files (the main process);
- parse: decoding and parsing them into books (a worker);
- cards: the junk test and card generation (a worker);
- link: linking each highlight with cards to an exercise (a worker);
- rows: the rest of ``importer.prepare`` (content hashes, highlight and card rows);
- move: pickling the prepared files and unpickling them (worker -> main process);
- write: writing them into a new deck, one transaction per file (the main process);
- index: the full-text index catch-up after the last file (the main process).

On two cores the import runs read, write and index in the main process while workers do
parse .. move, so its wall time is about the larger of the two sums, plus start-up.
``--against OLD`` runs this script with the ``studykit`` package in OLD (a folder, e.g.
``git archive BASE studykit | tar -x -C OLD``) and with this one, taking turns.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, table
from import_bench import generate

STAGES = ("read", "parse", "cards", "link", "rows", "move", "write", "index")


def measure(folder: Path, db: Path) -> tuple[dict[str, float], int, int]:
    """CPU seconds per stage, highlights, cards."""
    from studykit import importer
    from studykit.deck import Deck, fts
    from studykit.exercises.links import get_index
    from studykit.sources import parse_text
    from studykit.sources.normalize import decode

    clock = time.process_time
    spent = dict.fromkeys(STAGES, 0.0)
    index = get_index()
    with Deck(db) as deck:
        files = importer.collect_files([folder])
        started = clock()
        jobs = [importer._triage(deck, f, {}, "2024-01-01T00:00:00Z") for f in files]
        spent["read"] = clock() - started

        started = clock()
        books = [parse_text(decode(j.data, j.key), j.path.name) for j in jobs]
        spent["parse"] = clock() - started
        highlights = [h for bs in books for b in bs for h in b.highlights]

        started = clock()
        specs = [importer._specs(h) for h in highlights]
        spent["cards"] = clock() - started

        started = clock()
        for h, made in zip(highlights, specs, strict=True):
            if made:
                index.link(h.text, h.chapter)
        spent["link"] = clock() - started

        started = clock()
        prepared = [importer.prepare(j) for j in jobs]
        whole = clock() - started
        spent["rows"] = whole - spent["parse"] - spent["cards"] - spent["link"]

        started = clock()
        moved = [pickle.loads(pickle.dumps(p, pickle.HIGHEST_PROTOCOL)) for p in prepared]
        spent["move"] = clock() - started

        started = clock()
        results = [importer.write_prepared(deck, p) for p in moved]
        spent["write"] = clock() - started
        started = clock()
        fts.catch_up(deck)
        spent["index"] = clock() - started
        assert all(r.status == "imported" for r in results), results[0]
        cards = deck.conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
    return spent, len(highlights), cards


def best_of(books: int, per_book: int, repeat: int) -> tuple[dict[str, float], int, int]:
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "library"
        folder.mkdir()
        generate(folder, books, per_book)
        for n in range(repeat):
            runs.append(measure(folder, Path(tmp) / f"deck{n}.db"))
    best = {stage: min(r[0][stage] for r in runs) for stage in STAGES}
    return best, runs[0][1], runs[0][2]


def report(books: int, per_book: int, repeat: int) -> None:
    spent, highlights, cards = best_of(books, per_book, repeat)
    us = {stage: spent[stage] / highlights * 1e6 for stage in STAGES}
    worker = sum(us[s] for s in ("parse", "cards", "link", "rows", "move"))
    main_process = sum(us[s] for s in ("read", "write", "index"))
    rows = [(stage, f"{us[stage]:.1f}") for stage in STAGES]
    rows += [("worker side (parse..move)", f"{worker:.1f}"),
             ("main process (read, write, index)", f"{main_process:.1f}"),
             ("total", f"{worker + main_process:.1f}")]
    print(table(rows, ("stage", "CPU µs per highlight")))
    import studykit

    print(f"{highlights:,} highlights, {cards:,} cards; best of {repeat}; "
          f"studykit from {Path(studykit.__file__).parent}")


def against(old: Path, rounds: int, argv: list[str]) -> None:
    """This tree and the ``studykit`` package in ``old``, taking turns."""
    figures: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    for _ in range(rounds):
        for name, path in (("old", str(old)), ("new", "")):
            env = dict(os.environ, STUDYKIT_EXERCISES=str(REPO / "exercises"))
            if path:  # both link to this catalog
                env["PYTHONPATH"] = path
            out = subprocess.run([sys.executable, __file__, *argv], capture_output=True,
                                 text=True, env=env, check=True).stdout
            found = dict(re.findall(r"^(\w[\w .(),]*?)\s{2,}(-?[\d.]+)\s*$", out, re.MULTILINE))
            figures[name].append({k: float(v) for k, v in found.items()})
    keys = [*STAGES, "worker side (parse..move)", "main process (read, write, index)", "total"]
    rows = []
    for key in keys:
        old_us = statistics.median(f[key] for f in figures["old"])
        new_us = statistics.median(f[key] for f in figures["new"])
        rows.append((key, f"{old_us:.1f}", f"{new_us:.1f}",
                     f"{new_us / old_us:.2f}" if old_us else "-"))
    print(table(rows, ("stage", "old µs", "new µs", "new/old")))
    print(f"medians of {rounds} turns each")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--books", type=int, default=100)
    parser.add_argument("--per-book", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.against:
        against(args.against, args.rounds, ["--books", str(args.books), "--per-book",
                                            str(args.per_book), "--repeat", str(args.repeat)])
        return
    report(args.books, args.per_book, args.repeat)


if __name__ == "__main__":
    main()
