"""Review speed on a 100,000-card / 1,000,000-log deck.

    .venv/bin/python bench/review_bench.py [--cards N] [--logs N]

Targets: `studykit review` shows the first card in <= 0.5 s; answering a card and
getting the next <= 10 ms (measured inside the process, excluding the human).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _common import BIN, table
from deckgen import build_deck


def first_card_seconds(db: Path, runs: int = 5) -> float:
    """Wall time from starting `studykit review` until the first card is printed."""
    samples = []
    env = dict(os.environ, COLUMNS="100")
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen([str(BIN / "studykit"), "review", "--db", str(db)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                env=env)
        for line in proc.stdout:
            if "Space to reveal" in line:
                break
        samples.append(time.perf_counter() - started)
        proc.communicate("q\n")
    return statistics.median(samples)


def answer_latencies(db: Path, answers: int = 300) -> list[float]:
    from studykit.config import Config
    from studykit.deck import Deck
    from studykit.review import ReviewSession

    config = Config(new_per_day=answers, reviews_per_day=answers)
    latencies = []
    with Deck(db) as deck:
        session = ReviewSession(deck, config)
        card = session.next_card()
        for i in range(answers):
            started = time.perf_counter()
            session.answer(card, 3 if i % 7 else 1)
            card = session.next_card()
            latencies.append(time.perf_counter() - started)
            if card is None:
                break
    return latencies


def measure(cards: int = 100_000, logs: int = 1_000_000) -> dict:
    """Seconds to the first card; answer-and-next latencies (sorted); deck build time."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "deck.db"
        started = time.perf_counter()
        build_deck(db, cards, logs)
        built_s = time.perf_counter() - started
        first = first_card_seconds(db)
        latencies = sorted(answer_latencies(db))
    return {"built_s": built_s, "first_s": first, "latencies": latencies,
            "p50_ms": statistics.median(latencies) * 1000,
            "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--logs", type=int, default=1_000_000)
    args = parser.parse_args()
    figures = measure(args.cards, args.logs)
    print(f"built {args.cards:,} cards / {args.logs:,} log rows in {figures['built_s']:.1f} s")
    first, lat = figures["first_s"], figures["latencies"]
    p50, p95 = figures["p50_ms"], figures["p95_ms"]
    print(table([
        ("first card of `studykit review`", f"{first:.2f} s",
         f"<= 0.5 s ({'met' if first <= 0.5 else 'NOT met'})"),
        (f"answer + next card (median of {len(lat)})", f"{p50:.1f} ms",
         f"<= 10 ms ({'met' if p50 <= 10 else 'NOT met'})"),
        ("answer + next card (95th percentile)", f"{p95:.1f} ms", ""),
    ], ("measure", "figure", "target")))


if __name__ == "__main__":
    main()
