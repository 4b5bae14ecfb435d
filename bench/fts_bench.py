"""What the full-text index (migration 6: FTS5 trigram) costs a first import, and what it
buys `cards --query`.

    .venv/bin/python bench/fts_bench.py [--books 100] [--per-book 100] [--repeat 3]

Imports the generated library of import_bench.py in this process (so only the import is
timed, not the start-up) into fresh decks, the variants taking turns: with no index work
at all (what an import cost before migration 6), as shipped (new cards indexed by one
INSERT ... SELECT after the import, deck/fts.py), and with an AFTER INSERT trigger that
indexes each card as it is written (the sqlite-utils enable_fts way, rejected). Then times
a substring search through the index against the LIKE scan it replaced.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from _common import table
from import_bench import generate

PER_ROW_TRIGGER = """CREATE TRIGGER cards_ai AFTER INSERT ON cards BEGIN
  INSERT INTO cards_fts (rowid, front, back) VALUES (new.rowid, new.front, new.back);
END"""
VARIANTS = ("no index", "shipped", "trigger per row")


class _NO_INDEX:  # noqa: N801 - stands in for the studykit.deck.fts module
    @staticmethod
    def catch_up(deck) -> int:
        return 0


def _import(folder: Path, db: Path, variant: str) -> float:
    from studykit import importer
    from studykit.deck import Deck, fts

    importer.fts = _NO_INDEX if variant == "no index" else fts
    with Deck(db) as deck:
        if variant == "trigger per row":
            deck.conn.execute(PER_ROW_TRIGGER)
        started = time.perf_counter()
        importer.import_paths(deck, [folder])
        seconds = time.perf_counter() - started
        if variant != "no index":
            assert not fts.behind(deck.conn)
    return seconds


def _search(db: Path, query: str, runs: int = 20) -> tuple[float, float, int]:
    import sqlite3

    conn = sqlite3.connect(db)
    fts = ("SELECT COUNT(*) FROM cards WHERE rowid IN "
           "(SELECT rowid FROM cards_fts WHERE cards_fts MATCH ?)", (f'"{query}"',))
    like = ("SELECT COUNT(*) FROM cards WHERE front LIKE ? OR back LIKE ?",
            (f"%{query}%", f"%{query}%"))
    timings = []
    for sql, args in (fts, like):
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            found = conn.execute(sql, args).fetchone()[0]
            samples.append(time.perf_counter() - started)
        timings.append((statistics.median(samples), found))
    assert timings[0][1] == timings[1][1], timings  # the index finds what LIKE finds
    return timings[0][0], timings[1][0], timings[0][1]


def measure(books: int = 100, per_book: int = 100, repeat: int = 3) -> dict:
    variants = VARIANTS
    samples: dict[str, list[float]] = {v: [] for v in variants}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "library"
        folder.mkdir()
        generate(folder, books, per_book)
        for round_ in range(repeat):
            for variant in variants:  # taking turns: machine drift weighs on all alike
                samples[variant].append(_import(folder, Path(tmp) / f"{variant}{round_}.db",
                                                variant))
        search = _search(Path(tmp) / "shipped0.db", "反向传播")
    return {"highlights": books * per_book,
            **{v: statistics.median(s) for v, s in samples.items()}, "search": search}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--books", type=int, default=100)
    parser.add_argument("--per-book", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    r = measure(args.books, args.per_book, args.repeat)
    base = r["no index"]
    rows = [(v, f"{r[v]:.2f} s", f"{r[v] / base:.2f}x") for v in VARIANTS]
    print(f"first import of {r['highlights']:,} highlights, in process, median of "
          f"{args.repeat}")
    print(table(rows, ("variant", "time", "vs no index")))
    fts, like, found = r["search"]
    print(f"\n'反向传播' in front or back ({found:,} cards): index {fts * 1000:.2f} ms, "
          f"LIKE scan {like * 1000:.2f} ms ({like / fts:.0f}x)")


if __name__ == "__main__":
    main()
