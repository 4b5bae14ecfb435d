"""Answers a cloze must not ask for, and fronts that give their answer away.

- generic words (``generic.txt``: 深度学习, 模型, 张量...) and stopwords: hiding one asks
  nothing the sentence does not already say;
- the book's placeholders (``nn.Xxx``) and a listing's own attribute names (``self.hidden``);
- a front that still shows the answer after blanking: in another case (``ReLU``/``Relu``),
  inside a longer name (``Sequential`` in ``MySequential``), written with ``-``/``_``
  (``log-softmax`` beside ``F.log_softmax``), with a character slipped in
  (``对抗生成式网络`` beside ``对抗生成网络``), or in English (``weight_decay`` beside
  ``权重衰减``, see ``translations.txt``).
"""

from __future__ import annotations

import re

from studykit.cards.lexicon import generic_words, stopwords, translations

_PLACEHOLDER = re.compile(r"X{2,}|Xx+|x{3,}|\.\.\.|…")
_GLUE = re.compile(r"[\s\-_.]+")
_GLOSS_OPEN = re.compile(r"\s?[（(]")
_CJK = re.compile("[\u3400-\u9fff]")
_LATIN = re.compile("[A-Za-z]")
_CJK_OUTSIDE = re.compile("[^\u3400-\u9fff]")
MIN_VARIANT = 4  # shorter Chinese terms have too many look-alikes to judge


def worth_hiding(answer: str) -> bool:
    """Not generic, not a stopword, not a placeholder or a listing's attribute."""
    key = answer.strip().casefold()
    if not key or key in generic_words() or key in stopwords():
        return False
    if key.startswith("self.") or _PLACEHOLDER.search(answer):
        return False
    opening = _GLOSS_OPEN.split(answer, maxsplit=1)
    if len(opening) == 2:  # a term and its gloss: the term must be worth hiding
        term = opening[0].strip().casefold()
        return term not in generic_words() and term not in stopwords()
    return True


def _in_english(front: str, answer: str) -> bool:
    """The answer's English on the front (``.grad`` beside a blank for 梯度)."""
    english = translations().get(answer)
    if not english:
        return False
    folded = front.casefold()
    return any(re.search(rf"(?<![a-z]){re.escape(word)}", folded) for word in english)


def gives_away(front: str, answer: str) -> bool:
    """Whether the front still shows the answer: folded for case and ``-``/``_``/``.``
    (Latin), or with a character slipped in (``对抗生成式网络`` beside ``对抗生成网络``)."""
    if _CJK.search(answer):
        term = _GLOSS_OPEN.split(answer, maxsplit=1)[0].strip()
        if term != answer:  # a term with its gloss: the term alone still on the front?
            return term in front
        if _in_english(front, answer):
            return True
        if len(answer) < MIN_VARIANT or _CJK_OUTSIDE.search(answer):
            return False  # Chinese is blanked everywhere it occurs
        return re.search(".?".join(map(re.escape, answer)), front) is not None
    if not _LATIN.search(answer):  # a number: only the same number gives it away
        return re.search(rf"(?<![\d.]){re.escape(answer)}(?![\d.]*\d)", front) is not None
    key = _GLUE.sub("", answer).casefold()
    return len(key) > 1 and key in _GLUE.sub("", front).casefold()
