"""Finding the spans of a highlight worth hiding in a cloze card, cheapest rules first.

Every rule yields candidates ``(tier, rank, start, end)``; a lower tier is preferred:

0. code and API names: ``optimizer.zero_grad()``, ``nn.MaxPool2d``, ``.to(device)``,
   ``requires_grad``, ``view()``; keyword names such as ``padding=`` rank last;
1. English terms: the English gloss of a Chinese term (``感受野（receptive field）``), the
   expansion of an acronym (``CUDA（Compute Unified Device Architecture）``), the Chinese gloss
   of an English name (``NiN（网络中的网络）``), acronyms and names (``CNN``, ``ResNet``),
   then lower-case words (``softmax``);
2. defined terms: ``X称为Y`` / ``被称之为Y`` / ``叫作Y`` hide Y; ``X是指…`` / ``所谓X`` hide X;
3. numbers with meaning: shapes (``16@4*4``, ``3×3``, ``(64, 3, 3, 3)``), percentages,
   results after ``=``, counts with a unit (``1792个``), then keyword values (``momentum=0.9``);
4. terms of the deep-learning dictionary (``terms.txt``), longest first.

Tier 5, jieba keywords, lives in ``keywords.py``. Speed matters (this runs for every
highlight of an import): every pattern starts with a character class so that the regex engine
skips ahead quickly, boundaries are checked in Python, and rules are gated by cheap tests.
"""

from __future__ import annotations

import re
import sys

from studykit.cards.lexicon import stopwords, term_pattern

API, ENGLISH, DEFINED, NUMBER, TERM, KEYWORD = range(6)
_STOPWORDS = stopwords()
Candidate = tuple[int, int, int, int]  # tier, rank within the tier, start, end
KEYWORD_NAME, KEYWORD_VALUE = 2, 4  # weak candidates: used after every other rule's
WEAK_RANK = tuple({API: KEYWORD_NAME, NUMBER: KEYWORD_VALUE}.get(tier)  # by tier (None: none)
                  for tier in range(KEYWORD + 1))

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
_PAREN = re.compile(r"[（(]\s?(?P<inner>[^（()）\n]{2,40}?)\s?[）)]")
_EN_GLOSS = re.compile(r"[A-Za-z][A-Za-z0-9 '’\-]*[A-Za-z0-9]")
_EXPANSION = re.compile(r"[A-Z][A-Za-z]+(?:[ \-][A-Za-z]+)+")
_ZH_GLOSS = re.compile(f"[{_CJK}]{{2,12}}")
_GLOSS_END = re.compile("[，,、；;]")
# the first letter is matched before the look-behind (which then spans two characters) so that
# the pattern opens with a character class and the engine skips the Chinese text in C
_WORD = re.compile(r"[A-Za-z](?<![A-Za-z0-9_.\-].)[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"
                   r"(?![A-Za-z0-9_(=\-]|\.[A-Za-z_])")
_ACRONYM_BEFORE = re.compile(r"[A-Z][A-Za-z0-9]*\s?$")
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
_MEANINGFUL = re.compile(rf"[A-Za-z0-9{_CJK}]")


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
    """Dictionary terms (tier 4): longer terms rank first."""
    spans = []
    for m in term_pattern().finditer(text):
        if m.group() not in _STOPWORDS:
            start, end = m.span()
            spans.append((TERM, start - end, start, end))
    return spans


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
            rank = KEYWORD_NAME  # padding=1, kernel_size=3: a keyword argument's name
        spans.append((API, rank, start, end))
    return spans


def _english_spans(text: str, skip: list) -> list[Candidate]:
    spans: list[Candidate] = []
    glosses = []
    if "(" in text or "（" in text:
        for start, end in _glosses(text):
            gloss = text[start:end]
            if gloss.casefold() not in _STOPWORDS:  # a gloss has no outer space or punctuation
                spans.append((ENGLISH, 0, start, end))
            if " " in gloss:
                glosses.append((start, end))  # its words are not terms on their own
    skip = skip + glosses
    for m in _WORD.finditer(text):
        word = m.group()
        if word.isupper() or (word[0].isupper() and len(word) >= 3):
            rank = 1  # CNN, L2, ResNet-18, Xavier
        elif len(word) >= 4:
            rank = 2  # softmax, one-hot, epoch
        else:
            continue
        start, end = m.span()
        if not ((len(word) > 1 and word.isalpha()) or _TWO_LETTERS.search(word)) \
                or word.casefold() in _STOPWORDS or (skip and _inside(start, skip)):
            continue  # k-1, x2: algebra, not a term; a word is never only punctuation
        spans.append((ENGLISH, rank, start, end))
    return spans


def _glosses(text: str) -> list[tuple[int, int]]:
    """Spans inside ``中文（English）``, ``ACRONYM（Expansion）`` and ``Name（中文）``."""
    found = []
    for m in _PAREN.finditer(text):
        inner, start = m.group("inner"), m.start("inner")
        cut = _GLOSS_END.search(inner)
        head = inner[: cut.start()].rstrip() if cut else inner
        before = text[: m.start()].rstrip()
        last = before[-1:]
        if _EN_GLOSS.fullmatch(head) and _TWO_LETTERS.search(head):
            if "\u3400" <= last <= "\u9fff" or (_EXPANSION.fullmatch(head)  # 中文（English）
                                                and _ACRONYM_BEFORE.search(before)):
                found.append((start, start + len(head)))
        elif last in _WORD_CHARS and _ZH_GLOSS.fullmatch(inner):
            found.append((start, start + len(inner)))
    return found


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
    spans = []
    for m in _NUMBER.finditer(text):
        group = m.lastgroup
        rank = _NUMBER_RANK[group]
        if rank == 1 and m.start() and text[m.start() - 1] in _WORD_CHARS:
            rank = KEYWORD_VALUE  # momentum=0.9 rather than a computed result
        spans.append((NUMBER, rank, m.start(group), m.end(group)))
    return spans


def _hideable(span: str) -> bool:
    """Never hide a stopword, punctuation or whitespace."""
    span = span.strip()
    return bool(span) and _MEANINGFUL.search(span) is not None \
        and span.casefold() not in _STOPWORDS
