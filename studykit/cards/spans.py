"""Finding the spans of a highlight worth hiding in a cloze card, cheapest rules first.

Every rule yields candidates ``(tier, rank, start, end)``; a lower tier is preferred:

0. code and API names: ``optimizer.zero_grad()``, ``nn.MaxPool2d``, ``.to(device)``,
   ``requires_grad``, ``view()``, keyword names such as ``padding=``;
1. English terms: the English gloss of a Chinese term (``感受野（receptive field）``), the
   expansion of an acronym (``CUDA（Compute Unified Device Architecture）``), the Chinese gloss
   of an English name (``NiN（网络中的网络）``), acronyms and names (``CNN``, ``ResNet``),
   then lower-case words (``softmax``);
2. defined terms: ``X称为Y`` / ``被称之为Y`` / ``叫作Y`` hide Y; ``X是指…`` / ``所谓X`` hide X;
3. numbers with meaning: shapes (``16@4*4``, ``3×3``, ``(64, 3, 3, 3)``), percentages,
   results after ``=``, counts with a unit (``1792个``), keyword values (``momentum=0.9``);
4. terms of the deep-learning dictionary (``terms.txt``), longest first.

Tier 5, jieba keywords, lives in ``keywords.py`` and is only consulted when no cloze could be
made from these.
"""

from __future__ import annotations

import re

from studykit.cards.lexicon import is_stopword, term_pattern

API, ENGLISH, DEFINED, NUMBER, TERM, KEYWORD = range(6)
Candidate = tuple[int, int, int, int]  # tier, rank within the tier, start, end

_W = "A-Za-z0-9_"
_ID = r"[A-Za-z_][A-Za-z0-9_]*"
_ARGS = rf"(?:\(\)|\({_ID}\))?"
_API = re.compile(
    rf"(?<![{_W}.])(?:(?P<dotted>{_ID}(?:\.{_ID})+{_ARGS})"
    rf"|(?<![{_W})\]])(?P<method>\.{_ID}{_ARGS})"
    rf"|(?P<call>{_ID}\(\))"
    rf"|(?P<snake>_*[A-Za-z][A-Za-z0-9]+(?:_[A-Za-z0-9]+)+_*|__[a-z]+__)"
    rf"|(?P<keyword>[a-z][a-z0-9]{{2,}})(?==)"
    rf")(?![{_W}])")
_API_RANK = {"dotted": 0, "method": 0, "call": 1, "snake": 1, "keyword": 2}
_FILE_SUFFIXES = frozenset("ipynb py md txt html htm com org cn net io json csv params pt pth"
                           .split())

_CJK = "\u3400-\u9fff"
_GLOSS = re.compile(
    rf"(?<![{_W}])[A-Z][A-Za-z0-9]*\s?[（(](?P<expansion>[A-Z][A-Za-z]+(?:[ \-][A-Za-z]+)+)[）)]"
    rf"|(?<=[{_CJK}])\s?[（(]\s?(?P<en>[A-Za-z][A-Za-z0-9 '’\-]*[A-Za-z0-9])\s?"
    rf"(?:[，,、；;][^）)]{{0,30}})?[）)]"
    rf"|(?<![{_W}])(?P<name>[A-Za-z][A-Za-z0-9\-]*)\s?[（(](?P<zh>[{_CJK}]{{2,12}})[）)]")
_WORD = re.compile(rf"(?<![{_W}.\-])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![{_W}(=\-]|\.[A-Za-z_])")
_URL = re.compile(r"[a-z]+://\S+")

_STOP = r"\s，,。；;：:、！？!?（()）“”\"'《》【】\[\]"
_CALLED = re.compile(rf"(?:称为|称之为|叫作|叫做|又称|简称)(?:它的|其为|为)?(?P<t>[^{_STOP}]{{1,16}})")
_MEANS = re.compile(
    rf"(?:^|(?<=[。；;！？!?\n，,：:]))(?:所谓)?(?P<t>[^{_STOP}]{{1,16}}?)\s?"
    rf"(?:[（(][^）)]{{1,40}}[）)])?[，,]?(?:是指|指的是)")
_SO_CALLED = re.compile(rf"所谓(?P<t>[^{_STOP}]{{1,16}}?)(?=[（(，,]|就是|是指|即|$)")
_DEMONSTRATIVE = ("这", "那", "此", "它", "该", "其")

_NUMBER = re.compile(
    rf"(?<![{_W}.])(?:(?P<shape>\d+@\d+(?:\s?[×xX*]\s?\d+)*)"
    r"|(?P<dims>\d+(?:\s?[×xX*]\s?\d+)+)"
    r"|(?P<tuple>\(\d+(?:,\s?\d+)+,?\)|\(\d+,\))"
    r"|(?P<percent>\d+(?:\.\d+)?\s?%)"
    r"|(?:(?<==\s)|(?<=≈\s)|(?<=[=≈]))(?P<result>\d+(?:\.\d+)?(?:e-?\d+)?)"
    r"|(?P<count>\d+(?:\.\d+)?)(?=\s?(?:个|倍|维|层|步|批|次|张|类|通道|像素|种|秒|万|亿))"
    r")(?![\d.]\d|-\d|[A-Za-z_])")
_NUMBER_RANK = {"shape": 0, "dims": 0, "tuple": 0, "percent": 0, "result": 1, "count": 2}
_NOT_BEFORE_NUMBER = "图表第式节章"
_NOT_AFTER_NUMBER = "年月日章节讲"
_MEANINGFUL = re.compile(rf"[A-Za-z0-9{_CJK}]")
_LATIN = re.compile("[A-Za-z]")
_ID_CHAR = re.compile("[A-Za-z0-9_]")


def find_spans(text: str) -> list[Candidate]:
    """Cloze candidates from the cheap rules (tiers 0-3), unordered."""
    found: list[Candidate] = []
    if _LATIN.search(text):
        urls = [m.span() for m in _URL.finditer(text)] if "://" in text else []
        found += _api_spans(text, urls)
        found += _english_spans(text, urls)
    if "称" in text or "是指" in text or "所谓" in text or "叫" in text:
        found += _defined_spans(text)
    found += _number_spans(text)
    return [c for c in found if _hideable(text[c[2]:c[3]])]


def term_spans(text: str) -> list[Candidate]:
    """Dictionary terms (tier 4): longer terms rank first."""
    return [(TERM, -len(m.group()), m.start(), m.end()) for m in term_pattern().finditer(text)
            if not is_stopword(m.group())]


def _api_spans(text: str, urls: list) -> list[Candidate]:
    spans = []
    for m in _API.finditer(text):
        start, end = m.span()
        if _in_url(start, urls) or _is_path(text, start, end, m.group()):
            continue
        if m.lastgroup == "snake" and len(m.group()) < 4:
            continue
        spans.append((API, _API_RANK[m.lastgroup], start, m.end(m.lastgroup)))
    return spans


def _is_path(text: str, start: int, end: int, token: str) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before in "/\\'\"" or after in "/\\'\"":
        return True
    return "." in token and token.rsplit(".", 1)[1].casefold() in _FILE_SUFFIXES


def _in_url(position: int, urls: list) -> bool:
    return any(start <= position < end for start, end in urls)


def _english_spans(text: str, urls: list) -> list[Candidate]:
    spans = []
    for m in _GLOSS.finditer(text):
        group = next(g for g in ("expansion", "en", "zh") if m.group(g))
        spans.append((ENGLISH, 0, m.start(group), m.end(group)))
    for m in _WORD.finditer(text):
        word = m.group()
        if _in_url(m.start(), urls) or is_stopword(word):
            continue
        named = any(c.isupper() or c.isdigit() for c in word)
        if named and len(word) >= 2:
            spans.append((ENGLISH, 1, m.start(), m.end()))
        elif len(word) >= 4:
            spans.append((ENGLISH, 2, m.start(), m.end()))
    return spans


def _defined_spans(text: str) -> list[Candidate]:
    spans = []
    for m in _CALLED.finditer(text):
        term = m.group("t")
        if len(term) <= 10 and term[0] not in _DEMONSTRATIVE:
            spans.append((DEFINED, 0, m.start("t"), m.end("t")))
    for pattern in (_MEANS, _SO_CALLED):
        for m in pattern.finditer(text):
            term = m.group("t").strip()
            if 2 <= len(term) <= 12 and term[0] not in _DEMONSTRATIVE:
                start = m.start("t") + m.group("t").index(term)
                spans.append((DEFINED, 0, start, start + len(term)))
    return spans


def _number_spans(text: str) -> list[Candidate]:
    spans = []
    for m in _NUMBER.finditer(text):
        start, end = m.span()
        if start and text[start - 1] in _NOT_BEFORE_NUMBER:
            continue
        if end < len(text) and text[end] in _NOT_AFTER_NUMBER:
            continue
        rank = _NUMBER_RANK[m.lastgroup]
        if rank == 1 and text[start - 1] == "=" and start > 1 and _ID_CHAR.match(text, start - 2):
            rank = 3  # a keyword's value (momentum=0.9) rather than a computed result
        spans.append((NUMBER, rank, start, end))
    return spans


def _hideable(span: str) -> bool:
    """Never hide a stopword, punctuation or whitespace."""
    span = span.strip()
    return bool(span) and _MEANINGFUL.search(span) is not None and not is_stopword(span)
