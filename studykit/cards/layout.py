"""Where in a highlight a blank may go: the parts a cloze must leave alone.

A highlight cut from a book or a scraped page is not all prose. Blanks never go into:

- heading lines of a multi-line highlight (``Inception 块`` above its paragraph, a figure
  caption repeating it below): a heading with no sentence around it is no context; a line
  that a scraped page repeats (``步幅原则:`` then ``步幅原则``) is a heading too. A first
  line that is a term (``步幅`` above what it does) is kept in ``headings``: the paragraph
  below defines it (see ``cloze``);
- a sentence that leans on a figure or a listing that is not there (``如图…``, ``纵坐标代表…``,
  a closing ``如下所示：``, a drawing of arrows ``↑ ↑ ↑``); when only its last clause points
  away (``…，这个过程可用图2-9表示``, ``…，具体代码如下：``) only that clause;
- a sentence holding a formula: LaTeX commands (``\\frac``) or the broken Unicode rendering
  of one (``∂ y ∂ x ∈ R m n``): its letters are symbols, not terms; the legend of a formula
  that is not there (``其中,m是隐藏层大小,k是类别数``);
- a tutorial's narration of its own listing (``让我们来验证一下``) and of its set-up
  (``我们使用Fashion-MNIST数据集``, ``本节继续使用…``);
- URLs and file paths;
- a term and its gloss: ``随机梯度下降法（SGD）``, ``编码器（encoder）``, ``NiN（网络中的网络）``
  hide together or not at all (one half printed beside the blank gives the other away).

``body_units`` counts what is left for blanks and context; a highlight whose text is all
headings, figure talk or formula gets no cloze.
"""

from __future__ import annotations

import re

from studykit.cards.lexicon import term_set

Span = tuple[int, int]

_CJK = "\u3400-\u9fff"
_LINE = re.compile(r"[^\n]+")
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_PUNCTUATED = re.compile("[。，；！？,;!?]")  # sentence punctuation
# one line without what could need a block: a line break, a bracket, a slash, a path's dot
# (a file suffix is checked below), a trailing colon
_PLAIN = re.compile(r"[^\n（()）/:：]*[^\n（()）/:：\s]")
# ASCII arguments, no brackets; the bracket first, then what precedes it (a literal first
# lets the engine skip to each bracket)
_CALL = re.compile(r"\((?<=[A-Za-z0-9_]\()[ -'*-~]*\)")
_ENUMERATOR = re.compile(r"^\s*(?:[①-⑳]|[·•▪●◆▼■□*]|-(?!\d)|\d{1,2}[.、)）](?!\d)|[(（]\d{1,2}[)）])\s*")
# verbs and particles that make a line a statement rather than a title; a short line needs
# a strong one (将导数拓展到矩阵 is a title, ResNet使用了捷径连接 a statement)
# (能 and 会 inside a noun are no verb: 性能, 功能, 智能, 能力, 社会, 机会)
# (each alternative opens with its character, the look-behind after it: the engine then
# skips to the positions of those characters)
_STRONG_PREDICATE = re.compile("是|了|即|可以|能够|能(?<![性功智效]能)(?![力量])|会(?<![社机]会)(?!议)|被"
                               "|用于|用来|称为|叫做|叫作|等于|需要|应该|导致|在于|不|没有")
_PREDICATE = re.compile(f"{_STRONG_PREDICATE.pattern}|将|把|使得|通过|就|都|也|还|让")
HEADING_UNITS = 20
_QUESTION_TITLE = re.compile(r"[^。，；！？,;!?\n]{2,24}[？?]")  # one short question, no other clause
SHORT_HEADING_UNITS = 8
LEAD_IN_UNITS = 20
CODE_SHARE = 0.7
_CJK_PUNCTUATION = re.compile("[。，；：！？]")
_CODE_MARK = re.compile(r"[A-Za-z_]\w*\s?=\s?\S|[A-Za-z_]\w*\([^)]*\)")
_POINTS_AHEAD = re.compile("演示|如下|以下|下列|比如|例子")
# the last clause of a sentence that only points away: ``，具体代码如下：``, ``，可用图2-9表示``
# (``如图5-20所示`` stays with its sentence: what comes before it describes the figure)
_POINTER_CLAUSE = re.compile(r"[，,]\s*(?P<c>[^，,]{0,12}?(?:如下|以下|下面|下列|用图\s?\d[\d.\-]*表示)"
                             r"[^，,]{0,6})\s*$")
POINTED_UNITS = 14  # what a sentence says before its pointing clause, to stand alone
# a tutorial narrating itself: 让我们来验证一下; its set-up, 我们使用X数据集 / 本节继续使用…
_NARRATION = re.compile(r"让我们|我们来|^\s*(?:我们使用(?!的)|本节\s?继续使用)")
_ARROWS = re.compile(r"[↑↓]\s*[↑↓]")
# a formula's legend: ``其中,m是隐藏层大小`` (a single letter, maybe with a digit, before 是)
_LEGEND = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]\d?\s?(?:是|表示|代表)(?!否)")
_UNIT = re.compile(rf"[{_CJK}]|[A-Za-z0-9_]+")
# each opens with a class, not a repeat, so that the engine skips to a match in C
_CJK_RUN = re.compile(f"[{_CJK}][{_CJK}]*")
_LATIN_WORDS = re.compile("[A-Za-z0-9_][A-Za-z0-9_]*")
_LIST_OF_TITLES = re.compile(rf"^(?:[{_CJK}A-Za-z0-9]{{1,12}}\s+){{2,}}[{_CJK}A-Za-z0-9]{{1,12}}$")
_COMPARISON = re.compile(r"\S\s?[<>≈]\s?\S")
_FIGURE_WORDS = r"如图|下图|上图|见图|由图|左图|右图|图中|图\s?\d|所示|曲线|横坐标|纵坐标|示意图"
_POSITIONS = "左边|右边|左侧|右侧|中间|上方|下方|最上面|最下面"
_FIGURE = re.compile(rf"{_FIGURE_WORDS}|^\s*(?:{_POSITIONS})(?:是|为|的)")
_AS_FOLLOWS_ANYWHERE = re.compile("如下|以下|下面|下列")
_FILE_SUFFIXES = (".ipynb", ".py", ".md", ".txt", ".htm", ".json", ".csv", ".params", ".pt")
_AS_FOLLOWS = re.compile(r"(?:如下|以下|下面|下列)(?:所示)?\s*[。:：]?\s*$")  # ……具体如下。
_FORMULA_SYMBOLS = "∈∂′∣⨀∑∏√"
_FORMULA = re.compile(rf"\\[A-Za-z]{{2,}}|[{_FORMULA_SYMBOLS}]")
# one scan that tells whether a formula, a figure or a listing may need blocking at all
# (each alternative opens with a literal character, so that the regex engine looks only at
# the positions holding one of those characters: a class or a group first would make it try
# every alternative at every position, 10 µs on an average highlight instead of 1)
_ANY_SPECIAL = re.compile("|".join([r"\\[A-Za-z]{2,}", *_FORMULA_SYMBOLS, _FIGURE_WORDS, _POSITIONS,
                                    "如下|以下|下面|下列|让我们|我们来|我们使用|本节|其中|↑|↓"]))
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[^\s，。；、）)]+|www\.[^\s，。；、）)]+")
_PATH = re.compile(r"(?=[A-Za-z0-9_/])[A-Za-z0-9_.\-]*(?:/[A-Za-z0-9_.\-]+)+"
                   r"|(?=[A-Za-z0-9_])[A-Za-z0-9_\-]+\.(?:ipynb|py|md|txt|html|json|csv|params|pt"
                   r"|pth)(?![A-Za-z0-9_])")
_PAREN = re.compile(r"[（(]\s?([^（()）\n]{1,60}?)\s?[）)]")
_LATIN_GLOSS = re.compile(r"[A-Za-z][A-Za-z0-9 '’\-/,，.&]*[A-Za-z0-9.]|[A-Za-z]")
_CJK_GLOSS = re.compile(f"[{_CJK}]{{2,12}}")
_TWO_LETTERS = re.compile("[A-Za-z]{2}")
# a name of up to three words (ankle boot（短靴）: the gloss is of both)
_LATIN_NAME = re.compile(r"(?:[A-Za-z][A-Za-z0-9_\-]* ){0,2}[A-Za-z0-9][A-Za-z0-9_\-]*$")
# characters at which a term before its gloss stops, scanning back: punctuation, spaces and
# the function characters that open a term (的随机梯度下降法, 称为叶子节点, 一个循环神经网络)
_TERM_STOP = frozenset("的是为在和与或及了个种把被将对从向给让用以即做有到就也都而但并且其这那该此称叫作由，,。；;：:、！？!?"
                       "“”\"'《》【】[] \t\n（()）·•▼")
MAX_GLOSSED_TERM = 10
_QUANTIFIERS = frozenset("一两二三几每各某多")  # 一组任意实数（logits）: no term
MAX_PLAIN_GLOSSED = 4
_GLOSS_PARTS = re.compile(r"\s*[/,，]\s*")  # Rotation/Viewpoint Invariance: each half too  # a glossed run not in the dictionary: short, or not clear
_PUNCTUATION = frozenset("，,。；;：:、！？!?“”\"'《》【】[] \t\n（()）·•▼")


class Layout:
    """The blocked spans of a text, the term-and-gloss pairs (and their halves, ``glossed``,
    printed side by side), and how many characters and words are left (``body_units``)."""

    __slots__ = ("text", "blocked", "pairs", "glossed", "headings", "_units", "_total")

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocked: list[Span] = []
        self.pairs: list[Span] = []
        self.glossed: set[str] = set()
        self.headings: list[Span] = []  # blocked heading lines above or between paragraphs
        self._units: int | None = None
        self._total: int | None = None

    @property
    def total_units(self) -> int:
        """Units of the whole text (see ``units``), counted once."""
        if self._total is None:
            self._total = units(self.text)
        return self._total

    @property
    def body_units(self) -> int:
        if self._units is None:
            self._units = _units_outside(self.text, self.blocked) if self.blocked \
                else self.total_units
        return self._units

    def allows(self, start: int, end: int) -> bool:
        """May a blank cover ``text[start:end]``? A term-and-gloss pair is allowed whole,
        where no other block covers it."""
        pair = (start, end) in self.pairs
        for s, e in self.blocked:
            if start < e and s < end and not (pair and (s, e) in self.pairs):
                return False
        return True


def layout(text: str) -> Layout:
    found = Layout(text)
    plain = text if "(" not in text else _CALL.sub("f", text)  # f(x): code, no gloss
    if _PLAIN.fullmatch(plain) and _PUNCTUATED.search(text) and not _ANY_SPECIAL.search(text) \
            and not (text[-1:] in "？?" and _QUESTION_TITLE.fullmatch(text.strip())):
        return found  # one line of prose: nothing to block (the usual case, made quick)
    lines = [m.span() for m in _LINE.finditer(text)] if "\n" in text else [(0, len(text))]
    headings = [span for span in lines if heading_like(text[span[0]:span[1]])]
    if len(lines) > 2:
        headings += _repeated_lines(text, lines, headings)
    found.blocked += [span for span in lines if _code_like(text[span[0]:span[1]])]
    if len(lines) > 1 and len(headings) < len(lines):
        found.blocked += headings
        found.headings = headings
    elif headings:  # a lone heading, or headings only
        found.blocked += lines
        return found
    if _ANY_SPECIAL.search(text):  # one scan tells whether the ones below can apply
        _block_formulas_and_figures(text, lines, found)
        _block_narration_and_legends(text, found)
    last = text.rstrip()
    if last[-1:] in (":", "："):  # the listing it introduces is not in the highlight
        start = max(last.rfind(c, 0, len(last) - 1) for c in "。！？!?；;\n") + 1
        lead_in = last[start:]  # a long one may say something: 例如,我们用Xavier初始化第一层:
        if len(_UNIT.findall(lead_in)) <= LEAD_IN_UNITS or _POINTS_AHEAD.search(lead_in):
            found.blocked.append(_pointing_part(last, start, len(last)))
    if "/" in text or "www." in text or (("." in text) and any(
            suffix in text for suffix in _FILE_SUFFIXES)):
        found.blocked += [m.span() for m in _URL.finditer(text)]
        found.blocked += [m.span() for m in _PATH.finditer(text)]
    if "(" in text or "（" in text:
        _glossed_terms(text, found)
    return found


def _block_formulas_and_figures(text: str, lines: list[Span], found: Layout) -> None:
    if _FORMULA.search(text):
        for start, end in lines:
            if _FORMULA.search(text, start, end):  # a formula's pieces spread over its line
                found.blocked.append((start, end))
    if _FIGURE.search(text) or _AS_FOLLOWS_ANYWHERE.search(text):
        for m in _SENTENCE.finditer(text):
            if _FIGURE.search(m.group()) or _AS_FOLLOWS.search(m.group()):
                found.blocked.append(_pointing_part(text, *m.span()))
    if "↑" in text or "↓" in text:
        for start, end in lines:
            if _ARROWS.search(text, start, end):  # arrows drawn in text: a figure's remains
                found.blocked.append((start, end))


def _pointing_part(text: str, start: int, end: int) -> Span:
    """What of the sentence ``text[start:end]`` points away to a figure or a listing: its
    last clause when that clause only points (``…，具体代码如下：``), else all of it."""
    sentence = text[start:end].rstrip("。！？!?；;：: \n")
    pointer = _POINTER_CLAUSE.search(sentence)
    if pointer and len(_UNIT.findall(sentence[:pointer.start()])) >= POINTED_UNITS \
            and not _FIGURE.search(sentence, 0, pointer.start()) \
            and not _AS_FOLLOWS_ANYWHERE.search(sentence, 0, pointer.start()):
        return start + pointer.start(), end
    return start, end


def _block_narration_and_legends(text: str, found: Layout) -> None:
    """A tutorial talking about its own listing (``让我们来验证一下``) and the legend of a
    formula that is not there: a sentence that opens with it (``其中,m是隐藏层大小``; after a
    formula in the same sentence, ``w ← w - η·g，其中η是学习率``, it is context)."""
    narration = "我们来" in text or "让我们" in text or "我们使用" in text or "本节" in text
    legend = "其中" in text
    if narration or legend:
        for m in _SENTENCE.finditer(text):
            sentence = m.group()
            if (narration and _NARRATION.search(sentence)) or (
                    legend and sentence.lstrip().startswith("其中") and _LEGEND.search(sentence)):
                found.blocked.append(m.span())


def _repeated_lines(text: str, lines: list[Span], headings: list[Span]) -> list[Span]:
    """Lines a scraped page says twice (a slide's title, then its anchor: ``步幅原则:``,
    ``步幅原则``; ``①假设没有激活函数:``, ``假设没有激活函数``): headings when they say
    nothing (no strong verb) or one of them is a numbered item opening a list (``①…:``).
    Compared without spaces, numbers and a final colon."""
    seen: dict[str, Span] = {}
    repeated = []
    for span in lines:
        line = text[span[0]:span[1]].strip()
        key = _ENUMERATOR.sub("", line).replace(" ", "").rstrip(":：?？")
        if not key:
            continue
        if key not in seen:
            seen[key] = span
            continue
        first = text[seen[key][0]:seen[key][1]].strip()
        if not _STRONG_PREDICATE.search(key) or any(
                _ENUMERATOR.match(copy) and copy[-1] in ":：" for copy in (first, line)):
            repeated += [s for s in (seen[key], span) if s not in headings and s not in repeated]
    return repeated


def _code_like(line: str) -> bool:
    """A line of code glued into prose (a page scrape): mostly ASCII, no Chinese sentence
    punctuation, two assignments or calls at least (``shared = nn.Linear(8, 8)net = …``)."""
    if "=" not in line or _CJK_PUNCTUATION.search(line):
        return False
    ascii_chars = sum(1 for c in line if c.isascii())
    return ascii_chars >= CODE_SHARE * len(line) and len(_CODE_MARK.findall(line)) >= 2


def heading_like(line: str) -> bool:
    """A title rather than a statement: short, no sentence punctuation, no verb; or a
    section's question (``如何解释CNN学到的特征？``: one short question, nothing else)."""
    if _PUNCTUATED.search(line):
        return _QUESTION_TITLE.fullmatch(line.strip()) is not None
    body = _ENUMERATOR.sub("", line.strip())
    if not body:
        return True
    if _LIST_OF_TITLES.match(body):  # 生成数据集 读取数据集 定义模型 训练
        return True
    if _COMPARISON.search(body):  # CPU > GPU > DSP: a statement
        return False
    units = len(_UNIT.findall(_without_parentheses(body)))
    if units <= SHORT_HEADING_UNITS:
        return not _STRONG_PREDICATE.search(body)
    return units <= HEADING_UNITS and not _PREDICATE.search(body)


def without_enumerator(line: str) -> str:
    """``line`` without a list's number or bullet (``①``, ``·``, ``2.``)."""
    return _ENUMERATOR.sub("", line)


def _without_parentheses(text: str) -> str:
    return _PAREN.sub("", text) if "(" in text or "（" in text else text


def _glossed_terms(text: str, found: Layout) -> None:
    """Block ``term（gloss）`` as a whole; allow it as one pair when the term is clear."""
    for m in _PAREN.finditer(text):
        inner = m.group(1)
        before = text[: m.start()].rstrip()
        if not before:
            continue
        last = before[-1]
        if "\u3400" <= last <= "\u9fff" and _LATIN_GLOSS.fullmatch(inner) \
                and _TWO_LETTERS.search(inner):
            start, clear = _term_start(before)  # 编码器（encoder）, 随机梯度下降法（SGD）
        elif last.isascii() and last.isalnum() and (_CJK_GLOSS.fullmatch(inner) or (
                _LATIN_GLOSS.fullmatch(inner) and " " in inner and last.isupper())):
            name = _LATIN_NAME.search(before)  # NiN（网络中的网络）, CUDA（Compute ...）
            start, clear = (name.start(), True) if name else (len(before), False)
        else:
            continue
        found.blocked.append((start, m.end()))
        found.glossed.update((before[start:].strip(), inner.strip(), *_GLOSS_PARTS.split(inner)))
        if clear:
            found.pairs.append((start, m.end()))


def _term_start(before: str) -> tuple[int, bool]:
    """Where the term that ends ``before`` starts, and whether that is clear: the longest
    dictionary term ending there (``随机梯度下降`` of ``随机梯度下降法``, a one-character
    suffix allowed), else a run of at most ``MAX_PLAIN_GLOSSED`` characters back to
    punctuation (``卷积网络（CNN）``). A run that stops at a function character may have
    cut a word (``支持向量机`` stops at 向) and a long one may hold a clause (``如果希望批量
    处理（batch）``): those block the tail only."""
    start = len(before)
    while start > 0 and before[start - 1] not in _TERM_STOP \
            and len(before) - start < MAX_GLOSSED_TERM:
        start -= 1
    run = before[start:]
    for end in (len(run), len(run) - 1):  # the dictionary term, with or without a suffix
        for begin in range(0, end - 1):
            if run[begin:end] in term_set():
                return start + begin, True
    if len(run) <= MAX_PLAIN_GLOSSED and (start == 0 or before[start - 1] in _PUNCTUATION) \
            and run[:1] not in _QUANTIFIERS:
        return start, bool(run)
    return max(start, len(before) - 4), False


def _units_outside(text: str, blocked: list[Span]) -> int:
    counted, position = 0, 0
    for start, end in sorted(blocked):
        if start > position:
            counted += units(text[position:start])
        position = max(position, end)
    return counted + units(text[position:])


def units(text: str) -> int:
    """Chinese characters and Latin words (counted without a list of every character)."""
    return sum(map(len, _CJK_RUN.findall(text))) + len(_LATIN_WORDS.findall(text))
