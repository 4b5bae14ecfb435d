"""How well highlights link to exercises, on the labeled set; and how fast.

    .venv/bin/python bench/link_accuracy.py [--misses] [--holdout] [--unseen]

tests/fixtures/links/labels.tsv names highlights of the sample notes (highlights/) and of
the real seed notes (../shared/seeds, skipped when absent) by source file and highlight
id, with the exercises that practise each one ("none": no exercise does; see the file's
header). Every labeled highlight is linked as if it made a card, so that a row labeled
with exercises judges the linker whatever the card generator decides about the highlight
today (no row is right or wrong merely because it makes no card). A row is right at the
exercise level when the highlight is linked to one of its exercises; at the topic level
when it is linked to an exercise of one of their topics. A "none" row is right, at both
levels, when the highlight makes no card or is linked to no exercise (no wrong link is
shown); "none rows, linker alone" asks the linker alone. The rows that make a card today
(what a learner sees) are reported apart.

A fixed fifth of the rows (chosen by a seeded hash of source and id, so that editing a
label keeps the split) is held out: they were not used while the keywords and the linker
were tuned, and --holdout prints their accuracy apart; --misses lists the misses of the
other rows only. --unseen reports instead on tests/fixtures/links/unseen.tsv: the highlights
of the same notes that labels.tsv does not name, labeled by reading before the linker was
run on them and never used for tuning (no misses are listed for them).

Prints the exercise-level accuracy first, then the topic level: over every row, the rows
that make a card today, the tuning and held-out rows, per document; per labeled topic;
the most frequent misses; then the index build time and the microseconds per highlight of
linking. Target: >= 0.90 at the exercise level on every row (about 18 us a highlight).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from _common import REPO, table

from studykit.exercises import links
from studykit.exercises.catalog import catalog_root, load_catalog
from studykit.sources import Highlight, parse_text
from studykit.sources.normalize import decode

LABELS = REPO / "tests" / "fixtures" / "links" / "labels.tsv"
UNSEEN = REPO / "tests" / "fixtures" / "links" / "unseen.tsv"
SHARED = REPO.parent / "shared"  # labels' "seeds/..." sources live in SHARED / "seeds"
NONE = "none"
TARGET = 0.90  # exercise level, every row
HOLDOUT_SEED = "links-holdout-2024"  # fixed: the split must not move while tuning
HOLDOUT_SHARE = 5  # one row in five is held out


@dataclass(frozen=True)
class Label:
    source: str
    key: str
    exercises: tuple[str, ...]  # best first; () for "none"
    note: str

    @property
    def topics(self) -> frozenset[str]:
        return frozenset(e.split("/")[0] for e in self.exercises)

    @property
    def held_out(self) -> bool:
        """In the fixed held-out fifth: a seeded hash of the row's source and id."""
        digest = hashlib.sha256(f"{HOLDOUT_SEED}:{self.source}:{self.key}".encode())
        return int.from_bytes(digest.digest()[:8], "big") % HOLDOUT_SHARE == 0


@dataclass
class Labeled:
    label: Label
    highlight: Highlight | None  # None when the source is absent or has no such id

    def __getattr__(self, name):  # row.source, row.exercises, ...
        return getattr(self.label, name)


def read_labels(path: Path = LABELS) -> list[Label]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader((line for line in f if not line.startswith("#")),
                               delimiter="\t"))
    labels = []
    for source, key, exercises, note in rows[1:]:
        ids = () if exercises == NONE else tuple(exercises.split(","))
        labels.append(Label(source, key, ids, note))
    return labels


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
    for label in read_labels(path):
        if label.source not in files:
            files[label.source] = _highlights(source_path(label.source))
        rows.append(Labeled(label, files[label.source].get(label.key)))
    return rows


def linked_exercises(rows: list[Labeled]) -> list[str | None]:
    """The exercise each highlight is linked to (None: none fits), card or not."""
    index = links.get_index()
    return [index.link(r.highlight.text, r.highlight.chapter).exercise_id for r in rows]


def makes_card(rows: list[Labeled]) -> list[bool]:
    """Whether the importer makes a card of each highlight today (its own rule)."""
    from studykit.importer import _specs as card_specs

    return [bool(card_specs(r.highlight)) for r in rows]


def is_hit(label: Label, linked: str | None, level: str = "exercise",
           carded: bool = True) -> bool:
    if not label.exercises:
        return linked is None or not carded
    if linked is None:
        return False
    if level == "exercise":
        return linked in label.exercises
    return linked.split("/")[0] in label.topics


@dataclass
class Scores:
    rows: list[Labeled]
    linked: list[str | None]
    carded: list[bool]  # whether each row makes a card today

    def _triples(self, keep):
        return [(r, e, c) for r, e, c in zip(self.rows, self.linked, self.carded, strict=True)
                if keep(r)]

    def share(self, level: str, keep=lambda row: True,
              linker_alone: bool = False) -> tuple[int, float]:
        triples = self._triples(keep)
        hits = sum(is_hit(r.label, e, level, c or linker_alone) for r, e, c in triples)
        return len(triples), (hits / len(triples) if triples else float("nan"))

    def misses(self, level: str = "exercise") -> list[tuple[Labeled, str | None]]:
        return [(r, e) for r, e, c in self._triples(lambda r: True)
                if not is_hit(r.label, e, level, c)]

    def with_card(self) -> set[int]:
        return {id(r) for r, c in zip(self.rows, self.carded, strict=True) if c}


def accuracy_table(scores: Scores, level: str, split: bool = True) -> list[tuple]:
    carded = scores.with_card()
    subsets = [("all rows", lambda r: True, False),
               ("  labeled with exercises", lambda r: bool(r.exercises), False),
               ('  labeled "none"', lambda r: not r.exercises, False),
               ('  labeled "none", linker alone', lambda r: not r.exercises, True),
               ("rows that make a card today", lambda r: id(r) in carded, False)]
    if split:
        subsets += [("tuning rows", lambda r: not r.held_out, False),
                    ("held-out rows", lambda r: r.held_out, False)]
    for source in dict.fromkeys(r.source for r in scores.rows):
        subsets.append((source.split("/")[-1][:28], lambda r, s=source: r.source == s, False))
    lines = []
    for name, keep, alone in subsets:
        n, share = scores.share(level, keep, alone)
        lines.append((name, n, f"{share:.3f}"))
    return lines


def per_topic_table(scores: Scores) -> list[tuple]:
    counts: dict[str, list[int]] = {}
    for row, linked, carded in scores._triples(lambda r: True):
        topic = row.exercises[0].split("/")[0] if row.exercises else NONE
        counts.setdefault(topic, [0, 0])
        counts[topic][0] += is_hit(row.label, linked, carded=carded)
        counts[topic][1] += 1
    return [(t, n, f"{ok / n:.3f}") for t, (ok, n) in sorted(counts.items())]


def print_misses(scores: Scores, listed: bool) -> None:
    misses = [(r, e) for r, e in scores.misses() if not r.held_out]
    confusion = Counter((r.exercises[0] if r.exercises else NONE, e or "(no link)")
                        for r, e in misses)
    print("\nmost frequent exercise-level misses (tuning rows): labeled -> linked")
    print(table([(a, b, n) for (a, b), n in confusion.most_common(15)],
                ("labeled (best)", "linked", "count")))
    if listed:
        print(table([(r.source.split("/")[-1][:12], r.key[:20], ",".join(r.exercises)[:40]
                      or NONE, e or "-", r.note[:36]) for r, e in misses],
                    ("source", "key", "acceptable", "linked", "note")))


def microseconds(items: list[tuple[str, str]], repeat: int = 5) -> float:
    index = links.get_index()
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
    links.build_index(catalog, catalog_root())
    build_ms = (time.perf_counter() - started) * 1000
    rng = random.Random(7)
    generated = [(sentence(rng), f"第{i // 20 + 1}章") for i in range(20_000)]
    labeled = [(r.highlight.text, r.highlight.chapter) for r in rows] * 20
    print(table([
        ("index build (catalog loaded)", f"{build_ms:.0f} ms", "once per process"),
        ("link, labeled highlights", f"{microseconds(labeled):.1f} us", "per highlight"),
        ("link, import_bench sentences", f"{microseconds(generated):.1f} us", "per highlight"),
    ], ("step", "time", "")))


def main() -> Scores:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true",
                        help="List every miss of the tuning rows.")
    parser.add_argument("--holdout", action="store_true",
                        help="Print the held-out rows' accuracy apart.")
    parser.add_argument("--unseen", action="store_true",
                        help="Report on the unseen check (unseen.tsv) instead; lists no misses.")
    args = parser.parse_args()
    every = load_labeled(UNSEEN if args.unseen else LABELS)
    rows = [r for r in every if r.highlight is not None]
    scores = Scores(rows, linked_exercises(rows), makes_card(rows))
    held = "" if args.unseen else f"; {sum(r.held_out for r in rows)} held out"
    print(f"{len(rows)} labeled highlights{' (unseen check)' if args.unseen else ''}"
          f" ({len(every) - len(rows)} skipped: source absent or id not found{held});"
          f" catalog: {len(load_catalog())} exercises\n")
    for level in ("exercise", "topic"):
        print(f"{level} level")
        print(table(accuracy_table(scores, level, split=not args.unseen),
                    ("rows", "highlights", "accuracy")))
        print()
    if args.unseen:
        return scores
    print("exercise level per labeled topic")
    print(table(per_topic_table(scores), ("topic", "highlights", "accuracy")))
    share = scores.share("exercise")[1]
    print(f"\nexercise level, all rows: {share:.3f}; target >= {TARGET}: "
          f"{'met' if share >= TARGET else 'NOT met'}")
    if args.holdout:
        held = [(lvl, *scores.share(lvl, lambda r: r.held_out)) for lvl in ("exercise", "topic")]
        print("held out (not used to tune the keywords or the linker): " + ", ".join(
            f"{lvl} level {share:.3f} of {n}" for lvl, n, share in held))
    print_misses(scores, args.misses)
    print()
    speed_report(rows)
    return scores


if __name__ == "__main__":
    main()
