"""Which new card inherits a reviewed card's history when its highlight's text changes.

An edited highlight makes its cards again from the new text; the generator may make other
kinds and ordinals than before (a cloze where there was a recall card, two clozes where
there were three). A reviewed card the generator no longer makes hands its schedule and
review log to the most similar card made from the new text that has no history of its
own, whatever its kind; pairs are taken best first, each card in at most one pair.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class CardText:
    id: str
    kind: str
    front: str
    answer: str | None


def pair_heirs(retiring: list[CardText], fresh: list[CardText]) -> list[tuple[str, str]]:
    """(retiring id, heir id) pairs, the most similar first; a retiring card left without
    a fresh card to inherit from it is in no pair."""
    scored = sorted((-similarity(old, new), old.id, new.id) for old in retiring for new in fresh)
    taken_old: set[str] = set()
    taken_new: set[str] = set()
    pairs = []
    for _, old_id, new_id in scored:
        if old_id not in taken_old and new_id not in taken_new:
            pairs.append((old_id, new_id))
            taken_old.add(old_id)
            taken_new.add(new_id)
    return pairs


def similarity(old: CardText, new: CardText) -> float:
    """How alike two cards ask: their fronts, plus their expected answers when both have
    one; the same kind breaks ties."""
    score = _ratio(old.front, new.front)
    if old.answer and new.answer:
        score += _ratio(old.answer, new.answer)
    return score + (0.001 if old.kind == new.kind else 0.0)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
