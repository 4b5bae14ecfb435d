"""Cloze siblings: pick one to three different spans and blank them out in context.

Ordinal 1 hides the most preferred span (see ``spans``); further siblings go round the rule
tiers (the best span of each tier, then the second best of each, ...) so that one highlight
asks for an API name, an English term and a number rather than three API names; dictionary
terms and jieba keywords come after every rule-found span, keyword arguments last.

Every occurrence of the hidden text is blanked (a second ``nn.Conv2d`` would give the answer
away), and a card whose blanks would cover more than ``MAX_HIDDEN_SHARE`` of the text is not
made. The share counts meaningful units (a Chinese character, a Latin word or number), not
characters: ``optimizer.zero_grad()`` is two units of a sentence, not 21 characters of 37.
"""

from __future__ import annotations

import re
from operator import itemgetter

from studykit.cards.answers import gives_away, worth_hiding
from studykit.cards.layout import Layout, layout, units, without_enumerator
from studykit.cards.lexicon import basic_terms, term_set
from studykit.cards.spans import (
    API,
    DEFINED,
    ENGLISH,
    KEYWORD,
    TERM,
    WEAK_RANK,
    Candidate,
    find_spans,
    term_spans,
)
from studykit.cards.worth import carry

BLANK = "[...]"
MAX_HIDDEN_SHARE = 0.4
PER_TIER = 12
MIN_KEYWORD_TEXT = 5  # shorter text cannot hide a two-character word within the share
MIN_BODY_UNITS = 6  # characters and words left outside headings, figure talk and formulas
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_NUMBER_JOINERS = frozenset("×xX*@.")
_GLUE_CHARS = _ASCII_WORD | _NUMBER_JOINERS | {"-"}  # a token may run on across these
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_GLOSSED = re.compile(r"\s?[（(]")
_LAST_OF_LIST = re.compile(r"、[^，,。；;、]{1,12}(?:和|与|及|以及|或)\s?$")
_COMPOUND_PREFIXES = frozenset("单双多非子均总超")
_BLANK_BEFORE_SUFFIX = re.compile(r"\[\.\.\.\][层器块]")  # a noun's suffix after a blank
_CONJUNCTIONS = frozenset("和与或及")
_BARE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?![A-Za-z0-9_.(])")  # no call, no dot
_BARE_NAME_BEFORE = re.compile(r"(?<![A-Za-z0-9_.)])[A-Za-z_][A-Za-z0-9_]*$")
MAX_COMPOUND = 8
_LATIN_TITLE = re.compile(r"[A-Za-z][A-Za-z0-9\-]*(?: [A-Za-z][A-Za-z0-9\-]*){0,2}")
# the round-robin groups by tier: rule tiers 0-3, then dictionary terms and keywords; weak
# candidates (keyword argument names and values) after every other
_GROUP = tuple(int(tier >= TERM) for tier in range(KEYWORD + 1))
_WEAK_ORDER = itemgetter(1, 2, 6)
_NONE: frozenset[str] = frozenset()  # weak ones in turn too: place, tier, text


def sibling_limit(text: str) -> int:
    """How many cloze cards a highlight of this length deserves."""
    length = len(text)
    return 1 if length < 24 else 2 if length < 50 else 3


def cloze_spans(text: str, limit: int, where: Layout | None = None) -> list[tuple[str, str]]:
    """``(front, answer)`` for up to ``limit`` siblings, most preferred first; none when
    the text leaves too little to blank (see ``layout``)."""
    where = where or layout(text)
    if where.body_units < MIN_BODY_UNITS:
        return []
    candidates = _vetted(text, find_spans(text), where)
    if where.headings and where.headings[0][0] == 0:
        candidates += _heading_term(text, where.headings[0])
    if where.pairs:
        candidates += [(ENGLISH, 0, start, end) for start, end in where.pairs
                       if worth_hiding(text[start:end])]
    with_terms = len(candidates) < limit or _distinct_strong(text, candidates) < limit
    terms = _Terms(text)  # also needed to tell a term inside a longer one
    if with_terms:  # too few rule-found spans: dictionary terms may fill the siblings
        candidates += _placed(terms.found(), where)
    pairs = frozenset(text[start:end] for start, end in where.pairs) if where.pairs else _NONE
    budget = MAX_HIDDEN_SHARE * where.total_units
    chosen = _choose(text, candidates, limit, budget, pairs, terms) if candidates else []
    if len(chosen) < limit and not with_terms:  # rule-found spans too long for the share
        vetted = _placed(terms.found(), where)
        if vetted:
            candidates += vetted
            chosen = _choose(text, candidates, limit, budget, pairs, terms)
    if not candidates and len(text) >= MIN_KEYWORD_TEXT:
        from studykit.cards.keywords import keywords  # jieba: only when nothing cheaper exists

        candidates = _vetted(text, _keyword_candidates(text, keywords(text, limit + 2)), where)
        chosen = _choose(text, candidates, limit, budget) if candidates else []
    return chosen


def _heading_term(text: str, line: tuple[int, int]) -> list[Candidate]:
    """The first line of a highlight when it is a term alone (``步幅``, ``梯度下降``,
    ``Faster RCNN``) above the paragraph that says what it is: that paragraph defines it, so
    the term is a blank (everywhere, the heading included)."""
    start, end = line
    title = without_enumerator(text[start:end]).strip().rstrip(":：")
    if not title or not (title in term_set() or _LATIN_TITLE.fullmatch(title)) \
            or not worth_hiding(title):
        return []
    start = text.index(title, start)
    return [(DEFINED, 0, start, start + len(title))]


class _Terms:
    """The dictionary terms of a text (see ``term_spans``), found when first asked for: a
    text whose rule-found spans fill its siblings with Latin names never needs them."""

    __slots__ = ("text", "_found")

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: list[Candidate] | None = None

    def found(self) -> list[Candidate]:
        if self._found is None:
            self._found = term_spans(self.text)
        return self._found


def _placed(terms: list[Candidate], where: Layout) -> list[Candidate]:
    """Dictionary terms (already worth hiding, see ``term_spans``) where a blank may go."""
    if not where.blocked:
        return terms
    text = where.text
    return [c for c in terms if where.allows(c[2], c[3]) and text[c[2]:c[3]] not in where.glossed]


def _vetted(text: str, candidates: list[Candidate], where: Layout) -> list[Candidate]:
    """The candidates a blank may take: outside headings, figure talk, formulas, links and
    glosses, not a term whose gloss is printed beside it somewhere (every occurrence is
    blanked), and worth hiding (see ``answers``)."""
    if not where.blocked:
        return [c for c in candidates if worth_hiding(text[c[2]:c[3]])]
    return [c for c in candidates if where.allows(c[2], c[3])
            and text[c[2]:c[3]] not in where.glossed and worth_hiding(text[c[2]:c[3]])]


def _distinct_strong(text: str, candidates: list[Candidate]) -> int:
    """How many different texts the candidates that are not keyword names/values hide."""
    return len({text[start:end] for tier, rank, start, end in candidates
                if rank != WEAK_RANK[tier]})


def _keyword_candidates(text: str, words: list[str]) -> list[Candidate]:
    return [(KEYWORD, rank, start, start + len(word))
            for rank, word in enumerate(words) if (start := text.find(word)) >= 0]


def _choose(text: str, candidates: list[Candidate], limit: int, budget: float,
            pairs: frozenset[str] = frozenset(),
            terms: _Terms | None = None) -> list[tuple[str, str]]:
    """Up to ``limit`` siblings in round-robin order (see ``_round_robin``), a weak one only
    when nothing better was found (and never in a lead-in to a listing that is not there).
    A candidate is passed over when it asks what a sibling asks, cuts a longer dictionary
    term (``terms``: ``梯度`` in ``梯度裁剪``) or a noun (``归一化`` of ``归一化层``), hides
    more than ``budget`` units, or leaves its answer on the front; ``pairs`` are the answers
    that are a term with its gloss, whose gloss counts once in the share. A sibling never
    carries less than the first blank (see ``worth``)."""
    chosen: list[tuple[str, str]] = []
    weak: list[tuple] = []
    longer: tuple[str, list[str]] | None = None
    first_carry = 0  # what the first blank carries: no sibling carries less (see worth)
    enumerated, ordered = "、" in text, "<" in text or ">" in text  # once, not per candidate
    for entry in _round_robin(text, candidates):
        _, _, tier, rank, start, end, answer = entry
        if chosen:  # weak ones are only kept for a highlight that has no sibling yet
            if carry(tier, rank, answer) < first_carry or _asked(answer, chosen) \
                    or _weak(text, tier, rank, start, end, enumerated, ordered):
                continue
        elif _weak(text, tier, rank, start, end, enumerated, ordered):
            weak.append(entry)
            continue
        if terms and answer[0] not in _ASCII_WORD and len(answer) <= MAX_COMPOUND:
            if longer is None:
                names = [text[s:e] for _, _, s, e in terms.found() if e - s > 1]
                longer = "\x00".join(names), names
            # inside a term other than itself: found more often than it is a term itself
            if longer[0].count(answer) > longer[1].count(answer):
                continue
        front, hidden = blank_out(text, answer)
        hidden = _hidden_units(answer, hidden, answer in pairs if pairs else False)
        if 0 < hidden <= budget and not gives_away(front, answer) \
                and not _cuts_compound(front, answer):
            if not chosen:
                first_carry = carry(tier, rank, answer)
            chosen.append((front, answer))
            if len(chosen) == limit:
                return chosen
    if not chosen and not _leads_in(text):  # a weak blank only when nothing better is there
        for entry in sorted(weak, key=_WEAK_ORDER):
            answer = entry[6]
            if terms and answer[0] not in _ASCII_WORD and any(
                    answer in text[s:e] and e - s > len(answer) for _, _, s, e in terms.found()):
                continue
            front, hidden = blank_out(text, answer)
            hidden = _hidden_units(answer, hidden)
            if 0 < hidden <= budget and not gives_away(front, answer) \
                    and not _cuts_compound(front, answer):
                return [(front, answer)]
    return chosen


def _leads_in(text: str) -> bool:
    """A highlight that ends by introducing what it does not hold (``…使用自定义层:``): its
    point is elsewhere, and a weak blank on its setup is guessed."""
    return text.rstrip()[-1:] in (":", "：")


def _cuts_compound(front: str, answer: str) -> bool:
    """A Chinese blank glued to the suffix of a longer noun: ``归一化`` of ``归一化层``
    leaves ``[...]层``."""
    return "\u3400" <= answer[-1] <= "\u9fff" and _BLANK_BEFORE_SUFFIX.search(front) is not None


def _hidden_units(answer: str, hidden_chars: int, glossed: bool = False) -> int:
    """The units hidden by blanking every occurrence of ``answer`` (``hidden_chars``
    characters in all); of a term with its gloss only the term counts (the gloss says it
    again)."""
    if not hidden_chars:
        return 0
    counted = _UNITS_OF.get((answer, glossed))
    if counted is None:
        term = _GLOSSED.split(answer, maxsplit=1)[0] if glossed else answer
        counted = _UNITS_OF[(answer, glossed)] = max(units(term), 1)
        if len(_UNITS_OF) > _CACHE_SIZE:
            _UNITS_OF.clear()
    return hidden_chars // len(answer) * counted


_UNITS_OF: dict[tuple[str, bool], int] = {}  # answer, glossed -> its units
_CACHE_SIZE = 4096


def _asked(answer: str, chosen: list[tuple[str, str]]) -> bool:
    """Asked already by a sibling: ``卷积`` after ``卷积层``, ``Relu`` after ``ReLU``."""
    folded = answer.casefold()
    for _, other in chosen:
        other = other.casefold()
        if folded in other or other in folded:
            return True
    return False


def _round_robin(text: str, candidates: list[Candidate]) -> list[tuple]:
    """``(group, place, tier, rank, start, end, text to hide)`` in turn from the rule tiers
    0-3 (the best span of each, then the second best of each, ...), then dictionary terms
    and keywords. Of overlapping candidates (``device`` in ``.to(device)``) only the most
    preferred one is kept, and one candidate per text (every occurrence is blanked anyway).

    Weak ones (see ``_weak``) are told apart by the caller, as it reaches them: a caller
    that has its siblings stops before the rest are looked at."""
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
            ordered.append((_GROUP[tier], placed, tier, rank, start, end, span))
            place[tier] = placed + 1
    if len(ordered) > 1:
        ordered.sort()
    return ordered


def _weak(text: str, tier: int, rank: int, start: int, end: int, enumerated: bool = True,
          ordered: bool = True) -> bool:
    """A blank made only when a highlight offers nothing better: a keyword argument, a
    jieba keyword, the field's everyday vocabulary (``卷积层``, ``tensor``), one item of an
    enumeration (``卷积层、[...]等``, ``1x1、3x3和[...]``) or of an ordering (``CPU > [...] >
    FPGA``), one of a pair that shows the other half (``[...]和梯度消失``, ``load和[...]``),
    part of a longer compound (``单[...]``). ``enumerated`` and
    ``ordered``: whether the text holds a ``、`` and a ``<`` or ``>`` at all."""
    if rank == WEAK_RANK[tier] or tier == KEYWORD:
        return True
    before, after = text[start - 1:start] if start else "", text[end:end + 1]
    if (enumerated and (after == "、" or before == "、" or _listed(text, start))) \
            or (ordered and _in_ordering(text, start, end)):
        return True  # 1x1、[...]和5x5; CPU > [...] > FPGA
    if (after in _CONJUNCTIONS or before in _CONJUNCTIONS) and tier in (API, ENGLISH) \
            and _bare_pair(text, start, end):
        return True  # load和save: either name is guessed from the other
    if tier not in (TERM, ENGLISH):
        return False
    if (tier == ENGLISH and text[start:end].casefold() in basic_terms()) or (
            tier == TERM and before in _COMPOUND_PREFIXES):
        return True
    return (after in _CONJUNCTIONS or before in _CONJUNCTIONS) and _paired(text, start, end)


def _in_ordering(text: str, start: int, end: int) -> bool:
    """One link of a chain ordered by ``<`` or ``>`` (``CPU > GPU > DSP``)."""
    return text[:start].rstrip()[-1:] in ("<", ">") or text[end:].lstrip()[:1] in ("<", ">")


def _listed(text: str, start: int) -> bool:
    """The last item of an enumeration (``A、B和[...]``): guessed by elimination more than
    recalled (the others touch a ``、``)."""
    return _LAST_OF_LIST.search(text, max(0, start - 16), start) is not None


def _bare_pair(text: str, start: int, end: int) -> bool:
    """Two bare names joined by 和/与/或/及 (``load和save``, ``in_units和units``); calls
    and dotted names are two things to know (``model.train()和model.eval()``)."""
    if not _BARE_NAME.fullmatch(text, start, end):
        return False
    if text[end:end + 1] in _CONJUNCTIONS and _BARE_NAME.match(text, end + 1):
        return True
    return start > 1 and text[start - 1] in _CONJUNCTIONS \
        and _BARE_NAME_BEFORE.search(text, 0, start - 1) is not None


def _paired(text: str, start: int, end: int) -> bool:
    """``梯度爆炸和梯度消失``, ``分类问题和回归问题``: the other half, beside it, shares a
    head or a tail with the blank."""
    size = end - start
    span = text[start:end]
    if size < 3 or span[0] in _ASCII_WORD:  # model.train()和model.eval(): two calls to know
        return False
    others = []
    if text[end:end + 1] in _CONJUNCTIONS:
        others.append(text[end + 1:end + 1 + size])
    if start and text[start - 1] in _CONJUNCTIONS:
        others.append(text[max(0, start - 1 - size):start - 1])
    return any(len(other) >= 2 and (other[:2] == span[:2] or other[-2:] == span[-2:])
               for other in others)


def blank_out(text: str, answer: str) -> tuple[str, int]:
    """``text`` with every whole occurrence of ``answer`` blanked (Latin letters in any
    case: ``ReLU`` hides ``Relu`` too); the hidden length. A blank never cuts a token:
    ``1×1`` stays inside ``10×1×1``, ``MNIST`` inside ``Fashion-MNIST``. Code (``.to(device)``)
    is matched in its own case."""
    if not answer:
        return text, 0
    if answer[0] not in _ASCII_WORD and answer[-1] not in _ASCII_WORD:
        return text.replace(answer, BLANK), text.count(answer) * len(answer)  # always whole
    haystack, needle = text, answer
    if answer.isalpha() and answer.isascii():  # a word, in any case (code keeps its case)
        haystack, needle = text.translate(_ASCII_LOWER), answer.translate(_ASCII_LOWER)
    start = haystack.find(needle)
    if start < 0:
        return text, 0
    end = start + len(needle)
    if haystack.find(needle, end) < 0 and _whole(text, start, end):  # the usual case: once
        return text[:start] + BLANK + text[end:], end - start
    parts, hidden, position = [], 0, 0
    while start >= 0:
        end = start + len(needle)
        if _whole(text, start, end):
            parts += [text[position:start], BLANK]
            hidden += end - start
            position = end
            start = haystack.find(needle, end)
        else:
            start = haystack.find(needle, start + 1)
    parts.append(text[position:])
    return "".join(parts), hidden


def _whole(text: str, start: int, end: int) -> bool:
    """No token runs on across either edge (``grad`` in ``requires_grad``, ``1×1`` in
    ``10×1×1``, ``MNIST`` in ``Fashion-MNIST``)."""
    if start and text[start - 1] in _GLUE_CHARS \
            and _glued(text[start - 1], text[start], text[start - 2] if start > 1 else ""):
        return False
    return end == len(text) or text[end] not in _GLUE_CHARS \
        or not _glued(text[end], text[end - 1], text[end + 1:end + 2])


def _glued(outside: str, inside: str, beyond: str) -> bool:
    if inside in _ASCII_WORD and outside in _ASCII_WORD:
        return True
    if outside == "-":
        return inside in _ASCII_WORD and beyond != "" and beyond in _ASCII_WORD
    return outside in _NUMBER_JOINERS and inside.isdigit() and beyond.isdigit()
