"""Card quality against a labeled set: GOOD / MEH / BAD rates, coverage, unlabeled cards.

    .venv/bin/python bench/card_quality.py              # rates, coverage, counts
    .venv/bin/python bench/card_quality.py --unlabeled  # also print every unlabeled card
    .venv/bin/python bench/card_quality.py --draw FILE  # the labeling worksheet (see below)

The labeled set is ``tests/fixtures/cards/labels.tsv``: one row per card, and one row per
highlight, each ``key<TAB>label<TAB>reason``.

- A card's key is ``document:highlight id:kind:hash``, the hash being the first ten hex
  digits of the SHA-1 of its front and answer. No text of the seed documents is stored: the
  labels were given by reading the cards (``--draw`` writes them to a worksheet outside the
  repository). A card is GOOD (worth recalling, fair to answer), MEH (answerable but trivial
  or weak) or BAD (chrome, a blank inside a token, the answer on the front, a missing figure,
  a filler word...).
``tests/fixtures/cards/heldout.tsv`` (``--labels``) is a held-out check: 62 cards drawn
after the tuning from seed highlights outside the labeled set, labeled the same way and
never used to tune the rules. ``heldout2.tsv`` is a second one (``--draw FILE --fresh``):
cards of highlights outside every label file, drawn before the second round of tuning, and
a sample of such highlights that make no card (labeled CARD/NONE, for coverage).
``heldout3.tsv`` is the last one, drawn after all the tuning (``--draw FILE --fresh --every
--seed 4242``: every seed highlight left outside the label files that makes a card), never
used for tuning. ``--all`` scores against every label file at once (``labels.tsv`` and
``heldout*.tsv``).

- A highlight's key is ``document:highlight id:highlight:-`` and its label CARD (it deserves
  at least one card) or NONE (chrome, a link list, a heading...): the honest denominator of
  coverage, so that making no card is never a free way to a better rate.

The set was drawn from the generator before any of the quality rules (``--draw``, fixed
seed): highlights of each document in a random order, taken whole until the document's
quota of cards was reached. Regenerating the cards of those highlights now gives three kinds
of card: labeled ones (they count), unlabeled ones (the generator makes a card nobody read
yet: label it, by reading, before taking the figure) and labeled cards it no longer makes
(they drop out of the rate; their number is printed).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from _common import REPO, table

from studykit.cards import CardSpec
from studykit.cards.generate import generate_cards
from studykit.cards.junk import is_junk
from studykit.sources import Highlight, parse_text
from studykit.sources.normalize import decode

SEEDS = REPO.parent / "shared" / "seeds"
SAMPLES = REPO / "highlights"
FIXTURES = REPO / "tests" / "fixtures" / "cards"
LABELS = FIXTURES / "labels.tsv"
# notes written for the third round's unseen check (own text in the seeds' two styles),
# labeled in OWN_LABELS and never used to tune the rules: a group of their own
OWN_NOTES = FIXTURES / "notes"
OWN_LABELS = FIXTURES / "own-notes.tsv"
CARD_LABELS = ("GOOD", "MEH", "BAD")
HIGHLIGHT_LABELS = ("CARD", "NONE")
DRAW_SEED = 20250610
# cards drawn per document (None: every card); the sample notes share SAMPLE_QUOTA
QUOTAS = {"000": None, "001": 80, "002": 130, "003": None, "004": None}
SAMPLE_QUOTA = 15  # per sample notes file (four files: 60 cards)
# a fresh draw (--fresh): from highlights outside every label file
FRESH_SEED = 31337
FRESH_QUOTAS = {"000": None, "001": 36, "002": 44, "003": None, "004": None}
FRESH_SAMPLE_QUOTA = 9
FRESH_UNCARDED = 12  # per seed document: highlights that make no card, for coverage


@dataclass
class Document:
    name: str  # 000 ... 004 for the seeds, the file name for the sample and own notes
    highlights: list[Highlight]
    own: bool = False  # one of the notes of the unseen check (OWN_NOTES)

    @property
    def is_seed(self) -> bool:
        return self.name[:3].isdigit()

    @property
    def group(self) -> str:
        return "seeds" if self.is_seed else "own notes" if self.own else "sample notes"


def documents() -> list[Document]:
    paths = sorted(SEEDS.glob("0*.txt")) if SEEDS.is_dir() else []
    paths += sorted(p for p in SAMPLES.iterdir() if p.is_file())
    paths += sorted(p for p in OWN_NOTES.iterdir() if p.is_file())
    found = []
    for path in paths:
        name = path.name[:3] if path.parent == SEEDS else path.name
        books = parse_text(decode(path.read_bytes(), str(path)), path.name)
        found.append(Document(name, [h for b in books for h in b.highlights],
                              own=path.parent == OWN_NOTES))
    return found


def cards_of(h: Highlight) -> list[CardSpec]:
    """The importer's cards for one highlight (none for junk)."""
    if is_junk(h.text, h.kind):
        return []
    return generate_cards(h.text, kind=h.kind, note=h.note, chapter=h.chapter, front=h.front)


def card_key(document: str, h: Highlight, card: CardSpec) -> str:
    digest = hashlib.sha1(f"{card.front}\x1f{card.answer or ''}".encode()).hexdigest()[:10]
    return f"{document}:{h.id}:{card.kind}:{digest}"


def highlight_key(document: str, h: Highlight) -> str:
    return f"{document}:{h.id}:highlight:-"


def read_labels(*paths: Path) -> dict[str, tuple[str, str]]:
    """The labels of ``paths`` (default: ``labels.tsv``) merged; a key labeled twice is an
    error."""
    labels: dict[str, tuple[str, str]] = {}
    for path in paths or (LABELS,):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            key, label, reason = line.split("\t")
            if label not in CARD_LABELS + HIGHLIGHT_LABELS or key in labels:
                sys.exit(f"{path}:{number}: bad or repeated label {label!r} for {key}")
            labels[key] = (label, reason)
    return labels


def label_files() -> list[Path]:
    """Every label file: the tuned set, the held-out checks and the own notes' labels."""
    return [LABELS, *sorted(FIXTURES.glob("heldout*.tsv")), OWN_LABELS]


def highlight_of(key: str) -> str:
    """``document:highlight id`` of a label key."""
    return key.rsplit(":", 2)[0]


# -- drawing the set (run once, before tuning) -----------------------------------------
def draw(docs: list[Document], fresh: bool = False, seed: int = FRESH_SEED,
         every: bool = False) -> list[tuple[Document, Highlight, list[CardSpec]]]:
    """Whole highlights in a seeded random order until each document's quota of cards.
    ``fresh``: only highlights outside every label file, and ``FRESH_UNCARDED`` highlights
    of each seed document that make no card (listed with no cards, to label CARD/NONE);
    ``every``: with ``fresh``, every such seed highlight that makes a card. The own notes
    are drawn apart (see ``draw_own``)."""
    used = {highlight_of(k) for k in read_labels(*label_files())} if fresh else set()
    picked = []
    for doc in docs:
        if doc.own:
            continue
        pool = [h for h in doc.highlights if f"{doc.name}:{h.id}" not in used
                and not is_junk(h.text, h.kind)]
        carded = [(h, cards) for h in pool if (cards := cards_of(h))]
        if fresh:
            quota = (None if every else FRESH_QUOTAS.get(doc.name)) if doc.is_seed \
                else FRESH_SAMPLE_QUOTA
            order = f"{seed}:{doc.name}"
        else:
            quota = QUOTAS.get(doc.name, SAMPLE_QUOTA) if doc.is_seed else SAMPLE_QUOTA
            order = f"{DRAW_SEED}:{doc.name}"
        random.Random(order).shuffle(carded)
        taken = 0
        for h, cards in carded:
            if quota is not None and taken >= quota:
                break
            picked.append((doc, h, cards))
            taken += len(cards)
        if fresh and doc.is_seed:
            uncarded = sorted((h for h in pool if not cards_of(h)), key=lambda h: h.id)
            random.Random(order).shuffle(uncarded)
            picked += [(doc, h, []) for h in uncarded[:FRESH_UNCARDED]]
    return picked


def draw_own(docs: list[Document]) -> list[tuple[Document, Highlight, list[CardSpec]]]:
    """Every highlight of the own notes that is not junk, in order, with its cards (none
    for some: labeled CARD/NONE for coverage)."""
    return [(doc, h, cards_of(h)) for doc in docs if doc.own for h in doc.highlights
            if not is_junk(h.text, h.kind)]


def worksheet(items: list[tuple[Document, Highlight, list[CardSpec]]]) -> str:
    """Every drawn highlight with its cards, numbered, for labeling by reading."""
    out = []
    for doc, h, cards in items:
        out.append(f"=== {highlight_key(doc.name, h)}\n[chapter] {h.chapter}\n[text] {h.text}")
        if h.note:
            out.append(f"[note] {h.note}")
        for card in cards:
            out.append(f"--- {card_key(doc.name, h, card)}\n[front] {card.front}\n"
                       f"[answer] {card.answer}")
            if card.kind not in ("cloze",):
                out.append(f"[back] {card.back}")
        out.append("")
    return "\n".join(out)


# -- the figures ---------------------------------------------------------------------------
@dataclass
class Tally:
    labels: Counter
    unlabeled: list[tuple[str, Highlight, CardSpec]]
    uncovered: list[tuple[str, Highlight]]
    dropped: int
    cards: int
    deserving: int
    covered: int


def tally(doc: Document, labels: dict[str, tuple[str, str]]) -> Tally:
    labeled_highlights = {k.split(":")[1] for k in labels if k.startswith(doc.name + ":")}
    made: set[str] = set()
    counts: Counter = Counter()
    unlabeled, uncovered = [], []
    deserving = covered = 0
    for h in doc.highlights:
        if h.id not in labeled_highlights:
            continue
        cards = cards_of(h)
        wanted = labels.get(highlight_key(doc.name, h), ("CARD", ""))[0] == "CARD"
        deserving += wanted
        covered += wanted and bool(cards)
        if wanted and not cards:
            uncovered.append((highlight_key(doc.name, h), h))
        for card in cards:
            key = card_key(doc.name, h, card)
            made.add(key)
            if key in labels:
                counts[labels[key][0]] += 1
            else:
                unlabeled.append((key, h, card))
    prefix = doc.name + ":"
    dropped = sum(1 for k in labels if k.startswith(prefix) and not k.endswith(":highlight:-")
                  and k not in made)
    return Tally(counts, unlabeled, uncovered, dropped, len(made), deserving, covered)


def all_coverage(doc: Document) -> tuple[int, int]:
    """Over the whole document: non-junk highlights, and those with at least one card."""
    kept = [h for h in doc.highlights if not is_junk(h.text, h.kind)]
    return len(kept), sum(1 for h in kept if cards_of(h))


def share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def counted(part: int, whole: int) -> str:
    return f"{share(part, whole)} ({part})"


def report(docs: list[Document], labels: dict[str, tuple[str, str]], show_unlabeled: bool,
           show_uncovered: bool) -> None:
    rows = []
    totals: dict[str, Counter] = defaultdict(Counter)
    unlabeled_all, uncovered_all = [], []
    for doc in docs:
        t = tally(doc, labels)
        scored = sum(t.labels.values())
        non_junk, carded = all_coverage(doc)
        group = doc.group
        totals[group].update(t.labels)
        totals[group].update({"unlabeled": len(t.unlabeled), "dropped": t.dropped,
                              "deserving": t.deserving, "covered": t.covered,
                              "non_junk": non_junk, "carded": carded, "cards": t.cards})
        rows.append(_row(doc.name, t.labels, len(t.unlabeled), t.dropped, t.deserving,
                         t.covered, non_junk, carded, t.cards, scored))
        unlabeled_all += t.unlabeled
        uncovered_all += t.uncovered
    for group, c in totals.items():
        rows.append(_row(f"all {group}", c, c["unlabeled"], c["dropped"], c["deserving"],
                         c["covered"], c["non_junk"], c["carded"], c["cards"],
                         sum(c[label] for label in CARD_LABELS)))
    print(table(rows, ("document", "labeled cards", "GOOD", "MEH", "BAD", "unlabeled",
                       "dropped", "cards now", "coverage (deserving)", "coverage (non-junk)")))
    print("\nGOOD/MEH/BAD: shares of the labeled cards the generator makes now; unlabeled: "
          "cards it makes that nobody labeled yet; dropped: labeled cards it no longer makes.\n"
          "coverage (deserving): labeled highlights judged to deserve a card that get one; "
          "(non-junk): every highlight of the document that is not junk.")
    if show_uncovered:
        for key, h in uncovered_all:
            print(f"\n=== {key} (deserves a card, gets none)\n[chapter] {h.chapter}\n[text] {h.text}")
    if show_unlabeled:
        for key, h, card in unlabeled_all:
            print(f"\n--- {key}\n[chapter] {h.chapter}\n[text] {h.text}\n[front] {card.front}\n"
                  f"[answer] {card.answer}" + (f"\n[back] {card.back}" if card.kind != "cloze" else ""))


def add_labels(docs: list[Document], files: list[Path], path: Path) -> None:
    """Append the labels of ``path`` (``HASH LABEL reason`` per line, HASH the end of an
    unlabeled card's key) to the label file that holds the card's highlight."""
    labels = read_labels(*files)
    holder = {highlight_of(key): file for file in files for key in read_labels(file)}
    unlabeled = {key.rsplit(":", 1)[1]: key for doc in docs
                 for key, _, _ in tally(doc, labels).unlabeled}
    rows: dict[Path, list[str]] = defaultdict(list)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        token, label, reason = line.split(" ", 2)
        if token not in unlabeled or label not in CARD_LABELS:
            sys.exit(f"{path}:{number}: {token} is no unlabeled card, or {label} no label")
        key = unlabeled.pop(token)
        rows[holder[highlight_of(key)]].append(f"{key}\t{label}\t{reason}\n")
    for file, lines in rows.items():
        with file.open("a", encoding="utf-8") as out:
            out.writelines(lines)
    print(f"added {sum(map(len, rows.values()))} labels; {len(unlabeled)} cards still unlabeled")


def _row(name, counts, unlabeled, dropped, deserving, covered, non_junk, carded, cards, scored):
    return (name, scored, counted(counts["GOOD"], scored), counted(counts["MEH"], scored),
            counted(counts["BAD"], scored), unlabeled, dropped, cards,
            f"{share(covered, deserving)} of {deserving}", f"{share(carded, non_junk)} of {non_junk}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draw", type=Path, help="write the labeling worksheet of a new draw")
    parser.add_argument("--fresh", action="store_true", help="with --draw: only highlights "
                        "outside every label file (a new held-out check)")
    parser.add_argument("--seed", type=int, default=FRESH_SEED, help="with --fresh: the order")
    parser.add_argument("--every", action="store_true",
                        help="with --fresh: every such seed highlight that makes a card")
    parser.add_argument("--own", action="store_true",
                        help="with --draw: every highlight of the own notes (the unseen check)")
    parser.add_argument("--unlabeled", action="store_true", help="print the unlabeled cards")
    parser.add_argument("--labels", type=Path, nargs="+", default=[LABELS],
                        help="score against other label files (e.g. the held-out "
                        "tests/fixtures/cards/heldout.tsv)")
    parser.add_argument("--all", action="store_true",
                        help="score against every label file (labels.tsv, heldout*.tsv)")
    parser.add_argument("--add", type=Path, help="append labels: lines 'HASH LABEL reason' for "
                        "unlabeled cards (the last part of their key)")
    parser.add_argument("--uncovered", action="store_true",
                        help="print the highlights that deserve a card and get none")
    options = parser.parse_args()
    docs = documents()
    if options.draw:
        items = draw_own(docs) if options.own else \
            draw(docs, options.fresh, options.seed, options.every)
        options.draw.write_text(worksheet(items), encoding="utf-8")
        counts = Counter(doc.name for doc, _, _ in items)
        cards = Counter()
        for doc, _, c in items:
            cards[doc.name] += len(c)
        print(table([(n, counts[n], cards[n]) for n in counts], ("document", "highlights", "cards")))
        return
    if not any(doc.is_seed for doc in docs):
        print(f"note: {SEEDS} is absent: the sample notes only")
    files = label_files() if options.all else options.labels
    if options.add:
        add_labels(docs, files, options.add)
    labels = read_labels(*files)
    report(docs, labels, options.unlabeled, options.uncovered)


if __name__ == "__main__":
    main()
