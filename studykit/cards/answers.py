"""Answers a cloze must not ask for, and fronts that give their answer away.

- generic words (``generic.txt``: 深度学习, 模型, 张量...) and stopwords: hiding one asks
  nothing the sentence does not already say;
- the book's placeholders (``nn.Xxx``) and a listing's own attribute names (``self.hidden``);
- a front that still shows the answer after blanking: in another case (``ReLU``/``Relu``),
  inside a longer name (``Sequential`` in ``MySequential``), written with ``-``/``_``
  (``log-softmax`` beside ``F.log_softmax``), with a character slipped in
  (``对抗生成式网络`` beside ``对抗生成网络``, ``GoogLeNet`` in a heading above a blank for
  the page's misspelt ``GooLeNet``), or in English (``weight_decay`` beside ``权重衰减``,
  see ``translations.txt``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from studykit.cards.lexicon import generic_words, stopwords, translations

_PLACEHOLDER = re.compile(r"X{2,}|Xx+|x{3,}|\.\.\.|…")
_GLUE = re.compile(r"[\s\-_.]+")
_GLOSS_OPEN = re.compile(r"\s?[（(]")
_CJK = re.compile("[\u3400-\u9fff]")
_LATIN = re.compile("[A-Za-z]")
_CJK_OUTSIDE = re.compile("[^\u3400-\u9fff]")
MIN_VARIANT = 4  # shorter Chinese terms have too many look-alikes to judge
_LAST_NAME = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)(?:\([^()]*\))?$")  # nn.Sequential() -> Sequential
MIN_API_NAME = 4  # shorter names (nn.RNN's RNN) are said on their own too often
MIN_LATIN_VARIANT = 8  # letters; shorter names differ by one letter on purpose (ResNet, ResNeXt)


@lru_cache(maxsize=4096)
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
    for word in english:
        start = folded.find(word)
        while start >= 0:
            if not (start and "a" <= folded[start - 1] <= "z"):
                return True
            start = folded.find(word, start + 1)
    return False


def _with_one_more(front: str, answer: str) -> bool:
    """``answer`` on the front with at most one character slipped in."""
    start = front.find(answer[0])
    last = answer[-1]
    while start >= 0:
        window = front[start:start + len(answer) + 1]
        if window.startswith(answer):
            return True
        if window[-1] == last:  # a character slipped in keeps the last one last
            for i in range(1, len(answer)):  # drop the i-th character of the window
                if window[:i] + window[i + 1:] == answer:
                    return True
        start = front.find(answer[0], start + 1)
    return False


def gives_away(front: str, answer: str) -> bool:
    """Whether the front still shows the answer: folded for case and ``-``/``_``/``.``
    (Latin), or with a character slipped in (``对抗生成式网络`` beside ``对抗生成网络``)."""
    kind, key = _answer_shape(answer)
    if kind == "glossed":  # a term with its gloss: the term alone still on the front?
        return key in front
    if kind == "chinese":
        if _in_english(front, answer):
            return True
        return len(answer) >= MIN_VARIANT and _with_one_more(front, answer)
    if kind == "mixed":
        return _in_english(front, answer)
    if kind == "number":  # only the same number gives it away
        return re.search(rf"(?<![\d.]){re.escape(answer)}(?![\d.]*\d)", front) is not None
    if "." in answer and _named_elsewhere(front, answer):
        return True
    folded = front.casefold()
    if len(key) < 2 or key[:2] not in folded:  # the usual case, without a regex
        return False
    glued = _GLUE.sub("", folded)
    return key in glued or (len(key) >= MIN_LATIN_VARIANT and _one_apart(glued, key))


def _named_elsewhere(front: str, answer: str) -> bool:
    """The name proper of a dotted API (``Sequential`` of ``torch.nn.Sequential()``) on the
    front in another one (``Keras的models.Sequential()``)."""
    pattern = _name_pattern(answer)
    return pattern is not None and pattern.search(front) is not None


@lru_cache(maxsize=1024)
def _name_pattern(answer: str) -> re.Pattern[str] | None:
    """The name proper of a dotted answer as a whole word, or None when too short."""
    name = _LAST_NAME.search(answer)
    if name is None or len(name[1]) < MIN_API_NAME:
        return None
    return re.compile(rf"(?<![A-Za-z0-9_]){re.escape(name[1])}(?![A-Za-z0-9_])")


def _one_apart(front: str, key: str) -> bool:
    """``key`` on the front with one letter more or one letter less (``googlenet`` for
    ``goolenet``), the first two letters the same."""
    start = front.find(key[:2])
    while start >= 0:
        longer = front[start:start + len(key) + 1]
        if len(longer) == len(key) + 1 and any(longer[:i] + longer[i + 1:] == key
                                               for i in range(2, len(longer))):
            return True
        shorter = front[start:start + len(key) - 1]
        if any(key[:i] + key[i + 1:] == shorter for i in range(2, len(key))):
            return True
        start = front.find(key[:2], start + 1)
    return False


@lru_cache(maxsize=4096)
def _answer_shape(answer: str) -> tuple[str, str]:
    """How an answer is checked (``glossed``, ``chinese``, ``mixed``, ``number``, ``latin``)
    and its key: the term of a glossed answer, a Latin answer folded without separators."""
    if _CJK.search(answer):
        term = _GLOSS_OPEN.split(answer, maxsplit=1)[0].strip()
        if term != answer:
            return "glossed", term
        return ("mixed" if _CJK_OUTSIDE.search(answer) else "chinese"), answer
    if not _LATIN.search(answer):
        return "number", answer
    return "latin", _GLUE.sub("", answer).casefold()
