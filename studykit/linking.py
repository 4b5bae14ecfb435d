"""Link a highlight to the exercise of the catalog it is most about (prototype)."""

from __future__ import annotations

import math
import os
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from operator import add
from pathlib import Path

from studykit.catalog import TOPICS, Exercise, catalog_root, load_catalog
from studykit.errors import StudykitError

FIELD_WEIGHTS = {"keywords": 3.0, "title": 2.0, "prompt": 1.0}
CHAPTER_WEIGHT = 0.6
_FOLD = str.maketrans({"×": "x", "（": "(", "）": ")", "，": ",", "：": ":", "　": " "})


@dataclass(frozen=True)
class Link:
    exercise_id: str
    score: float


def normalise(text: str) -> str:
    return text.lower().translate(_FOLD)


def grams(text: str) -> set[str]:
    s = normalise(text)
    bi = list(map(add, s, s[1:]))
    out = set(bi)
    out.update(map(add, bi, s[2:]))
    return out


@dataclass
class Index:
    ids: tuple[str, ...]
    topics: tuple[str, ...]
    postings: dict[str, tuple[tuple[int, float], ...]]

    def scores(self, text: str) -> list[float]:
        totals = [0.0] * len(self.ids)
        postings = self.postings
        for g in grams(text) & postings.keys():
            for e, w in postings[g]:
                totals[e] += w
        return totals


def _documents(ex: Exercise) -> dict[str, float]:
    weights: dict[str, float] = {}
    fields = (("keywords", " | ".join(ex.keywords_en + ex.keywords_zh)),
              ("title", ex.title), ("prompt", ex.prompt()))
    for field, text in fields:
        w = FIELD_WEIGHTS[field]
        for g in grams(text):
            if weights.get(g, 0) < w:
                weights[g] = w
    return weights


def build_index(catalog: tuple[Exercise, ...]) -> Index:
    docs = [_documents(ex) for ex in catalog]
    df: dict[str, int] = defaultdict(int)
    for d in docs:
        for g in d:
            df[g] += 1
    n = len(docs)
    post: dict[str, list] = defaultdict(list)
    for e, d in enumerate(docs):
        vec = {g: w * math.log(n / df[g]) for g, w in d.items() if df[g] < n / 2}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        for g, v in vec.items():
            post[g].append((e, v / norm))
    return Index(tuple(ex.id for ex in catalog), tuple(ex.topic for ex in catalog),
                 {g: tuple(p) for g, p in post.items()})


@cache
def _cached_index(root: Path, mtime: float) -> Index:
    return build_index(load_catalog(root))


def get_index(root: Path | None = None) -> Index | None:
    root = Path(root or catalog_root())
    try:
        mtime = os.stat(root / "info.yaml").st_mtime
        return _cached_index(root, mtime)
    except (OSError, StudykitError):
        return None


def link(text: str, chapter: str = "", index: Index | None = None) -> Link | None:
    index = index or get_index()
    if index is None:
        return None
    s = index.scores(text)
    if chapter:
        c = index.scores(chapter)
        s = [a + CHAPTER_WEIGHT * b for a, b in zip(s, c, strict=True)]
    best = max(range(len(s)), key=s.__getitem__)
    return Link(index.ids[best], s[best])


__all__ = ["TOPICS", "Link", "link", "get_index"]
