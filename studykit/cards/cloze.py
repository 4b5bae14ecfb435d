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
    API,
    KEYWORD,
    KEYWORD_NAME,
    KEYWORD_VALUE,
    NUMBER,
    TERM,
    Candidate,
    find_spans,
    is_weak,
    term_spans,
)

BLANK = "[...]"
MAX_HIDDEN_SHARE = 0.4
PER_TIER = 12
MIN_KEYWORD_TEXT = 5  # shorter text cannot hide a two-character word within the share
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def sibling_limit(text: str) -> int:
    """How many cloze cards a highlight of this length deserves."""
    length = len(text)
    return 1 if length < 24 else 2 if length < 50 else 3


def cloze_spans(text: str, limit: int) -> list[tuple[str, str]]:
    """``(front, answer)`` for up to ``limit`` siblings, most preferred first."""
    candidates = find_spans(text)
    with_terms = len({text[c[2]:c[3]] for c in candidates if not is_weak(c)}) < limit
    if with_terms:  # too few rule-found spans: dictionary terms may fill the siblings
        candidates += term_spans(text)
    chosen = _choose(text, candidates, limit)
    if len(chosen) < limit and not with_terms:  # rule-found spans too long for the share
        candidates += term_spans(text)
        chosen = _choose(text, candidates, limit)
    if not candidates and len(text) >= MIN_KEYWORD_TEXT:
        from studykit.cards.keywords import keywords  # jieba: only when nothing cheaper exists

        chosen = _choose(text, _keyword_candidates(text, keywords(text, limit + 2)), limit)
    return chosen


def _keyword_candidates(text: str, words: list[str]) -> list[Candidate]:
    return [(KEYWORD, rank, start, start + len(word))
            for rank, word in enumerate(words) if (start := text.find(word)) >= 0]


def _choose(text: str, candidates: list[Candidate], limit: int) -> list[tuple[str, str]]:
    chosen: list[tuple[str, str]] = []
    answers: list[str] = []
    budget = MAX_HIDDEN_SHARE * len(text)
    for _, _, start, end in _round_robin(text, candidates):
        answer = text[start:end]
        if end - start > budget:
            continue
        for other in answers:  # "卷积" after "卷积层": the same question twice
            if answer in other or other in answer:
                break
        else:
            front, hidden = blank_out(text, answer)
            if 0 < hidden <= budget:
                chosen.append((front, answer))
                answers.append(answer)
                if len(chosen) == limit:
                    break
    return chosen


def _round_robin(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """The rule tiers 0-3 in turn (the best span of each, then the second best of each, ...),
    then dictionary terms and keywords, then keyword arguments (``padding=1``). Of overlapping
    candidates (``device`` in ``.to(device)``) only the most preferred one is kept."""
    kept: list[Candidate] = []
    keyed = []
    seen: set[str] = set()  # one candidate per text: every occurrence is blanked anyway
    place = [0] * (KEYWORD + 1)
    for c in sorted(candidates):  # by tier, rank, position
        tier, rank, start, end = c
        if place[tier] == PER_TIER or text[start:end] in seen:
            continue  # a pasted chapter: the best few of each tier are plenty
        for k in kept:
            if start < k[3] and k[2] < end:
                break
        else:
            kept.append(c)
            seen.add(text[start:end])
            weak = (tier == API and rank == KEYWORD_NAME) or (tier == NUMBER
                                                              and rank == KEYWORD_VALUE)
            keyed.append((weak, tier >= TERM, place[tier], tier, c))
            place[tier] += 1
    keyed.sort()
    return [k[-1] for k in keyed]


def blank_out(text: str, answer: str) -> tuple[str, int]:
    """``text`` with every whole occurrence of ``answer`` blanked; the hidden length."""
    ascii_edges = answer[0] in _ASCII_WORD, answer[-1] in _ASCII_WORD
    start = text.find(answer)
    if start >= 0 and text.find(answer, start + 1) < 0:  # the usual case: one occurrence
        if _whole(text, start, start + len(answer), ascii_edges):
            return text[:start] + BLANK + text[start + len(answer):], len(answer)
        return text, 0
    parts, hidden, position = [], 0, 0
    while start >= 0:
        end = start + len(answer)
        if _whole(text, start, end, ascii_edges):
            parts += [text[position:start], BLANK]
            hidden += len(answer)
            position = end
        start = text.find(answer, end if position == end else start + 1)
    parts.append(text[position:])
    return "".join(parts), hidden


def _whole(text: str, start: int, end: int, ascii_edges: tuple[bool, bool]) -> bool:
    """An ASCII word is not hidden inside a longer one (``grad`` in ``requires_grad``)."""
    if ascii_edges[0] and start and text[start - 1] in _ASCII_WORD:
        return False
    return not (ascii_edges[1] and end < len(text) and text[end] in _ASCII_WORD)
