"""Markdown study notes: ``#`` headings, lists, fenced code, tables, YAML front matter.

The text is read with markdown-it-py's CommonMark token stream. The result is ONE
:class:`Book` with ``source_format="markdown"``: headings become chapters, list items,
paragraphs, quotes and table rows become highlights, and code stays whole in one
``kind="code"`` highlight. Ids are assigned later by ``Book.finalize``.

Plain text scraped from a web page is the other ``markdown`` source; its reader is
``scraped_page``, and :func:`looks_like_markdown` tells the two apart.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from studykit.sources import sr_cards
from studykit.sources.common import NOT_A_MAPPING, Chapters, read_front_matter, title_from_name
from studykit.sources.detect import looks_like_markdown
from studykit.sources.models import Book

SOURCE_FORMAT = "markdown"
__all__ = ["SOURCE_FORMAT", "looks_like_markdown", "parse"]


def parse(text: str, name: str) -> list[Book]:
    """One book from Markdown notes; never raises."""
    book = Book(title="", source_format=SOURCE_FORMAT)
    body, tags = _read_front_matter(text, name, book)
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    title_heading = _sole_leading_h1(tokens)
    if title_heading is not None and not book.title:
        book.title = _inline_text(tokens[title_heading + 1])
    tagged = sr_cards.has_deck_tag(body) or sr_cards.has_deck_tag(" ".join(f"#{t}" for t in tags))
    _MarkdownWalker(book, title_heading, tagged).walk(tokens)
    book.title = book.title or title_from_name(name)
    return [book]


# --- front matter -------------------------------------------------------------------


def _read_front_matter(text: str, name: str, book: Book) -> tuple[str, list[str]]:
    """Take title/author from a leading YAML block; return the text after it and the
    block's tags. ``---`` rules around plain text (not a mapping) are no front matter."""
    lines = text.split("\n")
    matter = read_front_matter(lines)
    if not matter.found or matter.problem == NOT_A_MAPPING:
        return text, []
    if matter.problem:
        book.warnings.append(f"{name}: frontmatter {matter.problem}; ignored")
    else:
        book.title = matter.text("title") or ""
        book.author = matter.text("author") or matter.text("authors")
    return "\n".join(lines[matter.body:]), (matter.text("tags") or "").replace(",", " ").split()


def _sole_leading_h1(tokens: list[Token]) -> int | None:
    """Index of the opening ``# Title`` when it is the document's only h1."""
    h1s = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"]
    if h1s != [0] or len(tokens) < 2 or not _inline_text(tokens[1]):
        return None
    return 0


BOLD = "**"


def _plain(text: str) -> str:
    """Body text as a title or a table cell: no code or bold marks."""
    return sr_cards.strip_code_marks(text).replace(BOLD, "")


def _inline_text(token: Token, *, code_marks: bool = False) -> str:
    """Inline markup as plain text: emphasis/links unwrapped, code kept without
    backticks, images and raw HTML (such as the SR plugin's scheduling comments) dropped,
    line breaks kept. In body text (``code_marks``) code goes between sr_cards' code marks
    and bold stays ``**bold**``: the reader's own cloze mark (see cards.marks)."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "text_special"):
            parts.append(child.content)
        elif child.type == "code_inline":
            parts.append(f"{sr_cards.CODE_OPEN}{child.content}{sr_cards.CODE_CLOSE}"
                         if code_marks else child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif code_marks and child.type in ("strong_open", "strong_close"):
            parts.append(BOLD)
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _MarkdownWalker:
    """One pass over the block tokens, tracking chapters and open list items."""

    def __init__(self, book: Book, title_heading: int | None, tagged: bool = False) -> None:
        self.book = book
        self.title_heading = title_heading
        self.tagged = tagged  # the SR plugin's deck tag: the file says it holds cards
        self.question: str | None = None  # an SR question ending in "?", for a code answer
        self.chapters = Chapters()
        self.containers: list[tuple[str, list[str]]] = []  # ("item"|"quote", item text)
        self.heading_depth: int | None = None
        self.skip_heading = False
        self.row: list[str] | None = None
        self.in_table_head = False

    def walk(self, tokens: list[Token]) -> None:
        for index, token in enumerate(tokens):
            if self.question is not None and token.type not in _MAY_PRECEDE_AN_ANSWER:
                self._flush_question()
            if token.type == "heading_open":
                self._flush_item()
                self.heading_depth = int(token.tag[1:])
                self.skip_heading = index == self.title_heading
            elif token.type == "heading_close":
                self.heading_depth = None
            elif token.type == "inline":
                self._inline(_inline_text(token, code_marks=True))
            else:
                self._block(token)
        self._flush_item()
        self._flush_question()

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
            self._emit_text(" | ".join(cell for cell in self.row or () if cell))
            self.row = None
        elif kind in ("thead_open", "thead_close"):
            self.in_table_head = kind == "thead_open"

    def _inline(self, text: str) -> None:
        if self.heading_depth is not None:
            if not self.skip_heading:
                title = _plain(text).replace("\n", " ")
                self.chapters.enter(self.heading_depth, title)
        elif self.row is not None:
            if not self.in_table_head:  # column labels alone teach nothing
                self.row.append(_plain(text).replace("\n", " "))
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
        if self.question is not None:  # the answer of "question / ?" above
            self._add_cards(sr_cards.answer_question(self.question, code))
            self.question = None
            return
        self.book.highlights.append(self.chapters.highlight(code, "code", language))

    def _flush_item(self) -> None:
        """Emit the text an open list item holds so far (before nested blocks)."""
        if self.containers and self.containers[-1][0] == "item" and self.containers[-1][1]:
            self._emit("\n".join(self.containers[-1][1]))
            self.containers[-1][1].clear()

    def _emit(self, text: str) -> None:
        """A block of text: its SR plugin cards, and the rest as text highlights."""
        pieces, self.question = sr_cards.read_block(text, tagged=self.tagged)
        for piece in pieces:
            if isinstance(piece, str):
                self._emit_text(piece)
            else:
                self._add_cards([piece])

    def _emit_text(self, text: str) -> None:
        if text.strip():
            self.book.highlights.append(self.chapters.highlight(text.strip()))

    def _add_cards(self, cards: list[sr_cards.Card]) -> None:
        for card in cards:
            self.book.highlights.append(self.chapters.highlight(
                card.back.replace(BOLD, ""), "card", front=card.front.replace(BOLD, "")))

    def _flush_question(self) -> None:
        """A question that no code block answered stays text."""
        if self.question is not None:
            self._emit_text(self.question)
            self.question = None


# tokens that may come between an SR question ending in "?" and the code block answering it
_MAY_PRECEDE_AN_ANSWER = frozenset({"paragraph_close", "fence", "code_block"})
