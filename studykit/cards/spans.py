"""Finding the spans of a highlight worth hiding in a cloze card, cheapest rules first.

Every rule yields candidates ``(tier, rank, start, end)``; a lower tier is preferred:

0. code and API names: ``optimizer.zero_grad()``, ``nn.MaxPool2d``, ``.to(device)``,
   ``requires_grad``, ``view()``; keyword names inside a call (``nn.Conv2d(3, 6, padding=1)``)
   rank last, but a flag set in prose (``设置shuffle=True``) is the point;
1. English terms: acronyms and names (``CNN``, ``ResNet``, ``Batch Normalization``), then
   lower-case words (``softmax``); a term and its gloss (``感受野（receptive field）``) come
   from ``layout`` as one span;
2. defined terms: ``X称为Y`` / ``被称之为Y`` / ``叫作Y`` hide Y; ``X是指…`` / ``所谓X`` hide X;
3. numbers with meaning: shapes (``16@4*4``, ``(64, 3, 3, 3)``), square kernels (``3×3``),
   results after ``=``, shapes a reduction gives (``求和得到(3, 4)``, ``sum:[2,4]``) before
   the example's input shape (``形状(2, 3, 4)的张量``), then keyword values
   (``momentum=0.9``); never the value of a one-letter variable (``v=(1,0)``: an example's);
4. terms of the deep-learning dictionary (``terms.txt``), longest first.

Tier 5, jieba keywords, lives in ``keywords.py``. Speed matters (this runs for every
highlight of an import): every pattern starts with a character class so that the regex engine
skips ahead quickly, boundaries are checked in Python, and rules are gated by cheap tests.
"""

from __future__ import annotations

import re
import sys
from functools import cache

from studykit.cards.lexicon import basic_terms, generic_words, stopwords, term_pattern, terms

API, ENGLISH, DEFINED, NUMBER, TERM, KEYWORD = range(6)
_STOPWORDS = stopwords()
Candidate = tuple[int, int, int, int]  # tier, rank within the tier, start, end
KEYWORD_NAME, KEYWORD_VALUE = 2, 4  # weak candidates: used after every other rule's
BASIC_TERM = 1  # the rank of a term of the everyday vocabulary (other terms: minus length)
WEAK_RANK = tuple({API: KEYWORD_NAME, NUMBER: KEYWORD_VALUE, TERM: BASIC_TERM}.get(tier)
                  for tier in range(KEYWORD + 1))  # by tier (None: none)

_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# Possessive runs (Python 3.11+; plain ones before, with the same matches): what follows each
# run (".", "(", "_", "=" or the end) cannot follow a shorter one, so backtracking into the run
# only costs time on every word that is no API name
_P = "+" if sys.version_info >= (3, 11) else ""
_ID = rf"[A-Za-z_][A-Za-z0-9_]*{_P}"
_ARGS = rf"(?:\(\)|\({_ID}\))?"
_API = re.compile(
    rf"(?=[A-Za-z_.])(?:(?<![A-Za-z0-9_.])(?:(?P<dotted>{_ID}(?:\.{_ID})+{_ARGS})"  # nn.Conv2d
    rf"|(?P<call>[A-Za-z_][A-Za-z0-9_]+{_P}\((?:{_ID})?\))"  # view(), len(loader)
    rf"|(?P<snake>_*{_P}[A-Za-z][A-Za-z0-9]+{_P}(?:_[A-Za-z0-9]+{_P})+{_P}_*{_P}"  # requires_grad
    rf"|__[a-z]+{_P}__)"
    rf"|(?P<keyword>[a-z][a-z0-9]{{2,}}{_P})(?==))"  # stride=
    rf"|(?<![A-Za-z0-9_.)\]])(?P<method>\.{_ID}{_ARGS}))(?![A-Za-z0-9_])")  # .to(device)
_API_RANK = {"dotted": 0, "method": 0, "call": 1, "snake": 1, "keyword": KEYWORD_NAME}
_FILE_SUFFIXES = frozenset(["ipynb", "py", "md", "txt", "html", "htm", "com", "org", "cn", "net",
                            "io", "json", "csv", "params", "pt", "pth"])
_URL = re.compile(r"[a-z]+://\S+")
_PATH = re.compile(r"(?=[A-Za-z0-9_/])[A-Za-z0-9_.\-]*(?:/[A-Za-z0-9_.\-]+)+"
                   r"|(?=[A-Za-z0-9_])[A-Za-z0-9_\-]+\.(?:ipynb|py|md|txt|html|json|csv|params|pt"
                   r"|pth)(?![A-Za-z0-9_])")

_CJK = "\u3400-\u9fff"
# the first letter is matched before the look-behind (which then spans two characters) so that
# the pattern opens with a character class and the engine skips the Chinese text in C
_WORD = re.compile(rf"[A-Za-z](?<![A-Za-z0-9_.\-\\=].)[A-Za-z0-9]*{_P}(?:-[A-Za-z0-9]+{_P})*{_P}"
                   r"(?![A-Za-z0-9_(=\-]|\.[A-Za-z_])")
_TWO_LETTERS = re.compile("[A-Za-z]{2}")
_LATIN = re.compile("[A-Za-z]")
_DIGIT = re.compile(r"\d")

_STOP = r"\s，,。；;：:、！？!?（()）“”\"'《》【】\[\]"
_CALLED = re.compile(rf"(?:称为|称之为|叫作|叫做|又称)(?:它的|其为|为)?(?P<t>[^{_STOP}]{{1,16}})")
_NOT_BEFORE_CALLED = "统名简俗宣"
_MEANS = re.compile(
    rf"(?:所谓)?(?P<t>[^{_STOP}]{{1,16}}?)\s?(?:[（(][^）)]{{1,40}}[）)])?[，,]?(?:是指|指的是)")
# a match starts at most 2 + 16 + 1 + 42 + 1 characters (所谓, the term, a space, a gloss, a
# comma) before its 是指/指的是
_MEANS_REACH = 62
_SO_CALLED = re.compile(rf"所谓(?P<t>[^{_STOP}]{{1,16}}?)(?=[（(，,]|就是|是指|即|$)")
_DEMONSTRATIVE = ("这", "那", "此", "它", "该", "其")

_NUMBER = re.compile(
    r"(?=[(\d=≈])(?:(?<![A-Za-z0-9_.\-图表第式节章])(?:(?P<tuple>\(\d+(?:,\s?\d+)+,?\)|\(\d+,\))"
    r"|(?P<shape>\d+@\d+(?:\s?[×xX*]\s?\d+)*)"
    r"|(?P<dims>\d+(?:\s?[×xX*]\s?\d+)+)"
    r"|(?P<percent>\d+(?:\.\d+)?\s?%)"
    r"|(?P<count>\d+(?:\.\d+)?)(?=\s?(?:个|倍|维|层|步|批|次|张|类|通道|像素|种|秒|万|亿)))"
    r"(?![\d.]\d|-\d|[A-Za-z_年月日章节讲])"
    r"|(?<![=<>!])[=≈]\s?(?P<result>\d+(?:\.\d+)?(?:e-?\d+)?)(?![\d.]\d|[A-Za-z_]|\s?[*×/+\-^(]))")
_NUMBER_RANK = {"tuple": 0, "shape": 0, "dims": 0, "percent": 0, "result": 1, "count": 2}
# what a reduction or a layer gives: ``得到(3, 4)``, ``变为6@14×14``, ``axis=1 sum:[2,4]``
_GIVES = re.compile(r"(?:得到|变为|变成|输出为?|结果为?|sum\s?[:：]|→)\s?$")
_INPUT_SHAPE = re.compile(r"(?:形状|shape|输入)\s?[:：为是]?\s?$")
_RESULT_AFTER = re.compile("得到|变为|变成|输出")
_LISTED_SHAPE = re.compile(r"\[\s?\d+(?:\s?,\s?\d+)*\s?\]")
_ONE_LETTER = re.compile(r"(?<![A-Za-z0-9_.])[A-Za-z]\s?=\s?$")
_MEANINGFUL = re.compile(rf"[A-Za-z0-9{_CJK}]")
_TIMES = re.compile(r"\s?[×xX*]\s?")
_EQUALS_NEXT = re.compile(r"\s?=(?!=)")
MAX_KERNEL = 11
MAX_TERM_WORDS = 4
_DEMO_NAME = re.compile(r"(?:下面的|自己的|简化的|我们的)$")  # 下面的CenteredLayer类: a listing's own name
_NAME = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)? [A-Z][a-z]+(?:[A-Z][a-z]+)?")
_PERSON_BEFORE = re.compile("(?:研究员|同事|教授|作者|学者|科学家|创始人)$")
_PERSON_AFTER = re.compile("和他|和她|等人|教授")
_NAME_AFTER = re.compile(rf"[和与]{_NAME.pattern}")  # two names joined: 当A B和C D实现了…他们
_NAME_BEFORE = re.compile(rf"{_NAME.pattern}[和与]$")
_COUNTED = re.compile(r"\d\s?[个块台张]\s?$")  # 有2个GPU: what is counted is no term to ask


def find_spans(text: str) -> list[Candidate]:
    """Cloze candidates from the cheap rules (tiers 0-3), unordered."""
    found: list[Candidate] = []
    if _LATIN.search(text):
        skip = _skipped_ranges(text) if "/" in text or ".py" in text or ".ipynb" in text \
            or ".params" in text else []
        if "." in text or "(" in text or "_" in text or "=" in text:  # in every API pattern
            found += _api_spans(text, skip)
        found += _english_spans(text, skip)
    if "称" in text or "叫" in text or "是指" in text or "指的是" in text or "所谓" in text:
        found += _defined_spans(text)
    if _DIGIT.search(text):  # every number pattern has a digit
        found += _number_spans(text)
    return found


def term_spans(text: str) -> list[Candidate]:
    """Dictionary terms (tier 4): longer terms rank first, the everyday vocabulary last."""
    spans = []
    kinds = _term_kinds()
    for m in term_pattern().finditer(text):
        kind = kinds[m.group()]
        if kind is not None:  # None: never worth a blank
            start, end = m.span()
            spans.append((TERM, kind or start - end, start, end))
    return spans


@cache
def _term_kinds() -> dict[str, int | None]:
    """Each dictionary term's rank: ``BASIC_TERM`` for the everyday vocabulary, 0 for the
    others (they rank by length), None for those never worth a blank: stopwords and generic
    words (张量, 深度学习)."""
    basic, generic = basic_terms(), generic_words()
    return {term: None if term.casefold() in _STOPWORDS or term.casefold() in generic
            else BASIC_TERM if term in basic else 0 for term in terms()}


def is_weak(candidate: Candidate) -> bool:
    return candidate[1] == WEAK_RANK[candidate[0]]


def _skipped_ranges(text: str) -> list[tuple[int, int]]:
    """URLs and file paths: nothing inside them is a term."""
    ranges = [m.span() for m in _URL.finditer(text)] if "://" in text else []
    if "/" in text or ".ipynb" in text or ".py" in text or ".params" in text:
        ranges += [m.span() for m in _PATH.finditer(text)]
    return ranges


def _inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    for start, end in ranges:  # noqa: SIM110 (per word: a loop costs less than any())
        if start <= position < end:
            return True
    return False


def _before(text: str, start: int) -> str:
    return text[start - 1] if start else " "


def _api_spans(text: str, skip: list) -> list[Candidate]:
    spans = []
    for m in _API.finditer(text):
        group = m.lastgroup
        start, end = m.start(), m.end(group)
        if (skip and _inside(start, skip)) or (start and text[start - 1] in "/\\'\"") \
                or text[end:end + 1] in ("/", "\\", "'", '"') or (group == "snake" and end - start < 4):
            continue
        rank = _API_RANK[group]
        if text.startswith("=", end) and not text.startswith("==", end):
            # padding=1: a keyword argument's name; a flag set in a Chinese sentence
            # (设置shuffle=True) is the point
            rank = 1 if text.startswith(_FLAGS, end + 1) and _in_prose(text, start) \
                else KEYWORD_NAME
        spans.append((API, rank, start, end))
    return spans


_FLAGS = ("True", "False")


def _in_prose(text: str, position: int) -> bool:
    """Right after a Chinese word (``设置shuffle=True``), outside any call's brackets
    (``nn.Conv2d(3, 6, padding=1)``)?"""
    before = text[:position].rstrip(" ")[-1:]
    return "\u3400" <= before <= "\u9fff" and (
        text.rfind("(", 0, position) <= text.rfind(")", 0, position))


def _english_spans(text: str, skip: list) -> list[Candidate]:
    """English terms: acronyms and names (rank 1), lower-case words of four letters or more
    (rank 2). Words written together (``max pool``, ``Batch Normalization``) are one term:
    a blank never takes one word of them."""
    spans: list[Candidate] = []
    words = [m.span() for m in _WORD.finditer(text)]
    run_start = 0
    for i, (_, end) in enumerate(words):
        if i + 1 < len(words) and _joined(text, end, words[i + 1][0]):
            continue
        run = words[run_start:i + 1]
        run_start = i + 1
        while len(run) > 1 and text[run[0][0]:run[0][1]].casefold() in _STOPWORDS:
            run = run[1:]  # "etc", "the" at an edge belong to no term
        while len(run) > 1 and text[run[-1][0]:run[-1][1]].casefold() in _STOPWORDS:
            run = run[:-1]
        if len(run) > MAX_TERM_WORDS or (skip and _inside(run[0][0], skip)):
            continue
        candidate = _english_term(text, run[0][0], run[-1][1], len(run))
        if candidate and not _COUNTED.search(text, max(0, run[0][0] - 6), run[0][0]) \
                and not _DEMO_NAME.search(text, max(0, run[0][0] - 4), run[0][0]) \
                and not (len(run) == 2 and _person(text, run[0][0], run[-1][1])):
            spans.append(candidate)
    return spans


def _person(text: str, start: int, end: int) -> bool:
    """A person's name (``研究员Yann LeCun``, ``Alex Krizhevsky和Ilya Sutskever…他们``):
    who wrote or built something is trivia, not a term. Two capitalised words, named as a
    person by the words around them."""
    if not _NAME.fullmatch(text, start, end):
        return False
    if _PERSON_BEFORE.search(text, max(0, start - 4), start) or _PERSON_AFTER.match(text, end):
        return True
    return "他" in text and (_NAME_AFTER.match(text, end) is not None
                            or _NAME_BEFORE.search(text, max(0, start - 24), start) is not None)


def _joined(text: str, end: int, next_start: int) -> bool:
    """Two words one space apart, as in a multi-word term."""
    return next_start == end + 1 and text[end] == " "


def _english_term(text: str, start: int, end: int, count: int) -> Candidate | None:
    term = text[start:end]
    if count == 1:
        if term.isupper() or (term[0].isupper() and len(term) >= 3):
            rank = 1  # CNN, L2, ResNet-18, Xavier
        elif len(term) >= 4:
            rank = 2  # softmax, one-hot, epoch
        else:
            return None
        if not ((len(term) > 1 and term.isalpha()) or _TWO_LETTERS.search(term)) \
                or term.casefold() in _STOPWORDS:
            return None  # k-1, x2: algebra, not a term; a word is never only punctuation
    else:
        rank = 1 if any(c.isupper() for c in term) else 2
    return (ENGLISH, rank, start, end)


def _defined_spans(text: str) -> list[Candidate]:
    spans = []
    if "称" in text or "叫" in text:
        for m in _CALLED.finditer(text):
            term = m.group("t")
            if len(term) <= 10 and term[0] not in _DEMONSTRATIVE \
                    and _before(text, m.start()) not in _NOT_BEFORE_CALLED:
                spans.append((DEFINED, 0, m.start("t"), m.end("t")))
    if "是指" in text or "指的是" in text:
        spans += _term_before_marker(text, _MEANS, *_around_means(text))
    if "所谓" in text:
        spans += _term_before_marker(text, _SO_CALLED)
    return [c for c in spans if _hideable(text[c[2]:c[3]])]


def _around_means(text: str) -> tuple[int, int]:
    """Where ``_MEANS`` matches can lie: from ``_MEANS_REACH`` before the first 是指/指的是 to
    the end of the last one. The pattern has no fast start, so scanning all of a long
    highlight would cost more than everything else on it."""
    first = min(i for i in (text.find("是指"), text.find("指的是")) if i >= 0)
    return max(0, first - _MEANS_REACH), max(text.rfind("是指") + 2, text.rfind("指的是") + 3)


def _term_before_marker(text: str, pattern: re.Pattern[str], start: int = 0,
                        end: int = sys.maxsize) -> list[Candidate]:
    spans = []
    for m in pattern.finditer(text, start, end):
        if m.start() and text[m.start() - 1] not in "。；;！？!?\n，,：:":
            continue  # the term opens a clause
        term = m.group("t").strip()
        if 2 <= len(term) <= 12 and term[0] not in _DEMONSTRATIVE:
            start = m.start("t") + m.group("t").index(term)
            spans.append((DEFINED, 0, start, start + len(term)))
    return spans


def _number_spans(text: str) -> list[Candidate]:
    """Shapes, kernel sizes, computed results and keyword values. Percentages and counts
    are left alone: an accuracy of one run or the GPUs of the author's machine are not
    worth recalling; so are sizes that are an example's (``100×64×64``)."""
    spans = []
    for m in _NUMBER.finditer(text):
        group = m.lastgroup
        if group in ("percent", "count") or (group == "dims" and not _kernel_like(text, m)):
            continue
        start = m.start(group)
        rank = _NUMBER_RANK[group]
        if "=" in text and _ONE_LETTER.search(text, max(0, start - 4), start):
            continue  # v=(1,0), x=3: the value of an example's variable
        if rank == 1 and m.start() and text[m.start() - 1] in _WORD_CHARS:
            rank = KEYWORD_VALUE  # momentum=0.9 rather than a computed result
        elif group == "tuple" and _INPUT_SHAPE.search(text, max(0, start - 8), start) \
                and _RESULT_AFTER.search(text, m.end()):
            rank = 1  # 形状(2, 3, 4)的张量…得到(3, 4): the result is the thing to know
        spans.append((NUMBER, rank, start, m.end(group)))
    if "[" in text:
        for m in _LISTED_SHAPE.finditer(text):
            if _GIVES.search(text, max(0, m.start() - 6), m.start()):
                spans.append((NUMBER, 0, m.start(), m.end()))
    return spans


def _kernel_like(text: str, m: re.Match[str]) -> bool:
    """``3×3``, ``1×1``: a square window; or the factors of an equation (``16×5×5 = 400``)."""
    factors = _TIMES.split(m.group("dims"))
    if len(set(factors)) == 1 and int(factors[0]) <= MAX_KERNEL:
        return True
    return _EQUALS_NEXT.match(text, m.end()) is not None


def _hideable(span: str) -> bool:
    """Never hide a stopword, punctuation or whitespace."""
    span = span.strip()
    return bool(span) and _MEANINGFUL.search(span) is not None \
        and span.casefold() not in _STOPWORDS
