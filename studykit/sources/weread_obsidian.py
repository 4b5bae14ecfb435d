"""Markdown written by the Obsidian WeRead plugin (obsidian-weread-plugin).

One file is one book: YAML frontmatter, ``# 元数据``, ``# 高亮划线`` (chapters as ``##``..``####``
and highlight blocks in any of the plugin's three layouts, often mixed in one file),
``# 读书笔记`` (repeats every thought; in V1 it is the only place of a highlight that has one)
and ``# 本书评论``. See docs/weread-formats.md, section A.

The parser reads the lines once, never raises, and skips what it does not understand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from studykit.sources.models import Book, Highlight, Note, normalise_for_id

SOURCE_FORMAT = "weread-obsidian"
INTERNAL_ERROR = "weread-obsidian parser stopped early"

_HEADING = re.compile(r"^ ?(#{1,6})(?:[ \t]+(.*))?$")
_MARKER = re.compile(r"^[ \t>*+-]*(📌\ufe0f?🔥|📌|🔥|📊|💭|⏱)\ufe0f?[ \t]*(.*)$")
_BLOCK_ID = re.compile(r"\s\^([A-Za-z0-9-]+)\s*$")
_TRAILING_ID = re.compile(r"(?:^|\s)\^([A-Za-z0-9-]+)\s*$")
_INLINE_TIME = re.compile(r"(?:^|\s)-\s*⏱\ufe0f?\s*(.*)$")
_LINK_WRAPPER = re.compile(r"^\[(.*)\]\((?:<weread://[^<>\n]*>|weread://[^\s()]*)\)$", re.DOTALL)
_CONTINUATION_INDENT = re.compile(r"^[ \t]*(?:>[ \t]*)?")
_LIST_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+")
_POPULAR_COUNT = re.compile(r"^\d+\s*人")  # "> 🔥 12 人共读" under one's own highlight
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")
_META_ABSTRACT = re.compile(r"^>[ \t]*\[!abstract\][ \t]*(.*)$")
_META_FIELD = re.compile(r"^>[ \t]*[-*][ \t]*(书名|作者)[ \t]*[：:][ \t]*(.*)$")
_BARE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?$")
_LINKED_TEXT = re.compile(r"^>[ \t]*\[(?!!)")  # 微信官方 theme: "> [<text>](<weread://…>) ^id"
_PUBLISHED_THOUGHT = re.compile(r"^(\d{4}-\d{2}-\d{2}[ T][\d:]{5,8})[ \t]*发表想法[ \t]*$")
_CHAPTER_DIAMOND = re.compile(r"^◆[ \t]+")
_NAME_SUFFIX = re.compile(r"\.(?:md|markdown|txt)$", re.IGNORECASE)

_SECTIONS = {
    "元数据": "meta",
    "高亮划线": "highlights",
    "我的划线": "highlights",
    "读书笔记": "notes",
    "笔记汇总": "thoughts",  # 分离式 theme: thought first, then "> 📌 <text>"
    "我的笔记": "thoughts",
    "本书评论": "reviews",
    "书评": "reviews",
    "热门划线": "skip",  # other readers' popular highlights
}
_THOUGHT_HEADING_SUFFIX = " 的想法"
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # yaml.safe_load, in C when built


@dataclass
class _Item:
    """A block being read: a highlight, a 读书笔记 entry, a chapter thought or a book review."""

    kind: str  # "highlight", "linked_highlight", "passage_review", "chapter_review", "book_review"
    chapter_path: tuple[str, ...]
    chapter_level: int
    lines: list[str] = field(default_factory=list)
    block_id: str | None = None
    created_at: str | None = None
    text_open: bool = True  # later plain lines continue the text
    thought: list[str] | None = None  # the thought being read, until its ⏱
    thoughts: list[str] = field(default_factory=list)
    blank_pending: bool = False

    def add_text(self, line: str) -> None:
        if self.blank_pending and self.lines:
            self.lines.append("")
        self.blank_pending = False
        match = _BLOCK_ID.search(line) if "^" in line else None
        if match:
            self.block_id = self.block_id or match.group(1)
            line = line[: match.start()]
            self.text_open = False  # the id ends the text (V1, V2 with a thought)
        self.lines.append(line.rstrip())

    def start_thought(self, first_line: str) -> None:
        self.finish_thought()
        self.text_open = False
        self.thought = []
        self.add_thought(first_line)

    def add_thought(self, line: str) -> None:
        if self.blank_pending and self.thought:
            self.thought.append("")
        self.blank_pending = False
        match = _INLINE_TIME.search(line) if "⏱" in line else None
        if match:  # V2: "- 💭 <thought> - ⏱ <time>"
            self.thought.append(line[: match.start()].rstrip())
            self.set_time(match.group(1))
        else:
            self.thought.append(line.rstrip())

    def finish_thought(self) -> None:
        if self.thought is not None:
            text = "\n".join(self.thought).strip()
            if text:
                self.thoughts.append(text)
        self.thought = None

    def set_time(self, rest: str) -> None:
        self.finish_thought()
        self.text_open = False
        self.blank_pending = False
        match = _BLOCK_ID.search(" " + rest) if "^" in rest else None
        if match:
            self.block_id = self.block_id or match.group(1)
            rest = (" " + rest)[: match.start()]
        self.created_at = self.created_at or rest.strip() or None

    @property
    def is_open(self) -> bool:
        return self.text_open or self.thought is not None

    def add_continuation(self, line: str) -> None:
        line = _CONTINUATION_INDENT.sub("", line, count=1)
        if self.thought is not None:
            self.add_thought(line)
        else:
            self.add_text(line)

    def text(self) -> str:
        text = "\n".join(self.lines).strip()
        return self.unwrapped(text) or text

    @staticmethod
    def unwrapped(text: str) -> str | None:
        wrapped = _LINK_WRAPPER.match(text)  # V3: "[<text>](<weread://...>)"
        return wrapped.group(1).strip() if wrapped else None


class _Chapters:
    """The heading stack of the section being read (outermost .. innermost)."""

    def __init__(self) -> None:
        self.path: tuple[str, ...] = ()
        self.level = 0

    def enter(self, level: int, title: str) -> None:
        self.path = (*self.path[: level - 1], title)
        self.level = level

    def reset(self) -> None:
        self.path, self.level = (), 0


def parse(text: str, name: str) -> list[Book]:
    """One Book (``source_format="weread-obsidian"``) from one plugin file; never raises."""
    parser = _FileParser(name)
    try:
        parser.run(text)
    except Exception as exc:  # a bug must not lose what was read so far
        parser.warnings.append(f"{name}: {INTERNAL_ERROR} ({type(exc).__name__}: {exc})")
    return [parser.book()]


class _FileParser:
    def __init__(self, name: str) -> None:
        self.name = name
        self.warnings: list[str] = []
        self.front: dict[str, str] = {}
        self.meta: dict[str, str] = {}
        self.highlights: list[Highlight] = []
        self.notes: list[Note] = []
        self.section = "highlights"  # before any "# " heading: a template without sections
        self.notes_mode = "passage"  # in 读书笔记: "passage" (划线评论) or "chapter_review"
        self.chapters = _Chapters()
        self.known_chapters: dict[str, tuple[tuple[str, ...], int] | None] = {}
        self.item: _Item | None = None
        self.skipping = False  # inside another reader's popular highlight
        self.loose_thought: list[str] = []  # 分离式/微信官方 themes: a thought before its text
        self.loose_time: str | None = None
        self.collecting_thought = False  # 微信官方 theme: after "<time> 发表想法"
        self.by_text: dict[str, list[Highlight]] | None = None
        self.thought_keys: dict[int, set[str]] = {}

    # ---- whole file -------------------------------------------------------------------

    def run(self, text: str) -> None:
        lines = text.split("\n")
        start = self._read_frontmatter(lines)
        for index in range(start, len(lines)):
            self._feed(lines[index])
        self._close_item()

    def book(self) -> Book:
        title = (
            self.front.get("title")
            or self.meta.get("abstract")
            or self.meta.get("书名")
            or _name_stem(self.name)
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
        """Read the ``---`` block at the top; return the index of the first body line."""
        first = 0
        while first < len(lines) and not lines[first].strip():
            first += 1
        if first == len(lines) or lines[first] != "---":
            return 0
        end, closed = len(lines), False
        for index in range(first + 1, len(lines)):
            line = lines[index]
            if line in ("---", "..."):
                end, closed = index, True
                break
            if line.startswith("#") or "📌" in line:  # the fence is missing
                end = index
                break
        block = lines[first + 1 : end]
        self.front = _frontmatter_fields(block, closed, self.name, self.warnings)
        return end + 1 if closed else end

    # ---- one line ---------------------------------------------------------------------

    def _feed(self, line: str) -> None:
        if self.section == "reviews" and self._feed_review(line):
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
        if self.section == "meta" and self._on_meta(line):
            return
        marker = _MARKER.match(line)
        if marker:
            self._on_marker(marker.group(1), marker.group(2))
        else:
            self._on_plain(line)

    def _on_heading(self, hashes: int, title: str) -> None:
        self._close_item()
        self.skipping = False
        self.loose_thought, self.loose_time, self.collecting_thought = [], None, False
        if hashes == 1:
            self._enter_section(title)
            return
        level = hashes - 1
        title = _CHAPTER_DIAMOND.sub("", title) or "未知章节"
        if self.section == "notes":
            self._on_notes_heading(level, title)
        elif self.section == "thoughts":
            title = title.removesuffix(_THOUGHT_HEADING_SUFFIX)
            self.chapters.enter(level, title)
        elif self.section in ("highlights", "meta"):
            self.section = "highlights"
            self.chapters.enter(level, title)
            self._remember_chapter(title)

    def _remember_chapter(self, title: str) -> None:
        """Where a title sits, for 读书笔记 (always ``##``); None when two chapters share it."""
        place = (self.chapters.path, self.chapters.level)
        if self.known_chapters.setdefault(title, place) != place:
            self.known_chapters[title] = None

    def _enter_section(self, title: str) -> None:
        self.section = _SECTIONS.get(title, "highlights")
        self.notes_mode = "passage"
        self.chapters.reset()

    def _on_notes_heading(self, level: int, title: str) -> None:
        if title.startswith("划线评论"):
            self.notes_mode = "passage"
        elif title.startswith("章节评论"):
            self.notes_mode = "chapter_review"
        else:
            self.notes_mode = "passage"
            known = self.known_chapters.get(title)
            if known:
                self.chapters.path, self.chapters.level = known
            else:
                self.chapters.enter(level, title)

    def _on_blank(self) -> None:
        if self.item is not None:
            self.item.blank_pending = True
        elif self.loose_thought:
            self.loose_thought.append("")

    def _on_meta(self, line: str) -> bool:
        abstract = _META_ABSTRACT.match(line)
        if abstract:
            self.meta.setdefault("abstract", abstract.group(1).strip())
            return True
        meta_field = _META_FIELD.match(line)
        if meta_field:
            self.meta.setdefault(meta_field.group(1), meta_field.group(2).strip())
            return True
        return False

    def _on_marker(self, emoji: str, rest: str) -> None:
        if emoji.startswith("📌"):
            self._on_pin(rest)
        elif emoji == "🔥":
            if not _POPULAR_COUNT.match(rest):  # someone else's highlight: skip it
                self._close_item()
                self.skipping = True
        elif emoji == "💭":
            self.skipping = False
            if self.item is not None and self.item.kind in ("highlight", "passage_review"):
                self.item.start_thought(rest)
        elif emoji == "⏱" and self.item is not None and not self.skipping:
            self.item.set_time(rest)
        # "📊 N 人共读 ^id" belongs to someone else's highlight: nothing to keep

    def _on_pin(self, rest: str) -> None:
        self._close_item()
        self.skipping = self.section == "skip"
        if self.skipping:
            return
        kind = "passage_review" if self.section in ("notes", "thoughts") else "highlight"
        self.item = self._new_item(kind)
        if self.section == "thoughts":
            thought = "\n".join(self.loose_thought).strip()
            self.item.thoughts = [thought] if thought else []
            self.loose_thought = []
        self.item.add_text(rest)

    def _on_plain(self, line: str) -> None:
        if self.skipping:
            return
        item = self.item
        if item is not None and item.is_open:
            item.add_continuation(line)
        elif self.section == "highlights" and self._on_official_line(line):
            return
        elif self.section == "notes" and self.notes_mode == "chapter_review":
            self._close_item()
            self.item = self._new_item("chapter_review")
            self.item.add_text(_LIST_BULLET.sub("", line, count=1))
        elif self.section == "thoughts":
            self.loose_thought.append(_CONTINUATION_INDENT.sub("", line, count=1))

    def _on_official_line(self, line: str) -> bool:
        """微信官方 theme: ``<time> 发表想法`` / thought / ``> [<text>](<link>) ^id``, ``◆ 点评``."""
        published = _PUBLISHED_THOUGHT.match(line)
        if published:
            self._close_item()
            self.loose_thought, self.loose_time = [], published.group(1)
            self.collecting_thought = True
        elif _LINKED_TEXT.match(line) and not line.endswith("人划线"):
            self._close_item()
            self.item = self._new_item("linked_highlight")
            thought = "\n".join(self.loose_thought).strip()
            self.item.thoughts = [thought] if thought else []
            self.item.created_at = self.loose_time
            self.loose_thought, self.loose_time, self.collecting_thought = [], None, False
            self.item.add_text(_CONTINUATION_INDENT.sub("", line, count=1))
        elif line.strip() == "◆ 点评":
            self._close_item()
            self.item = self._new_item("book_review")
        elif self.collecting_thought:
            self.loose_thought.append(line.strip(" \t"))
        else:
            return False
        return True

    def _feed_review(self, line: str) -> bool:
        """本书评论: ``## 书评 No.<n>``, markdown content ending in ``^<id>``, ``⏱ <time>``."""
        heading = _HEADING.match(line) if line[:1] == "#" else None
        if heading and len(heading.group(1)) == 1 and (heading.group(2) or "").strip() in _SECTIONS:
            return False
        if heading and len(heading.group(1)) == 2 and (heading.group(2) or "").startswith("书评"):
            self._close_item()
            self.item = self._new_item("book_review")
            return True
        item = self.item
        if item is None or item.kind != "book_review":
            return True
        marker = _MARKER.match(line) if "⏱" in line else None
        if marker and marker.group(1) == "⏱":
            item.set_time(marker.group(2))
            self._close_item()
        else:
            item.lines.append(line)
        return True

    # ---- finished blocks --------------------------------------------------------------

    def _new_item(self, kind: str) -> _Item:
        return _Item(kind, self.chapters.path, self.chapters.level)

    def _close_item(self) -> None:
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

    def _add_highlight(self, item: _Item) -> Highlight | None:
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
            self._attach_thought(highlight, thought)
        return highlight

    def _add_passage_review(self, item: _Item) -> None:
        """A 读书笔记 thought: attach it to its highlight, or create that highlight (V1)."""
        text = item.text()
        if not text.strip():
            return
        existing = self._matching_highlight(normalise_for_id(text), item.thoughts)
        if existing is None:
            self._add_highlight(item)
            return
        for thought in item.thoughts:
            self._attach_thought(existing, thought)

    def _matching_highlight(self, key: str, thoughts: list[str]) -> Highlight | None:
        candidates = self._text_index().get(key)
        if not candidates:
            return None
        wanted = {normalise_for_id(t) for t in thoughts}
        for highlight in candidates:
            if wanted <= self.thought_keys.get(id(highlight), set()):
                return highlight  # already carries these thoughts
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

    def _attach_thought(self, highlight: Highlight, thought: str) -> None:
        keys = self.thought_keys.setdefault(id(highlight), set())
        key = normalise_for_id(thought)
        if key and key not in keys:
            keys.add(key)
            highlight.add_note(thought)

    def _add_book_review(self, item: _Item) -> None:
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

    def _add_note(self, item: _Item, scope: str, text: str) -> None:
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


# ---- frontmatter ------------------------------------------------------------------------


def _frontmatter_fields(
    block: list[str], closed: bool, name: str, warnings: list[str]
) -> dict[str, str]:
    """``title``, ``author`` and ``bookId`` as strings; a broken block is read line by line."""
    raw = _raw_fields(block)
    data: object = None
    if not closed:
        warnings.append(f"{name}: the frontmatter has no closing '---'; read it line by line")
    else:
        try:
            data = yaml.load("\n".join(block), Loader=_SAFE_LOADER)
        except Exception as exc:  # yaml errors, and RecursionError on deep nesting
            problem = getattr(exc, "problem", None) or type(exc).__name__
            warnings.append(
                f"{name}: the frontmatter is not valid YAML ({problem}); read it line by line"
            )
        if data is not None and not isinstance(data, dict):
            warnings.append(f"{name}: the frontmatter is not a YAML mapping; read it line by line")
            data = None
    fields: dict[str, str] = {}
    for key in ("title", "author", "bookId"):
        value = _field_value(data, raw, key)
        if value:
            fields[key] = value
    return fields


def _field_value(data: object, raw: dict[str, str], key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, str):
        return value.strip() or None
    if value is None or isinstance(value, (dict, list)):
        return raw.get(key) if data is None else None
    return raw.get(key) or str(value)  # a number, date or bool: keep it as written


def _raw_fields(block: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in block:
        match = _KEY_VALUE.match(line)
        if match and match.group(1) not in fields:
            fields[match.group(1)] = _unquote(match.group(2).strip())
    return fields


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _name_stem(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return _NAME_SUFFIX.sub("", base).strip() or base or "未命名"
