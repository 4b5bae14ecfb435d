"""How well highlights link to exercises, on the labeled set; and how fast.

    .venv/bin/python bench/link_accuracy.py [--misses]

tests/fixtures/links/labels.tsv names highlights of the sample notes (highlights/) and of
the real seed notes (../shared/seeds, skipped when absent) by source file and highlight
id, with the topics an exercise linked to them may have. Prints the share linked to an
exercise of an acceptable topic, overall and per labeled topic (the first listed), the
confusion of the misses (labeled topic -> linked topic; --misses lists them), then the
index build time and the microseconds per highlight of linking (labeled highlights and
the import benchmark's generated sentences). Target: accuracy >= 0.85, <= ~10 us.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from _common import REPO, table

from studykit.exercises import links as linking
from studykit.exercises.catalog import catalog_root, load_catalog
from studykit.sources import Highlight, parse_text
from studykit.sources.normalize import decode

LABELS = REPO / "tests" / "fixtures" / "links" / "labels.tsv"
SHARED = REPO.parent / "shared"  # labels' "seeds/..." sources live in SHARED / "seeds"
TARGET = 0.85


@dataclass
class Labeled:
    source: str
    key: str
    topics: tuple[str, ...]
    note: str
    highlight: Highlight | None  # None when the source is absent or has no such id


def read_labels(path: Path = LABELS) -> list[tuple[str, str, tuple[str, ...], str]]:
    """(source, key, acceptable topics, note) per row."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader((line for line in f if not line.startswith("#")),
                               delimiter="\t"))
    return [(s, k, tuple(t.split(",")), n) for s, k, t, n in rows[1:]]


def source_path(source: str) -> Path:
    return (SHARED if source.startswith("seeds/") else REPO) / source


def _highlights(path: Path) -> dict[str, Highlight]:
    if not path.is_file():
        return {}
    books = parse_text(decode(path.read_bytes(), str(path)), path.name)
    return {h.id: h for book in books for h in book.highlights}


def load_labeled(path: Path = LABELS) -> list[Labeled]:
    files: dict[str, dict[str, Highlight]] = {}
    rows = []
    for source, key, topics, note in read_labels(path):
        if source not in files:
            files[source] = _highlights(source_path(source))
        rows.append(Labeled(source, key, topics, note, files[source].get(key)))
    return rows


def linked_topics(rows: list[Labeled]) -> list[str]:
    index = linking.get_index()
    return [index.link(r.highlight.text, r.highlight.chapter).exercise_id for r in rows]


def accuracy_report(rows: list[Labeled], linked: list[str]) -> tuple[float, list]:
    per_topic: dict[str, list[int]] = {}
    misses = []
    for row, exercise in zip(rows, linked, strict=True):
        hit = exercise.split("/")[0] in row.topics
        per_topic.setdefault(row.topics[0], [0, 0])[0] += hit
        per_topic[row.topics[0]][1] += 1
        if not hit:
            misses.append((row, exercise))
    overall = 1 - len(misses) / len(rows)
    lines = [("all", len(rows), f"{overall:.3f}")]
    for folder in ("highlights/", "seeds/"):
        n = sum(r.source.startswith(folder) for r in rows)
        missed = sum(r.source.startswith(folder) for r, _ in misses)
        lines += [(f"  {folder}*", n, f"{1 - missed / n:.3f}")] if n else []
    lines += [(t, n, f"{ok / n:.3f}") for t, (ok, n) in sorted(per_topic.items())]
    print(table(lines, ("labeled topic", "highlights", "accuracy")))
    return overall, misses


def print_misses(misses: list, listed: bool) -> None:
    confusion = Counter((row.topics[0], exercise.split("/")[0]) for row, exercise in misses)
    print("\nmisses: labeled topic -> linked topic")
    print(table([(a, b, n) for (a, b), n in confusion.most_common()],
                ("labeled", "linked", "count")))
    if listed:
        print(table([(r.source.split("/")[-1][:16], r.key[:24], ",".join(r.topics), e,
                      r.highlight.text[:30].replace("\n", " ")) for r, e in misses],
                    ("source", "key", "acceptable", "linked", "text")))


def microseconds(items: list[tuple[str, str]], repeat: int = 5) -> float:
    index = linking.get_index()
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text, chapter in items:
            index.link(text, chapter)
        best = min(best, time.perf_counter() - started)
    return best / len(items) * 1e6


def speed_report(rows: list[Labeled]) -> None:
    from import_bench import sentence

    catalog = load_catalog(catalog_root())
    started = time.perf_counter()
    linking.build_index(catalog, catalog_root())
    build_ms = (time.perf_counter() - started) * 1000
    rng = random.Random(7)
    generated = [(sentence(rng), f"第{i // 20 + 1}章") for i in range(20_000)]
    labeled = [(r.highlight.text, r.highlight.chapter) for r in rows] * 20
    print(table([
        ("index build (catalog loaded)", f"{build_ms:.0f} ms", "once per process"),
        ("link, labeled highlights", f"{microseconds(labeled):.1f} us", "per highlight"),
        ("link, import_bench sentences", f"{microseconds(generated):.1f} us", "per highlight"),
    ], ("step", "time", "")))


def main() -> float:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true", help="List every miss.")
    args = parser.parse_args()
    every = load_labeled()
    rows = [r for r in every if r.highlight is not None]
    print(f"{len(rows)} labeled highlights ({len(every) - len(rows)} skipped: source absent"
          f" or id not found)\n")
    overall, misses = accuracy_report(rows, linked_topics(rows))
    print(f"target >= {TARGET}: {'met' if overall >= TARGET else 'NOT met'}")
    print_misses(misses, args.misses)
    print()
    speed_report(rows)
    return overall


if __name__ == "__main__":
    main()
