"""Cloze siblings: pick one to three different spans and blank them out in context.

Ordinal 1 hides the most preferred span (see ``spans``); further siblings go round the tiers
(the best span of each tier, then the second best of each, ...) so that one highlight asks for
an API name, a term and a number rather than three API names. Every occurrence of the hidden
text is blanked (a second ``nn.Conv2d`` would give the answer away), and a card whose blanks
would cover more than ``MAX_HIDDEN_SHARE`` of the text is not made.
"""

from __future__ import annotations

from studykit.cards.spans import KEYWORD, Candidate, find_spans, is_weak, term_spans

BLANK = "[...]"
MAX_HIDDEN_SHARE = 0.4
MIN_KEYWORD_TEXT = 5  # shorter text cannot hide a two-character word within the share
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def sibling_limit(text: str) -> int:
    """How many cloze cards a highlight of this length deserves."""
    length = len(text)
    return 1 if length < 24 else 2 if length < 50 else 3


def cloze_spans(text: str, limit: int) -> list[tuple[str, str]]:
    """``(front, answer)`` for up to ``limit`` siblings, most preferred first."""
    candidates = find_spans(text)
    if len({text[c[2]:c[3]] for c in candidates if not is_weak(c)}) < limit:
        candidates += term_spans(text)
    chosen = _choose(text, candidates, limit)
    if not candidates and len(text) >= MIN_KEYWORD_TEXT:
        from studykit.cards.keywords import keywords  # jieba: only when nothing cheaper worked

        chosen = _choose(text, _keyword_candidates(text, keywords(text, limit + 2)), limit)
    return chosen


def _keyword_candidates(text: str, words: list[str]) -> list[Candidate]:
    return [(KEYWORD, rank, start, start + len(word))
            for rank, word in enumerate(words) if (start := text.find(word)) >= 0]


def _choose(text: str, candidates: list[Candidate], limit: int) -> list[tuple[str, str]]:
    chosen: list[tuple[str, str]] = []
    answers: list[str] = []
    budget = MAX_HIDDEN_SHARE * len(text)
    for _, _, start, end in _round_robin(candidates):
        answer = text[start:end].strip()
        if any(answer in other or other in answer for other in answers):
            continue
        front, hidden = blank_out(text, answer)
        if hidden == 0 or hidden > budget:
            continue
        chosen.append((front, answer))
        answers.append(answer)
        if len(chosen) == limit:
            break
    return chosen


def _round_robin(candidates: list[Candidate]) -> list[Candidate]:
    """Best of each tier first, then the second best of each tier, and so on; keyword
    arguments (``padding=1``: name and value) only after all the others. Of overlapping
    candidates (``device`` in ``.to(device)``) only the most preferred one is kept."""
    kept: list[Candidate] = []
    for c in sorted(candidates):
        if not any(c[2] < k[3] and k[2] < c[3] for k in kept):
            kept.append(c)
    place: dict[int, int] = {}
    ordered = []
    for c in sorted(kept, key=lambda c: (c[0], c[1], c[2])):
        place[c[0]] = place.get(c[0], -1) + 1
        ordered.append((is_weak(c), place[c[0]], c[0], c))
    return [c for *_, c in sorted(ordered)]


def blank_out(text: str, answer: str) -> tuple[str, int]:
    """``text`` with every whole occurrence of ``answer`` blanked; the hidden length."""
    parts, hidden, position = [], 0, 0
    ascii_edges = answer[0] in _ASCII_WORD, answer[-1] in _ASCII_WORD
    start = text.find(answer)
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
