"""Markdown written by the Obsidian WeRead plugin (obsidian-weread-plugin).

One file is one book: YAML frontmatter, ``# 元数据``, ``# 高亮划线`` (chapters as ``##``..``####``
and highlight blocks in any of the plugin's three layouts, often mixed in one file),
``# 读书笔记`` (repeats every thought; in V1 it is the only place of a highlight that has one)
and ``# 本书评论``. See docs/weread-formats.md, section A.

Each ``# `` section has its own handler class (see ``_SECTIONS``); the reader keeps what
they share: the chapter trail, the block being read and the records found. It reads the
lines once, never raises, and skips what it does not understand.
"""

from __future__ import annotations

import re

from studykit.sources.common import Chapters, Thoughts, read_front_matter, title_from_name
from studykit.sources.models import Book, Highlight, Note, normalise_for_id
from studykit.sources.weread_obsidian_block import CONTINUATION_INDENT, Block

SOURCE_FORMAT = "weread-obsidian"
INTERNAL_ERROR = "weread-obsidian parser stopped early"

_HEADING = re.compile(r"^ ?(#{1,6})(?:[ \t]+(.*))?$")
_MARKER = re.compile(r"^[ \t>*+-]*(📌\ufe0f?🔥|📌|🔥|📊|💭|⏱)\ufe0f?[ \t]*(.*)$")
_TRAILING_ID = re.compile(r"(?:^|\s)\^([A-Za-z0-9-]+)\s*$")
_LIST_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+")
_POPULAR_COUNT = re.compile(r"^\d+\s*人")  # "> 🔥 12 人共读" under one's own highlight
_META_ABSTRACT = re.compile(r"^>[ \t]*\[!abstract\][ \t]*(.*)$")
_META_FIELD = re.compile(r"^>[ \t]*[-*][ \t]*(书名|作者)[ \t]*[：:][ \t]*(.*)$")
_BARE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?$")
_LINKED_TEXT = re.compile(r"^>[ \t]*\[(?!!)")  # 微信官方 theme: "> [<text>](<weread://…>) ^id"
_PUBLISHED_THOUGHT = re.compile(r"^(\d{4}-\d{2}-\d{2}[ T][\d:]{5,8})[ \t]*发表想法[ \t]*$")
_CHAPTER_DIAMOND = re.compile(r"^◆[ \t]+")
_THOUGHT_HEADING_SUFFIX = " 的想法"


def parse(text: str, name: str) -> list[Book]:
    """One Book (``source_format="weread-obsidian"``) from one plugin file; never raises."""
    parser = _FileParser(name)
    try:
        parser.run(text)
    except Exception as exc:  # a bug must not lose what was read so far
        parser.warnings.append(f"{name}: {INTERNAL_ERROR} ({type(exc).__name__}: {exc})")
    return [parser.book()]


# ---- sections: one handler class per "# " heading -------------------------------------------


class _Section:
    """Lines under one ``# `` heading. The reader hands a section its ``##``.. headings,
    its 📌 lines and the plain lines no open block takes; ``own_line`` sees every line
    first (True: the section has dealt with it)."""

    pin_kind = "highlight"
    own_lines = False  # True: the reader hands every line to own_line first

    def __init__(self, reader: _FileParser) -> None:
        self.reader = reader

    def own_line(self, line: str) -> bool:
        return False

    def heading(self, level: int, title: str) -> None:
        """A chapter heading (``##`` is level 1)."""

    def pin(self, rest: str) -> None:
        self.reader.open_item(self.pin_kind).add_text(rest)

    def loose_line(self, line: str) -> None:
        """A plain line outside any open block."""


class _Highlights(_Section):
    """高亮划线 (and a file without sections): chapters, highlight blocks, and the
    微信官方 theme's ``<time> 发表想法`` / thought / ``> [<text>](<link>) ^id`` / ``◆ 点评``."""

    def heading(self, level: int, title: str) -> None:
        self.reader.chapters.enter(level, title)
        self.reader.remember_chapter(title)

    def loose_line(self, line: str) -> None:
        reader = self.reader
        published = _PUBLISHED_THOUGHT.match(line)
        if published:
            reader.close_item()
            reader.loose_thought, reader.loose_time = [], published.group(1)
            reader.collecting_thought = True
        elif _LINKED_TEXT.match(line) and not line.endswith("人划线"):
            item = reader.open_item("linked_highlight")
            item.thoughts = reader.take_loose_thought()
            item.created_at = reader.loose_time
            reader.loose_time, reader.collecting_thought = None, False
            item.add_text(CONTINUATION_INDENT.sub("", line, count=1))
        elif line.strip() == "◆ 点评":
            reader.open_item("book_review")
        elif reader.collecting_thought:
            reader.loose_thought.append(line.strip(" \t"))


class _Meta(_Section):
    """元数据: the callout with the title (``[!abstract]``), 书名 and 作者. A chapter
    heading here means the template has no 高亮划线 heading: the highlights begin."""

    own_lines = True

    def own_line(self, line: str) -> bool:
        abstract = _META_ABSTRACT.match(line)
        if abstract:
            self.reader.meta.setdefault("abstract", abstract.group(1).strip())
            return True
        meta_field = _META_FIELD.match(line)
        if meta_field:
            self.reader.meta.setdefault(meta_field.group(1), meta_field.group(2).strip())
            return True
        return False

    def heading(self, level: int, title: str) -> None:
        self.reader.section = _Highlights(self.reader)
        self.reader.section.heading(level, title)


class _Notes(_Section):
    """读书笔记: ``## <chapter>``, then ``### 划线评论`` (📌 passage and its 💭 thought,
    repeating 高亮划线) or ``### 章节评论 No.<n>`` (a thought on the whole chapter)."""

    pin_kind = "passage_review"

    def __init__(self, reader: _FileParser) -> None:
        super().__init__(reader)
        self.chapter_reviews = False

    def heading(self, level: int, title: str) -> None:
        self.chapter_reviews = title.startswith("章节评论")
        if title.startswith(("划线评论", "章节评论")):
            return
        known = self.reader.known_chapters.get(title)
        if known:
            self.reader.chapters.restore(known)
        else:
            self.reader.chapters.enter(level, title)

    def loose_line(self, line: str) -> None:
        if self.chapter_reviews:
            self.reader.open_item("chapter_review").add_text(_LIST_BULLET.sub("", line, count=1))


class _Thoughts(_Section):
    """笔记汇总 / 我的笔记 (分离式 theme): ``## <chapter> 的想法``, each thought written
    before the ``> 📌 <text>`` it is about."""

    pin_kind = "passage_review"

    def heading(self, level: int, title: str) -> None:
        self.reader.chapters.enter(level, title.removesuffix(_THOUGHT_HEADING_SUFFIX))

    def pin(self, rest: str) -> None:
        item = self.reader.open_item(self.pin_kind)
        item.thoughts = self.reader.take_loose_thought()
        item.add_text(rest)

    def loose_line(self, line: str) -> None:
        self.reader.loose_thought.append(CONTINUATION_INDENT.sub("", line, count=1))


class _Reviews(_Section):
    """本书评论: ``## 书评 No.<n>``, Markdown content ending in ``^<id>``, ``⏱ <time>``.
    The section reads its own lines (a review may hold headings and lists)."""

    own_lines = True

    def own_line(self, line: str) -> bool:
        reader = self.reader
        heading = _HEADING.match(line) if line[:1] == "#" else None
        if heading and len(heading.group(1)) == 1 and (heading.group(2) or "").strip() in _SECTIONS:
            return False
        if heading and len(heading.group(1)) == 2 and (heading.group(2) or "").startswith("书评"):
            reader.open_item("book_review")
            return True
        item = reader.item
        if item is None or item.kind != "book_review":
            return True
        marker = _MARKER.match(line) if "⏱" in line else None
        if marker and marker.group(1) == "⏱":
            item.set_time(marker.group(2))
            reader.close_item()
        else:
            item.lines.append(line)
        return True


class _Skipped(_Section):
    """热门划线: other readers' popular highlights, not the reader's own."""

    def pin(self, rest: str) -> None:
        self.reader.close_item()
        self.reader.skipping = True


_SECTIONS: dict[str, type[_Section]] = {
    "元数据": _Meta,
    "高亮划线": _Highlights,
    "我的划线": _Highlights,
    "读书笔记": _Notes,
    "笔记汇总": _Thoughts,
    "我的笔记": _Thoughts,
    "本书评论": _Reviews,
    "书评": _Reviews,
    "热门划线": _Skipped,
}


# ---- the reader ---------------------------------------------------------------------------


class _FileParser:
    def __init__(self, name: str) -> None:
        self.name = name
        self.warnings: list[str] = []
        self.front: dict[str, str] = {}
        self.meta: dict[str, str] = {}
        self.highlights: list[Highlight] = []
        self.notes: list[Note] = []
        self.section: _Section = _Highlights(self)  # a template without "# " sections
        self.chapters = Chapters(absolute_levels=True)
        self.known_chapters: dict[str, tuple[tuple[int, str], ...] | None] = {}
        self.item: Block | None = None
        self.skipping = False  # inside another reader's popular highlight
        self.loose_thought: list[str] = []  # 分离式/微信官方 themes: a thought before its text
        self.loose_time: str | None = None
        self.collecting_thought = False  # 微信官方 theme: after "<time> 发表想法"
        self.by_text: dict[str, list[Highlight]] | None = None
        self.thoughts = Thoughts()

    # ---- whole file -------------------------------------------------------------------

    def run(self, text: str) -> None:
        lines = text.split("\n")
        for index in range(self._read_frontmatter(lines), len(lines)):
            self._feed(lines[index])
        self.close_item()

    def book(self) -> Book:
        title = (
            self.front.get("title")
            or self.meta.get("abstract")
            or self.meta.get("书名")
            or title_from_name(self.name)
        )
        return Book(
            title=title,
            source_format=SOURCE_FORMAT,
            author=self.front.get("author") or self.meta.get("作者") or None,
            weread_id=self.front.get("bookId") or None,
            highlights=self.highlights,
            notes=self.notes,
            warnings=self.warnings,
        )

    def _read_frontmatter(self, lines: list[str]) -> int:
        """Read the ``---`` block at the top (a block missing its closing fence ends where
        the body starts); return the index of the first body line."""
        matter = read_front_matter(lines, stop_at=lambda line: line.startswith("#")
                                   or "📌" in line)
        if matter.problem:
            self.warnings.append(
                f"{self.name}: the frontmatter {matter.problem}; read it line by line")
        for key in ("title", "author", "bookId"):
            value = matter.text(key)
            if value:
                self.front[key] = value
        return matter.body

    # ---- one line ---------------------------------------------------------------------

    def _feed(self, line: str) -> None:
        if self.section.own_lines and self.section.own_line(line):
            return
        if line[:1] == "#" or line[:2] == " #":
            heading = _HEADING.match(line)
            if heading:
                self._on_heading(len(heading.group(1)), (heading.group(2) or "").strip(" \t"))
                return
        stripped = line.strip()
        if not stripped or stripped == ">":
            self._on_blank()
            return
        marker = _MARKER.match(line)
        if marker:
            self._on_marker(marker.group(1), marker.group(2))
        elif not self.skipping:
            if self.item is not None and self.item.is_open:
                self.item.add_continuation(line)
            else:
                self.section.loose_line(line)

    def _on_heading(self, hashes: int, title: str) -> None:
        self.close_item()
        self.skipping = False
        self.loose_thought, self.loose_time, self.collecting_thought = [], None, False
        if hashes == 1:
            self.section = _SECTIONS.get(title, _Highlights)(self)
            self.chapters.reset()
        else:
            self.section.heading(hashes - 1, _CHAPTER_DIAMOND.sub("", title) or "未知章节")

    def _on_blank(self) -> None:
        if self.item is not None:
            self.item.blank_pending = True
        elif self.loose_thought:
            self.loose_thought.append("")

    def _on_marker(self, emoji: str, rest: str) -> None:
        if emoji.startswith("📌"):
            self.skipping = False
            self.section.pin(rest)  # closes the block being read
        elif emoji == "🔥":
            if not _POPULAR_COUNT.match(rest):  # someone else's highlight: skip it
                self.close_item()
                self.skipping = True
        elif emoji == "💭":
            self.skipping = False
            if self.item is not None and self.item.kind in ("highlight", "passage_review"):
                self.item.start_thought(rest)
        elif emoji == "⏱" and self.item is not None and not self.skipping:
            self.item.set_time(rest)
        # "📊 N 人共读 ^id" belongs to someone else's highlight: nothing to keep

    # ---- what sections share ----------------------------------------------------------

    def open_item(self, kind: str) -> Block:
        """Close the block being read and start a new one in the current chapter."""
        self.close_item()
        self.item = Block(kind, self.chapters.path, self.chapters.level)
        return self.item

    def take_loose_thought(self) -> list[str]:
        thought = "\n".join(self.loose_thought).strip()
        self.loose_thought = []
        return [thought] if thought else []

    def remember_chapter(self, title: str) -> None:
        """Where a title sits, for 读书笔记 (always ``##``); None when two chapters share it."""
        place = self.chapters.snapshot()
        if self.known_chapters.setdefault(title, place) != place:
            self.known_chapters[title] = None

    # ---- finished blocks --------------------------------------------------------------

    def close_item(self) -> None:
        item, self.item = self.item, None
        if item is None:
            return
        item.finish_thought()
        if item.kind == "highlight":
            self._add_highlight(item)
        elif item.kind == "linked_highlight":
            if item.unwrapped("\n".join(item.lines).strip()) is not None:
                self._add_highlight(item)
        elif item.kind == "passage_review":
            self._add_passage_review(item)
        elif item.kind == "chapter_review":
            self._add_note(item, "chapter", item.text())
        else:
            self._add_book_review(item)

    def _add_highlight(self, item: Block) -> Highlight | None:
        text = item.text()
        if not text.strip():
            return None
        highlight = Highlight(
            text=text,
            chapter=item.chapter_path[-1] if item.chapter_path else "",
            chapter_path=item.chapter_path,
            chapter_level=item.chapter_level,
            block_id=item.block_id,
            created_at=item.created_at,
        )
        self.highlights.append(highlight)
        if self.by_text is not None:
            self.by_text.setdefault(normalise_for_id(text), []).append(highlight)
        for thought in item.thoughts:
            self.thoughts.attach(highlight, thought)
        return highlight

    def _add_passage_review(self, item: Block) -> None:
        """A 读书笔记 thought: attach it to its highlight, or create that highlight (V1)."""
        text = item.text()
        if not text.strip():
            return
        existing = self._matching_highlight(normalise_for_id(text), item.thoughts)
        if existing is None:
            self._add_highlight(item)
            return
        for thought in item.thoughts:
            self.thoughts.attach(existing, thought)

    def _matching_highlight(self, key: str, thoughts: list[str]) -> Highlight | None:
        candidates = self._text_index().get(key)
        if not candidates:
            return None
        for highlight in candidates:
            if self.thoughts.carries(highlight, thoughts):
                return highlight
        for highlight in candidates:
            if highlight.note is None:
                return highlight
        return candidates[0]

    def _text_index(self) -> dict[str, list[Highlight]]:
        """Highlights by whitespace-free text, built only when 读书笔记 needs it."""
        if self.by_text is None:
            self.by_text = {}
            for highlight in self.highlights:
                self.by_text.setdefault(normalise_for_id(highlight.text), []).append(highlight)
        return self.by_text

    def _add_book_review(self, item: Block) -> None:
        text = "\n".join(item.lines).strip()
        match = _TRAILING_ID.search(text) if "^" in text else None
        if match:
            item.block_id = item.block_id or match.group(1)
            text = text[: match.start()].strip()
        first, _, remainder = text.partition("\n")
        if _BARE_TIME.match(first.strip()):  # 分离式 theme: the time comes first
            item.created_at = item.created_at or first.strip()
            text = remainder.strip()
        self._add_note(item, "book", text)

    def _add_note(self, item: Block, scope: str, text: str) -> None:
        if not text.strip():
            return
        chapter = item.chapter_path[-1] if item.chapter_path and scope == "chapter" else ""
        self.notes.append(
            Note(
                text=text,
                scope=scope,
                chapter=chapter,
                block_id=item.block_id,
                created_at=item.created_at,
            )
        )
