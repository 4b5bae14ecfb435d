"""Cloze siblings: pick one to three different spans and blank them out in context.

Ordinal 1 hides the most preferred span (see ``spans``); further siblings go round the rule
tiers (the best span of each tier, then the second best of each, ...) so that one highlight
asks for an API name, an English term and a number rather than three API names; dictionary
terms and jieba keywords come after every rule-found span, keyword arguments last.

Every occurrence of the hidden text is blanked (a second ``nn.Conv2d`` would give the answer
away), and a card whose blanks would cover more than ``MAX_HIDDEN_SHARE`` of the text is not
made.
"""

from __future__ import annotations

from studykit.cards.spans import (
    KEYWORD,
    TERM,
    WEAK_RANK,
    Candidate,
    find_spans,
    term_spans,
)

BLANK = "[...]"
MAX_HIDDEN_SHARE = 0.4
PER_TIER = 12
MIN_KEYWORD_TEXT = 5  # shorter text cannot hide a two-character word within the share
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# the round-robin groups by tier: rule tiers 0-3, then dictionary terms and keywords; weak
# candidates (keyword argument names and values) after every other
_GROUP = tuple(int(tier >= TERM) for tier in range(KEYWORD + 1))
_WEAK = 2


def sibling_limit(text: str) -> int:
    """How many cloze cards a highlight of this length deserves."""
    length = len(text)
    return 1 if length < 24 else 2 if length < 50 else 3


def cloze_spans(text: str, limit: int) -> list[tuple[str, str]]:
    """``(front, answer)`` for up to ``limit`` siblings, most preferred first."""
    candidates = find_spans(text)
    with_terms = len(candidates) < limit or _distinct_strong(text, candidates) < limit
    if with_terms:  # too few rule-found spans: dictionary terms may fill the siblings
        candidates += term_spans(text)
    chosen = _choose(text, candidates, limit) if candidates else []
    if len(chosen) < limit and not with_terms:  # rule-found spans too long for the share
        terms = term_spans(text)
        if terms:
            candidates += terms
            chosen = _choose(text, candidates, limit)
    if not candidates and len(text) >= MIN_KEYWORD_TEXT:
        from studykit.cards.keywords import keywords  # jieba: only when nothing cheaper exists

        candidates = _keyword_candidates(text, keywords(text, limit + 2))
        chosen = _choose(text, candidates, limit) if candidates else []
    return chosen


def _distinct_strong(text: str, candidates: list[Candidate]) -> int:
    """How many different texts the candidates that are not keyword names/values hide."""
    return len({text[start:end] for tier, rank, start, end in candidates
                if rank != WEAK_RANK[tier]})


def _keyword_candidates(text: str, words: list[str]) -> list[Candidate]:
    return [(KEYWORD, rank, start, start + len(word))
            for rank, word in enumerate(words) if (start := text.find(word)) >= 0]


def _choose(text: str, candidates: list[Candidate], limit: int) -> list[tuple[str, str]]:
    chosen: list[tuple[str, str]] = []
    budget = MAX_HIDDEN_SHARE * len(text)
    for _, _, _, answer in _round_robin(text, candidates):
        if len(answer) > budget:
            continue
        for _, other in chosen:  # "卷积" after "卷积层": the same question twice
            if answer in other or other in answer:
                break
        else:
            front, hidden = blank_out(text, answer)
            if 0 < hidden <= budget:
                chosen.append((front, answer))
                if len(chosen) == limit:
                    break
    return chosen


def _round_robin(text: str, candidates: list[Candidate]) -> list[tuple[int, int, int, str]]:
    """``(group, place, tier, text to hide)`` in turn from the rule tiers 0-3 (the best span
    of each, then the second best of each, ...), then dictionary terms and keywords, then
    keyword arguments (``padding=1``). Of overlapping candidates (``device`` in
    ``.to(device)``) only the most preferred one is kept, and one candidate per text (every
    occurrence is blanked anyway)."""
    kept: list[tuple[int, int]] = []
    seen: set[str] = set()
    ordered = []
    place = [0] * (KEYWORD + 1)
    for tier, rank, start, end in sorted(candidates):  # by tier, rank, position
        placed = place[tier]
        if placed == PER_TIER:
            continue  # a pasted chapter: the best few of each tier are plenty
        span = text[start:end]
        if span in seen:
            continue
        for kept_start, kept_end in kept:
            if start < kept_end and kept_start < end:
                break
        else:
            kept.append((start, end))
            seen.add(span)
            group = _WEAK if rank == WEAK_RANK[tier] else _GROUP[tier]
            ordered.append((group, placed, tier, span))
            place[tier] = placed + 1
    ordered.sort()
    return ordered


def blank_out(text: str, answer: str) -> tuple[str, int]:
    """``text`` with every whole occurrence of ``answer`` blanked; the hidden length."""
    if answer and answer[0] not in _ASCII_WORD and answer[-1] not in _ASCII_WORD:
        return text.replace(answer, BLANK), text.count(answer) * len(answer)  # always whole
    start = text.find(answer)
    if start >= 0 and text.find(answer, start + 1) < 0:  # the usual case: one occurrence
        end = start + len(answer)
        if _whole(text, start, end, answer):
            return text[:start] + BLANK + text[end:], len(answer)
        return text, 0
    parts, hidden, position = [], 0, 0
    while start >= 0:
        end = start + len(answer)
        if _whole(text, start, end, answer):
            parts += [text[position:start], BLANK]
            hidden += len(answer)
            position = end
        start = text.find(answer, end if position == end else start + 1)
    parts.append(text[position:])
    return "".join(parts), hidden


def _whole(text: str, start: int, end: int, answer: str) -> bool:
    """An ASCII word is not hidden inside a longer one (``grad`` in ``requires_grad``)."""
    if start and answer[0] in _ASCII_WORD and text[start - 1] in _ASCII_WORD:
        return False
    return end == len(text) or answer[-1] not in _ASCII_WORD or text[end] not in _ASCII_WORD
