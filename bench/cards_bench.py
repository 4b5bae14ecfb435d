"""Card generation speed and cloze coverage on the sample notes and the real seed notes.

    .venv/bin/python bench/cards_bench.py [--total 50000] [--repeat 5]
    .venv/bin/python bench/cards_bench.py --against OLD [--rounds 3]

``--against OLD`` times another version of the generator against this one, taking turns in
child processes (the machine's speed drifts; turns share the drift): OLD is a folder
holding an older ``studykit`` package, e.g. ``git archive 3ab0631 studykit | tar -x -C OLD``.

Generates cards for every highlight in highlights/ and ../shared/seeds (when present),
cycling through them until ``--total`` highlights were generated, and prints:

- the one-off cost of loading the segmenter (rjieba; only paid when some highlight needs it);
- microseconds per highlight (best of ``--repeat`` runs), overall and for the highlights
  that have a cheap span (API name, English term, number, defined term);
- cloze coverage: the share of non-junk highlights (those that make a card) with at least
  one cloze card, overall and among text highlights (code blocks get shape/code cards),
  for the sample notes and for the seeds, and how many highlights needed the segmenter.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from _common import REPO, table

from studykit.cards import keywords
from studykit.cards.generate import generate_cards
from studykit.cards.junk import is_junk
from studykit.cards.spans import find_spans
from studykit.sources import parse_text
from studykit.sources.normalize import decode

SEEDS = REPO.parent / "shared" / "seeds"


def load(folder: Path, pattern: str) -> list[tuple[str, str, str | None, str]]:
    highlights = []
    for path in sorted(folder.glob(pattern)):
        for book in parse_text(decode(path.read_bytes(), str(path)), path.name):
            highlights += [(h.text, h.kind, h.note, h.chapter) for h in book.highlights
                           if not is_junk(h.text, h.kind)]
    return highlights


def coverage(highlights: list) -> dict:
    """Over the highlights that make a card (the importer's non-junk): how many have a
    cloze card, overall and among text highlights (a code block gets shape/code cards)."""
    kinds: Counter = Counter()
    carded = clozed = text_carded = text_clozed = 0
    for text, kind, note, chapter in highlights:
        cards = generate_cards(text, kind=kind, note=note, chapter=chapter)
        if not cards:
            continue
        has_cloze = any(c.kind == "cloze" for c in cards)
        kinds.update(c.kind for c in cards)
        carded += 1
        clozed += has_cloze
        text_carded += kind == "text"
        text_clozed += kind == "text" and has_cloze
    return {"highlights": carded, "clozed": clozed, "text": text_carded,
            "text_clozed": text_clozed, "kinds": kinds}


def time_per_highlight(highlights: list, total: int, repeat: int) -> float:
    """Best of ``repeat`` runs, in CPU time (a shared machine's other load does not count)."""
    work = (highlights * (total // max(len(highlights), 1) + 1))[:total]
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for text, kind, note, chapter in work:
            generate_cards(text, kind=kind, note=note, chapter=chapter)
        best = min(best, time.process_time() - started)
    return best / len(work) * 1e6


def against(old: Path, rounds: int, total: int, repeat: int) -> None:
    """This generator and the one in ``old``, taking turns: µs per highlight, each round."""
    times: dict[str, list[float]] = {"old": [], "new": []}
    argv = [sys.executable, __file__, "--total", str(total), "--repeat", str(repeat)]
    for _ in range(rounds):
        for name, path in (("old", str(old)), ("new", "")):
            env = dict(os.environ, PYTHONPATH=path) if path else dict(os.environ)
            out = subprocess.run(argv, capture_output=True, text=True, env=env, check=True).stdout
            times[name].append(float(re.search(r"([\d.]+) µs per highlight", out)[1]))
        print(f"old {times['old'][-1]:.1f} µs, new {times['new'][-1]:.1f} µs per highlight")
    old_us, new_us = statistics.median(times["old"]), statistics.median(times["new"])
    print(f"median of {rounds}: old {old_us:.1f} µs, new {new_us:.1f} µs per highlight "
          f"(new/old {new_us / old_us:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--against", type=Path, help="a folder holding an older studykit "
                        "package: time both, taking turns")
    parser.add_argument("--rounds", type=int, default=3, help="with --against: turns each")
    options = parser.parse_args()
    if options.against:
        against(options.against, options.rounds, options.total, options.repeat)
        return

    samples = load(REPO / "highlights", "*")
    seeds = load(SEEDS, "0*.txt") if SEEDS.is_dir() else []
    everything = samples + seeds

    calls = Counter()
    real_keywords = keywords.keywords

    def counting(text: str, limit: int = 3) -> list[str]:
        calls[text] += 1
        return real_keywords(text, limit)

    started = time.perf_counter()
    keywords.segmenter()
    jieba_load = time.perf_counter() - started
    keywords.keywords = counting
    rows = []
    for name, group in (("sample notes", samples), ("seeds", seeds)):
        if group:
            c = coverage(group)
            rows.append((name, c["highlights"], f"{c['clozed'] / c['highlights']:.1%}",
                         f"{c['text_clozed'] / c['text']:.1%} of {c['text']}",
                         " ".join(f"{k}={n}" for k, n in sorted(c["kinds"].items()))))
    needing_jieba = len(calls)
    keywords.keywords = real_keywords

    cheap = [h for h in everything if h[1] == "text" and find_spans(h[0])]
    overall = time_per_highlight(everything, options.total, options.repeat)
    cheap_us = time_per_highlight(cheap, options.total, options.repeat)
    print(table(rows, ("notes", "highlights with cards", "cloze coverage", "of text highlights",
                       "cards by kind")))
    print()
    print(f"segmenter load (once, lazily): {jieba_load:.2f} s; highlights that needed it: "
          f"{needing_jieba} of {len(everything)}")
    print(f"{options.total} highlights: {overall:.1f} µs per highlight "
          f"({overall * options.total / 1e6:.2f} s in all, segmenter loaded)")
    print(f"highlights with an API/English/number/defined span: {cheap_us:.1f} µs each")


if __name__ == "__main__":
    main()
