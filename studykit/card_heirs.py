"""Where each card's history goes when its highlight's text changes.

An edited highlight makes its cards again from the new text, and the generator may make
other kinds and ordinals than before (a recall card where there was a cloze, one cloze
where there were two, a cloze that now hides another word). A card's history is its
schedule and review log; it belongs with what the card asks, not with the card's id.

:func:`plan_heirs` pairs the highlight's reviewed cards (their old text) with the cards
made from the new text, most similar first, whatever their kinds; a pair of the same id
is the card staying itself. Each history then moves to its heir's row. A reviewed card
left without an heir keeps its history and its old text: in its own row when the new
cards do not reuse its id, otherwise in a row the new cards left free (there always is
one). No history is dropped or reset while the highlight exists.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

SAME_ID_BONUS = 0.05  # a card regenerated with much the same text stays itself


@dataclass(frozen=True)
class CardText:
    id: str
    kind: str
    front: str
    answer: str | None


@dataclass
class Plan:
    """``moves``: (source card id, row id): the source's history goes to that row.
    ``rehomed``: row id -> source id whose old text the row takes (a history that lost its
    own row). ``emptied``: rows whose history left and that receive none."""

    moves: list[tuple[str, str]] = field(default_factory=list)
    rehomed: dict[str, str] = field(default_factory=dict)
    emptied: set[str] = field(default_factory=set)


def plan_heirs(sources: list[CardText], targets: list[CardText],
               spare_rows: list[CardText]) -> Plan:
    """``sources``: cards with a history, as they were; ``targets``: the cards made from
    the new text that may take one (new ones, ones without a history, and sources made
    again under the same id); ``spare_rows``: rows of old cards not made again that hold
    no history. Every source ends in exactly one row, no row holds two histories."""
    pairs = pair_heirs(sources, targets)
    plan = Plan(moves=[(old, new) for old, new in pairs if old != new])
    taken = {new for _, new in pairs}
    made = {t.id for t in targets}
    free = [s for s in sources if s.id not in made and s.id in {o for o, _ in plan.moves}]
    free += spare_rows
    paired = {old for old, _ in pairs}
    for source in sources:
        if source.id in paired or source.id not in taken:
            continue  # it has an heir, or it keeps its own row
        row = _spare_row(free, source)
        plan.moves.append((source.id, row))
        plan.rehomed[row] = source.id
    received = {row for _, row in plan.moves}
    plan.emptied = {old for old, _ in plan.moves} - received
    return plan


def pair_heirs(retiring: list[CardText], fresh: list[CardText]) -> list[tuple[str, str]]:
    """(old id, heir id) pairs, the most similar first, each card in at most one pair;
    cards of the larger side are left over."""
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
    one; the same id, then the same kind, break near ties."""
    score = _ratio(old.front, new.front)
    if old.answer and new.answer:
        score += _ratio(old.answer, new.answer)
    if old.id == new.id:
        score += SAME_ID_BONUS
    return score + (0.001 if old.kind == new.kind else 0.0)


def _spare_row(free: list[CardText], source: CardText) -> str:
    """A free row for a history whose own row the new cards took; one of the same kind
    first (such as the row whose history took its place)."""
    if not free:  # cannot happen: each source that took a row of the new cards freed one
        raise AssertionError(f"no row left for the history of {source.id}")
    row = next((r for r in free if r.kind == source.kind), free[0])
    free.remove(row)
    return row.id


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
