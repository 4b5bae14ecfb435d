"""Link each highlight to the exercise of the catalog it is most about.

The method (for mixed Chinese, English and code; microseconds a highlight):

* Text is lower-cased ("×" read as "x") and cut into terms: its words (runs of ASCII
  letters, digits and "_", two or more: "conv2d", "zero_grad", "1x1") and the character
  bigrams of everything else, each run of ASCII or punctuation read as one space
  ("1×1的卷积" gives " 的", "的卷", "卷积").
* Every exercise is a weighted bag of terms from its keywords (en and zh), its title and
  its prompt (the starter's docstring); every topic one from its README and the keywords
  and prompts of all its exercises. Weights are tf-idf over the exercises (resp. topics), the field
  weight standing in for tf, normalised to unit length; terms that most documents share
  are dropped.
* An exercise's score for a highlight is the sum of the weights of the terms it shares
  with the highlight, plus those it shares with the chapter title, plus TOPIC_WEIGHT times
  its topic's score (a topic pools the evidence of all its exercises), plus a bonus for
  each of its keywords found whole (worth more the fewer exercises list it).
* The best exercise wins. When its own evidence is weak and another topic is more likely,
  the best exercise of the most likely topic wins.
* No exercise at all (``Link(None, score)``) when the winner's score is below MIN_SCORE,
  or its own evidence (beyond its topic's) below MIN_OWN, as when one shared word is all
  there is ("上下文" in a TensorFlow Session card): a card about an idea no exercise
  practises (history, hardware, a link list) is better unlinked than linked to the
  least-bad exercise. Links and file paths ("https://...",
  "chapter_x/lstm.ipynb") are not read: their words name a place, not an idea; and a
  highlight that points somewhere is not settled by its chapter title alone.

Speed: a bigram is an int (its two UTF-16 code units read as one 32-bit word, so a text's
bigrams come out of one ``array``), and a term's weights for all exercises and topics are
packed into one Python int, a 16-bit field each (the scale is chosen so that no sum can
overflow a field). Scoring a highlight is then a set intersection and a sum of a few
dozen ints, all in C, and one unpacking. The index is built once per process and catalog
version (cached on the root and the mtime of info.yaml); a chapter title is scored once
per index.

No torch, typer or rich here: the importer links every highlight it imports.
"""

from __future__ import annotations

import math
import os
import re
import sys
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from pathlib import Path
from typing import NamedTuple

from studykit.errors import StudykitError
from studykit.exercises.catalog import Exercise, catalog_root, load_catalog, topics

KEYWORD_WEIGHT, TITLE_WEIGHT, PROMPT_WEIGHT = 3.0, 2.0, 1.0
README_WEIGHT, TOPIC_KEYWORD_WEIGHT = 1.0, 2.0
TOPIC_WEIGHT = 2.0  # how much its topic's score counts towards an exercise's
KEYWORD_BONUS = 0.4  # per keyword found whole, times its idf scaled to 0..1
WEAK = 0.3  # an exercise with less own evidence yields to the most likely topic's best
COMMON = 0.5  # terms in more than this share of the documents are dropped
MAX_CHARS = 4000  # only the start of a longer text is read
MIN_SCORE = 0.8  # below this the highlight links to no exercise
MIN_OWN = 0.6  # nor when the winner's own evidence (beyond its topic's) is below this
MAX_SCALE = 4096  # a weight of 1.0 becomes this int, or less where a sum could overflow
_FIELD_BITS = 16
_CHAPTERS_KEPT = 4096
_BIGRAM = next(c for c in "IL" if array(c).itemsize == 4)  # two UTF-16 code units
_WORD = re.compile(r"[a-z0-9_]{2,}")
_NOT_CJK = re.compile(r"[\x00-\x7f\u3000-\u303f\uff00-\uffef]+")  # ASCII, punctuation
_EXTENSION = r"\.(?:ipynb|py|md|html?|pdf|txt|json|ya?ml|csv|zip|gz)\b"
_POINTER = re.compile(  # a URL, or a file name with a path or an extension
    rf"(?:https?://|www\.)[\w./~%?=&#:+-]*|[\w./~+-]*{_EXTENSION}", re.ASCII)
_POINTER_HINT = re.compile(rf"://|www\.|{_EXTENSION}", re.ASCII)  # cheap: no backtracking

Term = int | str  # a bigram (as an int) or a word
Bag = dict[Term, float]  # term -> weight
Bonuses = dict[str, tuple[set[Term], set[int], float]]  # keyword -> terms, holders, bonus


class Link(NamedTuple):
    exercise_id: str | None  # None: no exercise fits well enough
    score: float


def normalise(text: str) -> str:
    return text[:MAX_CHARS].lower().replace("×", "x")


def without_pointers(s: str) -> tuple[str, bool]:
    """A normalised text without its URLs and file names, and whether it had any."""
    if _POINTER_HINT.search(s) is None:  # the common case, at the cost of one scan
        return s, False
    stripped = _POINTER.sub(" ", s)
    return stripped, len(stripped) != len(s)


def _terms(s: str) -> tuple[list[str], array]:
    """The words and the bigrams (as ints) of a normalised text."""
    data = _NOT_CJK.sub(" ", s).encode("utf-16-le", "surrogatepass")
    n = len(data)
    return _WORD.findall(s), array(_BIGRAM, data[:n & ~3] + data[2:2 + (max(n - 2, 0) & ~3)])


def terms(text: str) -> set[Term]:
    return set(chain(*_terms(normalise(text))))


def _unpack(total: int, width: int) -> array:
    fields = array("H", total.to_bytes(width * 2, "little"))
    if sys.byteorder == "big":
        fields.byteswap()
    return fields


@dataclass
class LinkIndex:
    """Field i < n of a packed vector: exercise i's score; field n + k: topic k's."""

    ids: tuple[str, ...]
    exercise_topic: tuple[int, ...]  # topic number of each exercise
    members: tuple[tuple[int, ...], ...]  # exercise numbers of each topic
    vectors: dict[Term, int]  # term -> packed weights
    anchors: dict[Term, tuple[tuple[str, int], ...]]  # term -> (keyword, packed bonus)
    scale: int
    vocabulary: frozenset[Term] = frozenset()
    anchored: frozenset[Term] = frozenset()
    _chapters: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.vocabulary = frozenset(self.vectors)
        self.anchored = frozenset(self.anchors)

    def vector(self, text: str) -> int:
        """The packed scores of one text (0 when it shares no term with the catalog)."""
        return self._vector(without_pointers(normalise(text))[0])

    def _vector(self, s: str) -> int:
        hits = self.vocabulary.intersection(chain(*_terms(s)))
        total = sum(map(self.vectors.__getitem__, hits))
        for term in hits & self.anchored:
            for keyword, bonus in self.anchors[term]:
                if keyword in s:
                    total += bonus
        return total

    def chapter_vector(self, chapter: str) -> int:
        cached = self._chapters.get(chapter)
        if cached is None:
            if len(self._chapters) >= _CHAPTERS_KEPT:
                self._chapters.clear()
            cached = self._chapters[chapter] = self.vector(chapter)
        return cached

    def link(self, text: str, chapter: str = "") -> Link:
        s, points_somewhere = without_pointers(normalise(text))
        total = self._vector(s)
        if chapter and not points_somewhere:
            total += self.chapter_vector(chapter)
        if not total:
            return Link(None, 0.0)
        fields = _unpack(total, len(self.ids) + len(self.members))
        best = self._choose(fields)
        score = round(fields[best] / self.scale, 3)
        if score < MIN_SCORE or self._own(fields, best) < MIN_OWN * self.scale:
            return Link(None, score)
        return Link(self.ids[best], score)

    def _own(self, fields: array, i: int) -> int:
        """Exercise i's evidence beyond what its topic lends every exercise of the topic."""
        return fields[i] - TOPIC_WEIGHT * fields[len(self.ids) + self.exercise_topic[i]]

    def _choose(self, fields: array) -> int:
        n = len(self.ids)
        scores = fields[:n]
        best = scores.index(max(scores))
        if self._own(fields, best) < WEAK * self.scale:
            topics = fields[n:]
            likely = topics.index(max(topics))
            if likely != self.exercise_topic[best]:
                best = max(self.members[likely], key=fields.__getitem__)
        return best


# --- building the index -------------------------------------------------------------------


def build_index(catalog: tuple[Exercise, ...], root: Path) -> LinkIndex:
    names = list(topics(catalog))
    topic_of = tuple(names.index(ex.topic) for ex in catalog)
    members = tuple(tuple(i for i, t in enumerate(topic_of) if t == k)
                    for k in range(len(names)))
    prompts = [ex.prompt() for ex in catalog]
    exercises = _tfidf([_exercise_bag(ex, prompt)
                        for ex, prompt in zip(catalog, prompts, strict=True)])
    topic_bags = _tfidf([_topic_bag(root, t, [catalog[i] for i in members[k]],
                                    [prompts[i] for i in members[k]])
                         for k, t in enumerate(names)])
    bonuses = _keyword_bonuses(catalog)
    scale = _scale(exercises, topic_bags, topic_of, bonuses)
    vectors = _packed(exercises, topic_bags, members, scale)
    return LinkIndex(tuple(ex.id for ex in catalog), topic_of, members, vectors,
                     _add_bonuses(vectors, bonuses, scale), scale)


def _bag(fields: Iterable[tuple[str, float]]) -> Bag:
    """term -> the weight of the strongest field it occurs in."""
    bag: Bag = {}
    for text, weight in sorted(fields, key=lambda f: f[1]):
        bag.update(dict.fromkeys(terms(text), weight))
    return bag


def _exercise_bag(ex: Exercise, prompt: str) -> Bag:
    return _bag([(" | ".join(ex.keywords_en + ex.keywords_zh), KEYWORD_WEIGHT),
                 (ex.title, TITLE_WEIGHT), (prompt, PROMPT_WEIGHT)])


def _topic_bag(root: Path, topic: str, exercises: list[Exercise], prompts: list[str]) -> Bag:
    try:
        readme = (root / topic / "README.md").read_text("utf-8")
    except OSError:
        readme = ""
    keywords = " | ".join(k for ex in exercises for k in ex.keywords_en + ex.keywords_zh)
    return _bag([(readme, README_WEIGHT), (keywords, TOPIC_KEYWORD_WEIGHT),
                 ("\n".join(prompts), PROMPT_WEIGHT)])


def _tfidf(bags: list[Bag]) -> list[Bag]:
    """Field weight x idf, without the terms most documents share, to unit length."""
    n = len(bags)
    df = Counter(t for bag in bags for t in bag)
    idf = {t: math.log(n / d) for t, d in df.items() if d <= COMMON * n}
    vectors = []
    for bag in bags:
        vec = {t: w * idf[t] for t, w in bag.items() if t in idf}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def _keyword_bonuses(catalog: tuple[Exercise, ...]) -> Bonuses:
    """keyword -> (its terms, the exercises listing it, their bonus)."""
    holders: dict[str, set[int]] = {}
    for i, ex in enumerate(catalog):
        for keyword in ex.keywords_en + ex.keywords_zh:
            holders.setdefault(normalise(keyword), set()).add(i)
    most = math.log(len(catalog)) or 1.0
    bonuses = {k: (terms(k), h, KEYWORD_BONUS * math.log(len(catalog) / len(h)) / most)
               for k, h in holders.items()}
    return {k: b for k, b in bonuses.items() if b[0] and b[2] > 0}


def _scale(exercises: list[Bag], topics: list[Bag], topic_of: tuple[int, ...],
           bonuses: Bonuses) -> int:
    """The largest power of two up to MAX_SCALE at which no field can overflow: a text and
    its chapter each hold a term at most once, and every keyword may be found."""
    topic_sums = [sum(t.values()) for t in topics]
    extra: Counter = Counter()
    for _, holders, bonus in bonuses.values():
        extra.update(dict.fromkeys(holders, bonus))
    worst = max([2 * (sum(vec.values()) + TOPIC_WEIGHT * topic_sums[topic_of[i]] + extra[i])
                 for i, vec in enumerate(exercises)] + [2 * s for s in topic_sums])
    scale = MAX_SCALE
    while scale > 1 and (worst + 1) * scale >= 1 << _FIELD_BITS:
        scale //= 2
    return scale


def _mask(fields: Iterable[int]) -> int:
    """1 in each of the given fields."""
    return sum(1 << (_FIELD_BITS * i) for i in fields)


def _packed(exercises: list[Bag], topics: list[Bag], members: tuple[tuple[int, ...], ...],
            scale: int) -> dict[Term, int]:
    """term -> its weights packed: each exercise's own plus TOPIC_WEIGHT x its topic's,
    then each topic's."""
    n = len(exercises)
    vectors: dict[Term, int] = {}
    for i, vec in enumerate(exercises):
        for term, weight in vec.items():
            vectors[term] = vectors.get(term, 0) + (round(weight * scale) << (_FIELD_BITS * i))
    for k, vec in enumerate(topics):
        field_k, spread = _mask([n + k]), _mask(members[k])
        for term, weight in vec.items():
            packed = round(weight * scale) * field_k + round(TOPIC_WEIGHT * weight * scale) * spread
            vectors[term] = vectors.get(term, 0) + packed
    return vectors


def _add_bonuses(vectors: dict[Term, int], bonuses: Bonuses,
                 scale: int) -> dict[Term, tuple[tuple[str, int], ...]]:
    """A one-term keyword's bonus goes into its term's vector; a longer keyword hangs on its
    rarest term, to be looked for in the text when that term is found. Returns those."""
    df = Counter(t for keyword_terms, _, _ in bonuses.values() for t in keyword_terms)
    anchors: dict[Term, list[tuple[str, int]]] = {}
    for keyword, (keyword_terms, holders, bonus) in bonuses.items():
        packed = round(bonus * scale) * _mask(holders)
        if len(keyword_terms) == 1:
            (term,) = keyword_terms
            vectors[term] = vectors.get(term, 0) + packed
        else:
            anchor = min(keyword_terms, key=lambda t: (df[t], str(t)))
            anchors.setdefault(anchor, []).append((keyword, packed))
    return {t: tuple(pairs) for t, pairs in anchors.items()}


# --- the cached index ---------------------------------------------------------------------


@cache
def _cached_index(root: Path, mtime_ns: int) -> LinkIndex | None:
    try:
        catalog = load_catalog(root)
    except StudykitError:
        return None
    return build_index(catalog, root) if catalog else None


def get_index(root: Path | None = None) -> LinkIndex | None:
    """The index of the catalog at ``root`` (default: the configured one), or None when
    there is no usable catalog there."""
    root = Path(root or catalog_root())
    try:
        mtime_ns = os.stat(root / "info.yaml").st_mtime_ns
    except OSError:
        return None
    return _cached_index(root, mtime_ns)


def link(text: str, chapter: str = "", root: Path | None = None) -> Link | None:
    """The exercise a highlight (its text and chapter title) is most about (its id None
    when none fits well enough); None when the catalog cannot be loaded. To link many,
    take :func:`get_index` once and use its link."""
    index = get_index(root)
    return index.link(text, chapter) if index else None
