"""Comparing a typed answer with the expected one, forgiving what does not matter."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from studykit.scheduler import AGAIN, GOOD, HARD

_SPACES = re.compile(r"\s+")
CLOSE_ENOUGH = 0.8


def canonical(text: str) -> str:
    """NFKC (full-width -> half-width, incl. punctuation), case-folded, no spaces."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).casefold()


@dataclass(frozen=True)
class Comparison:
    exact: bool
    ratio: float
    ops: list[tuple[str, str]]  # (tag, text): 'ok', 'wrong' (typed), 'missing' (expected)

    @property
    def suggested_rating(self) -> int:
        if self.exact:
            return GOOD
        return HARD if self.ratio >= CLOSE_ENOUGH else AGAIN


def compare(typed: str, expected: str) -> Comparison:
    a, b = canonical(typed), canonical(expected)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("ok", a[i1:i2]))
            continue
        if i2 > i1:
            ops.append(("wrong", a[i1:i2]))
        if j2 > j1:
            ops.append(("missing", b[j1:j2]))
    return Comparison(a == b, matcher.ratio() if a or b else 1.0, ops)
