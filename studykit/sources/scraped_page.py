"""Plain text scraped from a web page (a blog post of study notes, copied as text).

Headings are bare short lines (numbered ``3.2 线性回归``, marked ``第3章``/``【总结】``, or
short unpunctuated lines that lead into content), bullets are ``•``/``·``/``①``, code
listings are pasted as plain lines, and the page chrome (``广告``, ``返回顶部``, view counts,
related-article footers) is mixed in. The page title is an early line the page repeats.

The result is ONE :class:`Book` with ``source_format="markdown"`` (a scraped page is
notes in the catch-all format; see ``markdown_notes.looks_like_markdown`` for which
reader reads a file): headings become chapters, bullets (with the lines indented under
them) and paragraphs become highlights, and each code run becomes one ``kind="code"``
highlight. The reader never raises.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from studykit.sources.common import Chapters, title_from_name
from studykit.sources.models import Book, normalise_for_id

SOURCE_FORMAT = "markdown"


def parse(text: str, name: str) -> list[Book]:
    """One book from a scraped page; never raises."""
    book = Book(title="", source_format=SOURCE_FORMAT)
    lines = _classify_lines(text.split("\n"))
    book.title = _take_title(lines, text) or title_from_name(name)
    _mark_headings(lines)
    _PlainBuilder(book).build(lines)
    return [book]

_CHROME_LABELS = frozenset(
    {
        "广告", "返回顶部", "回到顶部", "分享到", "分享", "目录", "文章目录", "摘要",
        "点赞", "收藏", "评论", "关注", "打赏", "举报", "阅读全文", "展开全文", "展开",
        "收起", "复制代码", "登录", "注册", "官方手机版", "微信公众号", "下载Word文档",
        "上一篇", "下一篇", "转载规则", "猜你喜欢", "相关推荐", "相关文章", "推荐阅读",
        "图片描述", "--结束END--",
    }
)
_CHROME_ANYWHERE = re.compile(
    r"在这里插入图片描述|点击学习|(?<!\d)\d+\s*人(?:浏览|阅读|看过)|(?:阅读|浏览)(?:量|数|次数)[\s:：]*\d"
    r"|转载(?:时)?请注明|有问题或投稿|版权声明|知识共享署名|All rights reserved"
    r"|Copyright\s*(?:©|\(c\))|©\s*\d{4}",
    re.IGNORECASE,
)
_CHROME_LINE = re.compile(
    r"(?=.*\d)[\d\s.,:+%万千kKwW]+"  # view counts, image ids, "99+"
    r"|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"  # dates
    r"|(?:首页|主页|当前位置|您的位置|你的位置)[\s:：]*[>›»/].*"  # breadcrumbs
    r"|(?:目录|文章目录)\s.*"  # a table of contents squeezed onto one line
    r"|(?:来源地址|本文标题|本文链接|原文链接|原文地址|文章链接|上一篇|下一篇)\s*[:：].*"
)
_FOOTER_START = re.compile(
    r"(?:--结束END--|来源地址|本文标题|本文链接|转载规则|猜你喜欢|相关推荐|相关文章"
    r"|推荐阅读|上一篇|下一篇|文章标签)"
)
_BULLET_MARK = re.compile(r"^(?:[•·●▪◦■□○▸►]\s*|[-*+]\s+)")
_CIRCLED_MARK = re.compile(r"^[①-⑳❶-❿]")
_BRACED = re.compile(r"\{([^{}]*)\}")


@dataclass
class _Line:
    raw: str  # the line as written (trailing space already removed)
    text: str  # stripped, page chrome such as inline CSS removed
    indent: int
    kind: str  # blank | chrome | code | bullet | text | heading | title
    depth: int = 0  # heading depth (1 for a top-level heading)


def _classify_lines(raw_lines: list[str]) -> list[_Line]:
    """Kind of every line up to the page footer, in one pass (code runs need the
    previous line's kind)."""
    lines: list[_Line] = []
    code_gap: int | None = None  # lines since the last code line; None: no code yet
    half = len(raw_lines) // 2
    for number, raw in enumerate(raw_lines):
        text = _strip_css(raw.strip())
        if number >= half and _FOOTER_START.match(_strip_bullet(text)):
            break
        line = _Line(raw.rstrip(), text, len(raw) - len(raw.lstrip()), "text")
        line.kind = _line_kind(line, code_gap)
        lines.append(line)
        if line.kind == "code":
            code_gap = 0
        elif code_gap is not None:
            code_gap += 1
    return lines


def _line_kind(line: _Line, code_gap: int | None) -> str:
    if not line.text:
        return "blank"
    if code_gap is not None and code_gap <= 2 and _continues_code(line, code_gap == 0):
        return "code"
    if _is_chrome(line.text):
        return "chrome"
    if _looks_like_code(line.text):
        return "code"
    if _is_bulleted(line.text):
        return "bullet"
    return "text"


def _strip_css(text: str) -> str:
    """Scraped diagrams (mermaid) leave their stylesheet inline: keep the words after it."""
    rules = sum(":" in body and ";" in body for body in _BRACED.findall(text))
    if rules < 3:
        return text
    return text.rsplit("}", 1)[-1].strip()


def _strip_bullet(text: str) -> str:
    return _BULLET_MARK.sub("", text, count=1).strip()


def _is_chrome(text: str) -> bool:
    core = _strip_bullet(text)
    return (
        not core  # a bullet mark alone
        or core in _CHROME_LABELS
        or bool(_CHROME_ANYWHERE.search(core))
        or bool(_CHROME_LINE.fullmatch(core))
    )


# --- code lines in plain text

_CODE_START = re.compile(
    r"(?:import\s+[\w.]+|from\s+[\w.]+\s+import\b|(?:def|class)\s+\w+\s*[(:]"
    r"|(?:return|yield|raise|assert|pass|break|continue)\b"
    r"|(?:for|while|if|elif|else|with|try|except|finally)\b.*:\s*(?:#.*)?$"
    r"|@\w|print\(|>>>\s|#!|(?:pip3?|conda)\s+install\b|\$\s+\w)"
)
_CALL_OR_ASSIGN = re.compile(
    r"[A-Za-z_][\w.]*(?:\[[^\]]*\])*\s*(?:\(|\.\w|(?:[-+*/%@&|^]|//|\*\*)?=(?!=))"
    r"|[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+\s*=(?!=)"
)
_CLOSING_BRACKETS = re.compile(r"[)\]}]+[,;:]?\s*(?:#.*)?")
_MATH_SIGNS = re.compile(
    r"[∣−′∈∉∂∽⨀∑∏√≤≥≠÷→⇒∞∀∃∇∫]|\\(?:frac|mathbb|mathrm|it|bf|color|partial|begin|end|text|cdot"
    r"|times|mid|sum|sqrt|left|right|in)\b"
)
_PYTHON_HINT = re.compile(
    r"^\s*(?:import|from|def|class|print\(|return)\b|\bnn\.|torch\.|self\.|\w\.\w+\(", re.MULTILINE
)


def _looks_like_code(text: str) -> bool:
    if not (_CODE_START.match(text) or _CALL_OR_ASSIGN.match(text)):
        return False
    return _is_code_like(text)


def _continues_code(line: _Line, adjacent: bool) -> bool:
    """A line after code stays in the run: comments, closing brackets, and (right
    after a code line) indented lines that read like code rather than prose."""
    text = line.text
    if _looks_like_code(text) or _CLOSING_BRACKETS.fullmatch(text):
        return True
    if text.startswith("#"):
        return _CJK_OR_WIDE.search(text) is None or adjacent
    return adjacent and line.indent > 0 and _is_code_like(text) and not _is_bulleted(text)


def _is_bulleted(text: str) -> bool:
    return bool(_BULLET_MARK.match(text) or _CIRCLED_MARK.match(text))


_CJK_OR_WIDE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _is_code_like(text: str) -> bool:
    """Code, not prose or a formula: few CJK characters before any ``#`` comment."""
    code_part = text.split("#", 1)[0]
    if _MATH_SIGNS.search(code_part):
        return False
    cjk = len(_CJK_OR_WIDE.findall(code_part))
    return cjk <= max(2, len(code_part) // 10)


# --- headings and title in plain text

_NUMBERED_HEADING = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)(?:[.、．]\s*|\s+)(?=[^\d\s])")
_NAMED_HEADING = re.compile(
    r"第[0-9一二三四五六七八九十百零〇两]+([章节篇部讲课回])|【[^】]+】|[一二三四五六七八九十]+[、.．]\S"
    r"|(?:Chapter|CHAPTER|Part|PART|Lesson|Section)\s+\w+"
)
_TERMINAL_PUNCTUATION = tuple("。！？；：，、.!?;:,")
_HEADING_MAX_WIDTH = 60  # display columns: about 30 CJK characters
# A bare heading (no number or marker) nests under the current numbered heading and
# is a sibling of other bare headings; the next numbered heading closes it.
_BARE_HEADING_DEPTH = 100
_TITLE_SEARCH_LINES = 10


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _heading_candidate(line: _Line) -> bool:
    return (
        line.kind == "text"
        and line.indent == 0
        and _display_width(line.text) <= _HEADING_MAX_WIDTH
        and not line.text.endswith(_TERMINAL_PUNCTUATION)
    )


def _numbered_depth(text: str) -> int:
    """Depth a heading announces: ``3.2 线性回归`` → 2, ``第1章`` → 1, ``第2节`` → 2;
    0 when the line carries no heading marker."""
    number = _NUMBERED_HEADING.match(text)
    if number:
        return number.group(1).count(".") + 1
    named = _NAMED_HEADING.match(text)
    if not named:
        return 0
    return 2 if named.group(1) in ("节", "讲", "课") else 1


def _heading_number(text: str) -> tuple[str, ...] | None:
    """``3.2 线性回归`` → ("3", "2"); ``第3章``/``第三章`` → ("3",); else None."""
    number = _NUMBERED_HEADING.match(text)
    if number:
        return tuple(str(int(part)) for part in number.group(1).split("."))
    chapter = _CHAPTER_NUMBER.match(text)
    value = _chapter_number(chapter.group(1)) if chapter else None
    return (str(value),) if value else None


_CHAPTER_NUMBER = re.compile(r"第([0-9一二三四五六七八九十]+)章")
_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _chapter_number(numeral: str) -> int | None:
    """Arabic or Chinese numerals up to 99 (``十二``, ``二十``, ``三十五``)."""
    if numeral.isdecimal():
        return int(numeral)
    tens, ten, ones = numeral.partition("十")
    if not ten:
        return _CHINESE_DIGITS.get(numeral)
    tens_value = _CHINESE_DIGITS.get(tens, 0 if tens else 1) if len(tens) <= 1 else 0
    ones_value = _CHINESE_DIGITS.get(ones, 0) if len(ones) <= 1 else 0
    return tens_value * 10 + ones_value or None


def _extends(number: tuple[str, ...], parent: tuple[str, ...] | None) -> bool:
    """Whether a heading numbered ``number`` may sit under one numbered ``parent``
    (an unnumbered parent, such as ``【总结】``, is left to the depth rule)."""
    return parent is None or number[: len(parent)] == parent


def _take_title(lines: list[_Line], text: str) -> str:
    """The page title: an early line that the page repeats (breadcrumb, footer,
    related list) or that calls itself notes (``笔记``). It leaves the content."""
    seen = 0
    for line in lines:
        if line.kind not in ("text", "bullet", "code"):
            continue
        seen += 1
        if seen > _TITLE_SEARCH_LINES:
            break
        if line.kind == "text" and _could_be_title(line.text, text):
            line.kind = "title"
            return line.text
    return ""


def _could_be_title(candidate: str, text: str) -> bool:
    if len(candidate) < 4 or _display_width(candidate) > 80:
        return False
    return "笔记" in candidate or text.count(candidate) >= 2


def _mark_headings(lines: list[_Line]) -> None:
    """Short unpunctuated lines become headings when they stand alone and lead into
    content: numbered/marked ones before anything, bare ones before an indented
    block, a bullet, code or another bare heading. Walks backwards to see what
    follows."""
    following: _Line | None = None
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if _heading_candidate(line) and following is not None:
            before_blank = index == 0 or lines[index - 1].kind in ("blank", "chrome", "title")
            after_blank = lines[index + 1].kind in ("blank", "chrome")
            depth = _numbered_depth(line.text)
            leads_in = following.indent > 0 or following.kind in ("bullet", "code")
            leads_in = leads_in or following.depth == _BARE_HEADING_DEPTH
            if before_blank and (depth or (after_blank and leads_in)):
                line.kind, line.depth = "heading", depth or _BARE_HEADING_DEPTH
        if line.kind not in ("blank", "chrome", "title"):
            following = line


class _PlainBuilder:
    """Turns classified lines into highlights: bullets collect the deeper-indented
    lines under them, code lines collect into one code highlight."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.chapters = Chapters()
        self.bullet: list[str] = []
        self.bullet_indent = -1
        self.code: list[_Line] = []

    def build(self, lines: list[_Line]) -> None:
        for line in lines:
            if line.kind == "code":
                self._flush_bullet()
                self.code.append(line)
            elif line.kind == "blank":
                if self.code:
                    self.code.append(line)
            else:
                self._flush_code()
                self._content(line)
        self._flush_code()
        self._flush_bullet()

    def _content(self, line: _Line) -> None:
        if line.kind == "heading":
            self._flush_bullet()
            self._enter_heading(line)
        elif line.kind in ("bullet", "text"):
            if self.bullet and line.indent > self.bullet_indent:
                self.bullet.append(line.text)
            elif line.kind == "bullet":
                self._flush_bullet()
                self.bullet, self.bullet_indent = [_strip_bullet(line.text)], line.indent
            else:
                self._flush_bullet()
                self._emit(line.text)

    def _enter_heading(self, line: _Line) -> None:
        """``5.1`` closes ``3.2`` even though it is deeper than ``3``: numbered headings
        nest only under the headings whose number they extend."""
        number = _heading_number(line.text)
        stack = self.chapters.stack
        while number and stack and not _extends(number, _heading_number(stack[-1][1])):
            stack.pop()
        self.chapters.enter(line.depth, line.text)

    def _flush_bullet(self) -> None:
        self._emit("\n".join(_without_repeats(self.bullet)))
        self.bullet, self.bullet_indent = [], -1

    def _flush_code(self) -> None:
        while self.code and self.code[-1].kind == "blank":
            self.code.pop()
        if self.code:
            code = _dedent([line.raw for line in self.code])
            language = "python" if _PYTHON_HINT.search(code) else None
            self.book.highlights.append(self.chapters.highlight(code, "code", language))
        self.code = []

    def _emit(self, text: str) -> None:
        if text.strip():
            self.book.highlights.append(self.chapters.highlight(text.strip()))


def _without_repeats(parts: list[str]) -> list[str]:
    """Drop empty parts and a part that repeats the one before it (scraped pages
    repeat a bullet's words as the caption of the figure under it)."""
    kept: list[str] = []
    for part in parts:
        if part and (not kept or normalise_for_id(part) != normalise_for_id(kept[-1])):
            kept.append(part)
    return kept


def _dedent(raw_lines: list[str]) -> str:
    """Remove the indentation every non-blank line shares (any whitespace counts)."""
    indents = [len(line) - len(line.lstrip()) for line in raw_lines if line.strip()]
    cut = min(indents, default=0)
    return "\n".join(line[cut:] if line.strip() else "" for line in raw_lines).strip("\n")
