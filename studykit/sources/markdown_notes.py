"""Study notes that are not a WeRead export: Markdown files and plain text.

Two shapes reach this parser (it is the catch-all of :func:`detect_format`):

* real Markdown notes (``#`` headings, lists, fenced code, YAML frontmatter), read
  with markdown-it-py's CommonMark token stream;
* plain text scraped from a blog page: headings are bare short lines, bullets are
  ``•``/``·``/``①``, code listings are pasted as plain lines and the page chrome
  (``广告``, ``返回顶部``, view counts, related-article footers) is mixed in.

Either way the result is ONE :class:`Book` with ``source_format="markdown"``;
headings become chapters, list items and paragraphs become highlights and code
stays whole in one ``kind="code"`` highlight. Ids are assigned later by
``Book.finalize``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from studykit.sources.models import Book, Highlight, normalise_for_id

SOURCE_FORMAT = "markdown"
FALLBACK_TITLE = "untitled"


def parse(text: str, name: str) -> list[Book]:
    """One book from Markdown notes or scraped plain-text notes; never raises."""
    book = Book(title="", source_format=SOURCE_FORMAT)
    if looks_like_markdown(text):
        _parse_markdown(text, name, book)
    else:
        _parse_plain(text, book)
    book.title = book.title or _file_stem(name)
    return [book]


def _file_stem(name: str) -> str:
    return PurePath(name).stem.strip() or name.strip() or FALLBACK_TITLE


# --- which reader -------------------------------------------------------------------

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE)
_MD_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)
_MD_LIST = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S", re.MULTILINE)
_MD_INLINE = re.compile(
    r"\*\*[^*\n]+\*\*|`[^`\n]+`|\[[^\[\]\n]+\]\([^()\s]+\)|^ {0,3}>[ \t]", re.MULTILINE
)
_PLAIN_BULLET_LINE = re.compile(r"^[^\S\n]*[•·●▪◦■□○▸►①-⑳❶-❿]", re.MULTILINE)


def looks_like_markdown(text: str) -> bool:
    """Markdown structure outweighs the bullets of scraped plain text.

    Headings, fences and frontmatter are strong signals; list markers and inline
    markup weak ones. Text with no signal either way is read as plain text, whose
    heuristics (numbered section lines, bare headings) suit unmarked notes better.
    """
    score = 3 * len(_MD_HEADING.findall(text)) + 3 * len(_MD_FENCE.findall(text))
    score += 5 * bool(_FRONTMATTER.match(text))
    score += len(_MD_LIST.findall(text)) + len(_MD_INLINE.findall(text))
    return score > len(_PLAIN_BULLET_LINE.findall(text))


# --- chapters (shared by both readers) ----------------------------------------------


@dataclass
class _Chapters:
    """The open headings, outermost first, each with the depth it was written at."""

    stack: list[tuple[int, str]] = field(default_factory=list)

    def enter(self, depth: int, title: str) -> None:
        while self.stack and self.stack[-1][0] >= depth:
            self.stack.pop()
        if title:
            self.stack.append((depth, title))

    def highlight(self, text: str, kind: str = "text", language: str | None = None) -> Highlight:
        path = tuple(title for _, title in self.stack)
        return Highlight(
            text=text,
            chapter=path[-1] if path else "",
            chapter_path=path,
            chapter_level=len(path),
            kind=kind,
            language=language,
        )


# --- Markdown -----------------------------------------------------------------------

_FRONTMATTER = re.compile(r"\A---[ \t]*\n((?:.*\n)*?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)")


def _parse_markdown(text: str, name: str, book: Book) -> None:
    body = _read_frontmatter(text, name, book)
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    title_heading = _sole_leading_h1(tokens)
    if title_heading is not None and not book.title:
        book.title = _inline_text(tokens[title_heading + 1])
    _MarkdownWalker(book, title_heading).walk(tokens)


def _read_frontmatter(text: str, name: str, book: Book) -> str:
    """Take title/author from a leading YAML block; return the text after it."""
    match = _FRONTMATTER.match(text)
    if not match:
        return text
    try:
        data = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        book.warnings.append(f"{name}: frontmatter is not valid YAML ({reason}); ignored")
        return text[match.end() :]
    if data is None:
        return text[match.end() :]
    if not isinstance(data, dict):
        return text  # "---" rules around plain text, not frontmatter
    book.title = _yaml_text(data.get("title"))
    book.author = _yaml_text(data.get("author", data.get("authors"))) or None
    return text[match.end() :]


def _yaml_text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_yaml_text(item) for item in value if _yaml_text(item))
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    return ""


def _sole_leading_h1(tokens: list[Token]) -> int | None:
    """Index of the opening ``# Title`` when it is the document's only h1."""
    h1s = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"]
    if h1s != [0] or len(tokens) < 2 or not _inline_text(tokens[1]):
        return None
    return 0


def _inline_text(token: Token) -> str:
    """Inline markup as plain text: emphasis/links unwrapped, code kept without
    backticks, images and raw HTML dropped, line breaks kept."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _MarkdownWalker:
    """One pass over the block tokens, tracking chapters and open list items."""

    def __init__(self, book: Book, title_heading: int | None) -> None:
        self.book = book
        self.title_heading = title_heading
        self.chapters = _Chapters()
        self.containers: list[tuple[str, list[str]]] = []  # ("item"|"quote", item text)
        self.heading_depth: int | None = None
        self.skip_heading = False
        self.row: list[str] | None = None
        self.in_table_head = False

    def walk(self, tokens: list[Token]) -> None:
        for index, token in enumerate(tokens):
            if token.type == "heading_open":
                self._flush_item()
                self.heading_depth = int(token.tag[1:])
                self.skip_heading = index == self.title_heading
            elif token.type == "heading_close":
                self.heading_depth = None
            elif token.type == "inline":
                self._inline(_inline_text(token))
            else:
                self._block(token)
        self._flush_item()

    def _block(self, token: Token) -> None:
        kind = token.type
        if kind in ("list_item_open", "blockquote_open"):
            self._flush_item()
            self.containers.append(("item" if kind == "list_item_open" else "quote", []))
        elif kind in ("list_item_close", "blockquote_close"):
            self._flush_item()
            if self.containers:
                self.containers.pop()
        elif kind in ("bullet_list_open", "ordered_list_open", "table_open"):
            self._flush_item()
        elif kind in ("fence", "code_block"):
            self._flush_item()
            self._code(token)
        elif kind == "tr_open":
            self.row = []
        elif kind == "tr_close":
            self._emit(" | ".join(cell for cell in self.row or () if cell))
            self.row = None
        elif kind in ("thead_open", "thead_close"):
            self.in_table_head = kind == "thead_open"

    def _inline(self, text: str) -> None:
        if self.heading_depth is not None:
            if not self.skip_heading:
                self.chapters.enter(self.heading_depth, text.replace("\n", " "))
        elif self.row is not None:
            if not self.in_table_head:  # column labels alone teach nothing
                self.row.append(text.replace("\n", " "))
        elif self.containers and self.containers[-1][0] == "item":
            if text:
                self.containers[-1][1].append(text)
        else:
            self._emit(text)

    def _code(self, token: Token) -> None:
        code = token.content.rstrip("\n")
        if not code.strip():
            return
        info = token.info.strip().split() if token.type == "fence" else []
        language = info[0] if info else None
        self.book.highlights.append(self.chapters.highlight(code, "code", language))

    def _flush_item(self) -> None:
        """Emit the text an open list item holds so far (before nested blocks)."""
        if self.containers and self.containers[-1][0] == "item" and self.containers[-1][1]:
            self._emit("\n".join(self.containers[-1][1]))
            self.containers[-1][1].clear()

    def _emit(self, text: str) -> None:
        if text.strip():
            self.book.highlights.append(self.chapters.highlight(text.strip()))


# --- plain text scraped from web pages ------------------------------------------------

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


def _parse_plain(text: str, book: Book) -> None:
    lines = _classify_lines(text.split("\n"))
    book.title = _take_title(lines, text)
    _mark_headings(lines)
    _PlainBuilder(book).build(lines)


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
        self.chapters = _Chapters()
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
