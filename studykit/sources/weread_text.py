"""Native WeRead (微信读书) text export: the plain text the app and the web copy out.

Three generations exist (see docs/weread-formats.md, section B):

* **B3** (current): ``◆ `` marks a highlight, chapters are plain lines, thoughts are
  ``◆ YYYY/MM/DD发表想法`` + paragraphs + ``原文：<quote>``.
* **B2** (older): ``◆ `` marks a chapter, ``>> `` a highlight; a thought
  (``YYYY/M/D 发表想法`` + lines) belongs to the next ``>>`` line.
* **B1** (oldest, best effort): ``<thought>><highlight>`` lines under ``◆`` chapters.

Several books may be pasted into one file; a B2 export whose line breaks were lost
(``◆ chapter>> highlight>> ...`` on one line, inside a web page) is split back first.
The parser never raises: unknown lines are skipped or kept as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from studykit.sources.common import Chapters, Thoughts, title_from_name
from studykit.sources.models import Book, Highlight, Note

FORMAT = "weread-text"

_DATE = r"(\d{4})/(\d{1,2})/(\d{1,2})"
_COUNT = re.compile(r"^\s*(\d+)\s*个笔记\s*$")
_GLUED_COUNT = re.compile(r"^(.*?)(\d+)\s*个笔记$")
_TITLE = re.compile(r"^《(.+)》$")
_TITLE_IN = re.compile(r"《([^《》]+)》")
_FOOTER = re.compile(r"^-{1,2}\s*来自微信读书")
_MARKED = re.compile(r"^(?:◆|>>|-{1,2}\s*来自微信读书)")
_THOUGHT = re.compile(rf"^(?:◆\s*)?{_DATE}\s*发表想法\s*[：:]?\s*(.*)$")
_VERDICT = re.compile(rf"^(?:◆\s*)?{_DATE}\s*(认为.*)$")
_QUOTE = re.compile(r"^原文\s*[：:]\s*(.*)$")
_REVIEW_HEAD = re.compile(r"^点评\s*(?:[:：]\s*(.*))?$")
_B2_REVIEW = re.compile(r"^点评\s*(?:$|[:：]\s*(.*)$)")
_HL_MARK = re.compile(r"^>>\s?(.*)$")
_LEADING_DATE = re.compile(rf"^{_DATE}")

# Which generation a book body is written in.
_B2_SIGN = re.compile(rf"^>> |^{_DATE} 发表想法", re.MULTILINE)
_B3_SIGN = re.compile(
    rf"^◆ ?{_DATE} ?(?:发表想法|认为)|^-{{1,2}} ?来自微信读书|^原文\s*[：:]", re.MULTILINE
)
_B1_HL = re.compile(r"^>>\S", re.MULTILINE)
_B1_SPLIT = re.compile(r"^[^◆>\s][^>\n]*>[^>\s]", re.MULTILINE)
_UNMARKED = re.compile(r"^[^◆>\s]", re.MULTILINE)

# A B2 export pasted without its line breaks: ``◆ chapter>> highlight>> ...``.
_GLUED_GT = re.compile(r"[^\s>]>>")
_GLUE_MARK = re.compile(rf"◆ |(?<=[^\s>])>>|{_DATE} ?发表想法")

# Single-blank B3 files: does an unmarked line after a highlight start a chapter?
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_CHAPTER_LIKE = re.compile(
    r"^(?:第[0-9一二三四五六七八九十百千零〇两]+[章节篇部回卷集讲课](?:$|[\s　:：、.])"
    r"|(?:chapter|part)\s*\d|\d+(?:\.\d+)*(?:[\s　、]|\.\s)"
    r"|(?:前言|序言?|引言|导论|导读|后记|结语|附录|尾声|致谢)(?:$|[\s　:：])"
    r")",
    re.IGNORECASE,
)
_SENTENCE_END = "。！？!?；;，,、：:…"
_OPEN_END = "，,、：:；;—-"
_SPACES = re.compile(r"\s+")


@dataclass
class _Thought:
    """A thought as read; ``passage`` is the quoted text (None: on the whole chapter)."""

    chapter: str
    date: str | None
    paras: list[str] = field(default_factory=list)
    passage: Highlight | None = None

    @property
    def text(self) -> str:
        return "\n".join(p for p in (x.strip() for x in self.paras) if p)


def parse(text: str, name: str) -> list[Book]:
    """Parse a native WeRead text export; one Book per pasted book."""
    stem = title_from_name(name)
    lines = _unglue(text.split("\n"), stem)
    return [_parse_book(title, author, body, stem) for title, author, body in _split_books(lines)]


def _date(match: re.Match[str]) -> str:
    year, month, day = match.group(1), int(match.group(2)), int(match.group(3))
    return f"{year}-{month:02d}-{day:02d}"


def _key(text: str) -> str:
    return _SPACES.sub("", text)


class _Continuations:
    """Lines added to open highlights, joined once at the end (no quadratic ``+=``)."""

    def __init__(self) -> None:
        self.parts: dict[int, tuple[Highlight, list[str]]] = {}

    def extend(self, highlight: Highlight, text: str) -> None:
        text = text.strip()
        if text:
            self.parts.setdefault(id(highlight), (highlight, [highlight.text]))[1].append(text)

    def tail(self, highlight: Highlight) -> str:
        entry = self.parts.get(id(highlight))
        return entry[1][-1] if entry else highlight.text

    def apply(self) -> None:
        for highlight, parts in self.parts.values():
            highlight.text = "\n".join(p for p in parts if p)
        self.parts.clear()


# --- lost line breaks ---------------------------------------------------------------


def _unglue(lines: list[str], stem: str) -> list[str]:
    """Split ``…20个笔记◆ 前言>> text>> text◆ 1.6 …`` runs back into lines."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if not _is_glued(line):
            out.append(line)
            continue
        starts = [m.start() for m in _GLUE_MARK.finditer(line)]
        if len(starts) < (3 if starts and starts[0] == 0 else 2):
            out.append(line)
            continue
        out.extend(_glued_header(line[: starts[0]].strip(), lines[max(0, i - 60) : i], stem))
        ends = starts[1:] + [len(line)]
        out.extend(line[a:b].strip() for a, b in zip(starts, ends, strict=True))
    return out


def _is_glued(line: str) -> bool:
    """A ``◆ `` marker followed later on the line by ``>>`` glued to text."""
    pos = line.find("◆ ")
    return pos >= 0 and _GLUED_GT.search(line, pos + 2) is not None


def _glued_header(prefix: str, before: list[str], stem: str) -> list[str]:
    """The text before a glued run: page prose, then ``<title><author>N个笔记``."""
    m = _GLUED_COUNT.match(prefix)
    if not m:
        return [prefix] if prefix else []
    head = m.group(1).strip()
    count = f"{m.group(2)}个笔记"
    if not head:
        return [count]
    title, author = _recover_title(head, before)
    return [f"《{title or stem}》", *([author] if author else []), count]


def _recover_title(head: str, before: list[str]) -> tuple[str | None, str | None]:
    """Find the title at the end of ``head`` among the page's earlier lines."""
    best: tuple[str, str] | None = None
    for line in before:
        cand = line.strip()
        if not 2 <= len(cand) <= 100 or (best and len(cand) <= len(best[0])):
            continue
        pos = head.rfind(cand)
        if pos >= 0 and len(head) - pos - len(cand) <= 40:
            best = (cand, head[pos + len(cand) :].strip())
    if best:
        return best[0].strip("《》") or None, best[1] or None
    found = _TITLE_IN.findall(head)
    return (found[-1].strip() or None, None) if found else (None, None)


# --- books ----------------------------------------------------------------------------


def _split_books(lines: list[str]) -> list[tuple[str | None, str | None, list[str]]]:
    """Each book starts at its title line, found from the ``N个笔记`` line under it."""
    headers = []
    low = 0
    for c, line in enumerate(lines):
        if _COUNT.match(line):
            headers.append((*_header(lines, c, low), c))
            low = c + 1
    if not headers:
        return [_headless(lines)]
    books = []
    preamble = lines[: headers[0][2]]
    if any(_MARKED.match(line.strip()) for line in preamble):
        books.append(_headless(preamble))
    for k, (title, author, _start, c) in enumerate(headers):
        end = headers[k + 1][2] if k + 1 < len(headers) else len(lines)
        books.append((title, author, lines[c + 1 : end]))
    return books


def _header(lines: list[str], c: int, low: int) -> tuple[str | None, str | None, int]:
    """Title, author and the title's line index, looking up to 4 lines above ``c``."""
    found: list[int] = []
    for i in range(c - 1, max(low, c - 4) - 1, -1):
        s = lines[i].strip()
        if not s:
            continue
        if _MARKED.match(s) or _COUNT.match(s):
            break
        m = _TITLE.match(s)
        if m:
            author = lines[found[-1]].strip() if found else None
            return m.group(1).strip(), author, i
        found.append(i)
        if len(found) == 2:
            break
    if not found:
        return None, None, c
    if len(found) == 1:
        return lines[found[0]].strip(), None, found[0]
    return lines[found[1]].strip(), lines[found[0]].strip(), found[1]


def _headless(lines: list[str]) -> tuple[str | None, str | None, list[str]]:
    """A book without ``N个笔记``: a ``《title》`` first line (and an author under it)."""
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        m = _TITLE.match(s)
        if not m:
            return None, None, lines
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if nxt and not _MARKED.match(nxt) and not _THOUGHT.match(nxt):
            return m.group(1).strip(), nxt, lines[i + 2 :]
        return m.group(1).strip(), None, lines[i + 1 :]
    return None, None, lines


def _generation(body: list[str]) -> str:
    text = "\n".join(line.strip() for line in body)
    b2, b3 = len(_B2_SIGN.findall(text)), len(_B3_SIGN.findall(text))
    if b2 and b3:
        return "b2" if text.count("\n>>") >= text.count("\n◆") else "b3"
    if b2:
        return "b2"
    if b3:
        return "b3"
    if _B1_HL.search(text):
        return "b1"
    split = len(_B1_SPLIT.findall(text))
    if split and split * 2 >= len(_UNMARKED.findall(text)):
        return "b1"
    return "b3"


def _parse_book(title: str | None, author: str | None, body: list[str], stem: str) -> Book:
    generation = _generation(body)
    parser: _B3Parser | _B2Parser
    parser = _B3Parser(body) if generation == "b3" else _B2Parser(b1=generation == "b1")
    if isinstance(parser, _B2Parser):
        for line in body:
            parser.feed(line)
    entries, notes, warnings = parser.finish()
    highlights, chapter_notes = _resolve(entries)
    return Book(
        title=title or stem,
        source_format=FORMAT,
        author=author or None,
        highlights=highlights,
        notes=notes + chapter_notes,
        warnings=warnings,
    )


def _resolve(entries: list[Highlight | _Thought]) -> tuple[list[Highlight], list[Note]]:
    """Attach each thought to the highlight with the same text (either order).

    A quote without such a highlight becomes one; a thought without a quote is a
    chapter note.
    """
    index: dict[str, list[Highlight]] = {}
    for entry in entries:
        if isinstance(entry, Highlight):
            index.setdefault(_key(entry.text), []).append(entry)
    out: list[Highlight] = []
    notes: list[Note] = []
    thoughts = Thoughts()
    for entry in entries:
        if isinstance(entry, Highlight):
            out.append(entry)
        elif entry.passage is None or not _key(entry.passage.text):
            if entry.text:
                notes.append(Note(entry.text, "chapter", entry.chapter, created_at=entry.date))
        else:
            _attach(entry, index, out, thoughts)
    return [h for h in out if h.text.strip()], notes


def _attach(thought: _Thought, index: dict[str, list[Highlight]], out: list[Highlight],
            thoughts: Thoughts) -> None:
    assert thought.passage is not None
    key = _key(thought.passage.text)
    same = index.get(key, [])
    target = next((h for h in same if h.chapter == thought.chapter), same[0] if same else None)
    if target is None:
        target = thought.passage
        out.append(target)
        index[key] = [target]
    thoughts.attach(target, thought.text)
    if thought.date and (target.created_at is None or thought.date < target.created_at):
        target.created_at = thought.date


# --- B3: the current export -----------------------------------------------------------


def _items(body: list[str]) -> list[tuple[int, list[str]]]:
    """Blocks of lines: (empty lines before it, its lines). Markers start a new block."""
    items: list[tuple[int, list[str]]] = []
    blanks = 0
    after_blank = True
    for raw in body:
        s = raw.strip()
        if not s:
            blanks += 1
            after_blank = True
            continue
        if after_blank or not items or s.startswith("◆") or _QUOTE.match(s) or _FOOTER.match(s):
            items.append((blanks, [s]))
        else:
            items[-1][1].append(s)
        blanks = 0
        after_blank = False
    return items


class _B3Parser:
    """``◆`` highlights, plain-line chapters, ``◆ date发表想法`` thoughts with ``原文：``."""

    def __init__(self, body: list[str]) -> None:
        self.items = _items(body)
        self.double = any(
            blanks >= 2 and not _MARKED.match(lines[0]) and not _QUOTE.match(lines[0])
            for blanks, lines in self.items
        )
        self.chapters = Chapters()  # one level: WeRead's text export has no deeper ones
        self.mode = ""  # "", "thought" (before its 原文), "quoted", "review"
        self.passage: Highlight | None = None  # what an unmarked block may continue
        self.thought: _Thought | None = None
        self.review: Note | None = None
        self.review_parts: list[str] = []
        self.review_paras = 0  # paragraphs after the 点评 / 认为 lines
        self.entries: list[Highlight | _Thought] = []
        self.notes: list[Note] = []
        self.cont = _Continuations()

    def finish(self) -> tuple[list[Highlight | _Thought], list[Note], list[str]]:
        for blanks, lines in self.items:
            self._feed(blanks, lines)
        self._close()
        self.cont.apply()
        return self.entries, self.notes, []

    def _feed(self, blanks: int, lines: list[str]) -> None:
        first = lines[0]
        if _FOOTER.match(first):
            self._close()
        elif m := _THOUGHT.match(first):
            self._start_thought(_date(m), [m.group(4), *lines[1:]])
        elif m := _VERDICT.match(first):
            self._start_review(_date(m), [m.group(4), *lines[1:]])
        elif m := _QUOTE.match(first):
            self._quote("\n".join([m.group(1), *lines[1:]]))
        elif first.startswith("◆"):
            self._highlight("\n".join([first[1:], *lines[1:]]))
        elif (m := _REVIEW_HEAD.match(first)) and self.mode != "thought":
            self._start_review(None, [m.group(1) or "", *lines[1:]])
        else:
            self._unmarked(blanks, lines)

    def _close(self) -> None:
        if self.review is not None:
            self.review.text = "\n".join(p for p in self.review_parts if p.strip())
            if self.review.text:
                self.notes.append(self.review)
        self.review = None
        self.review_parts = []
        self.review_paras = 0
        self.mode = ""
        self.thought = None
        self.passage = None

    def _highlight(self, text: str) -> None:
        self._close()
        self.passage = self.chapters.highlight(text.strip())
        self.entries.append(self.passage)

    def _start_thought(self, date: str, paras: list[str]) -> None:
        self._close()
        self.thought = _Thought(self.chapters.current, date, [p for p in paras if p and p.strip()])
        self.entries.append(self.thought)
        self.mode = "thought"

    def _start_review(self, date: str | None, parts: list[str]) -> None:
        if self.review is not None and not any(p.strip() for p in self.review_parts):
            self.review.created_at = self.review.created_at or date
        else:
            self._close()
            self.review = Note(text="", scope="book", created_at=date)
        self.review_parts.extend(parts)
        self.mode = "review"

    def _quote(self, text: str) -> None:
        if self.mode == "thought" and self.thought is not None:
            self.passage = self.chapters.highlight(text.strip())
            self.thought.passage = self.passage
            self.mode = "quoted"
        elif self.mode == "quoted" and self.passage is not None:
            self.cont.extend(self.passage, text)  # a bilingual book quotes twice
        else:
            self._highlight(text)

    def _unmarked(self, blanks: int, lines: list[str]) -> None:
        text = "\n".join(lines)
        if self.mode == "thought" and self.thought is not None:
            if self._thought_ends(blanks, lines):
                self._chapter(lines[0])
            else:
                self.thought.paras.append(text)
        elif self.mode == "review":
            if blanks >= 2 if self.double else self.review_paras > 0:
                self._chapter(lines[0])
            else:
                self.review_parts.append(text)
                self.review_paras += 1
        elif self.passage is not None and self._continues(blanks, lines):
            self.cont.extend(self.passage, text)
        else:
            self._chapter(lines[0])

    def _thought_ends(self, blanks: int, lines: list[str]) -> bool:
        if self.double:
            return blanks >= 2
        return len(lines) == 1 and _strong_chapter(lines[0])

    def _continues(self, blanks: int, lines: list[str]) -> bool:
        if blanks == 0:
            return True
        if self.double:
            return blanks == 1
        return not _looks_like_chapter(lines, self.cont.tail(self.passage) if self.passage else "")

    def _chapter(self, title: str) -> None:
        self._close()
        self.chapters.enter(1, title.strip())


def _strong_chapter(line: str) -> bool:
    if _BARE_NUMBER.match(line):
        return True
    return len(line) <= 40 and bool(_CHAPTER_LIKE.match(line)) and line[-1] not in _SENTENCE_END


def _looks_like_chapter(lines: list[str], previous: str) -> bool:
    """Single-blank B3: an unmarked block after a highlight, chapter or continuation?"""
    if len(lines) > 1:
        return False
    line = lines[0]
    if _strong_chapter(line):
        return True
    if previous and previous[-1] in _OPEN_END:
        return False
    return len(line) <= 30 and line[-1] not in _SENTENCE_END


# --- B2 / B1: the older exports -------------------------------------------------------


class _B2Parser:
    """``◆`` chapters, ``>>`` highlights; a thought belongs to the next ``>>`` line.

    With ``b1`` a ``<thought>><highlight>`` line is one highlight with its thought, and
    a block without ``>`` is a thought on the chapter.
    """

    def __init__(self, b1: bool = False) -> None:
        self.b1 = b1
        self.chapters = Chapters()  # one level: WeRead's text export has no deeper ones
        self.started = False  # lines before the first marker are the header
        self.blanks = 0
        self.passage: Highlight | None = None  # what a line directly under may continue
        self.pending: _Thought | None = None  # a thought waiting for its ``>>`` line
        self.review: list[str] | None = None
        self.review_date: str | None = None
        self.entries: list[Highlight | _Thought] = []
        self.notes: list[Note] = []
        self.cont = _Continuations()
        self.dropped = 0

    def finish(self) -> tuple[list[Highlight | _Thought], list[Note], list[str]]:
        self._flush()
        self._end_review()
        self.cont.apply()
        warnings = []
        if self.dropped:
            thoughts = "thought" if self.dropped == 1 else "thoughts"
            warnings.append(f"{self.dropped} {thoughts} without a passage or date skipped")
        return self.entries, self.notes, warnings

    def feed(self, raw: str) -> None:
        line = raw.strip()
        if not line:
            self.blanks += 1
            if self.b1 and self.pending is not None and self.pending.date is None:
                self._flush()
            return
        after_blank, self.blanks = self.blanks > 0, 0
        if line.startswith("◆"):
            self._diamond(line[1:].strip())
        elif m := _HL_MARK.match(line):
            self._highlight(m.group(1))
        elif self.review is not None:
            self._review_line(line)
        else:
            self._plain(line, after_blank)

    def _diamond(self, title: str) -> None:
        self.started = True
        self._flush()
        self._end_review()
        self.passage = None
        if m := _B2_REVIEW.match(title):
            self.review = [m.group(1)] if m.group(1) else []
        elif m := _VERDICT.match(title):
            self.review = [m.group(4)]
            self.review_date = _date(m)
        else:
            self.chapters.enter(1, title)

    def _highlight(self, text: str, thought: str = "") -> None:
        self.started = True
        self._end_review()
        self.passage = self.chapters.highlight(text.strip())
        if thought.strip():
            self._pending_line(thought)
        if self.pending is None:
            self.entries.append(self.passage)
        else:
            self.pending.passage = self.passage
            self.entries.append(self.pending)
            self.pending = None

    def _plain(self, line: str, after_blank: bool) -> None:
        if m := _THOUGHT.match(line):
            self.started = True
            self._flush()
            self.pending = _Thought(self.chapters.current, _date(m), [m.group(4)] if m.group(4) else [])
            self.passage = None
        elif m := _VERDICT.match(line):
            self._flush()
            self.review, self.review_date = [m.group(4)], _date(m)
            self.passage = None
        elif self.passage is not None and not after_blank:
            self.cont.extend(self.passage, line)
        elif self.b1 and ">" in line:
            thought, _, text = line.partition(">")
            self._highlight(text, thought)
        elif self.started:
            self._pending_line(line)
            self.passage = None

    def _pending_line(self, line: str) -> None:
        if self.pending is None:
            self.pending = _Thought(self.chapters.current, None)
        self.pending.paras.append(line)

    def _flush(self) -> None:
        """A thought no ``>>`` line took: a chapter note when dated (or B1), else skipped."""
        pending, self.pending = self.pending, None
        if pending is None or not pending.text:
            return
        if pending.date or self.b1:
            self.entries.append(pending)
        else:
            self.dropped += 1

    def _review_line(self, line: str) -> None:
        assert self.review is not None
        if self.review_date is None and (m := _LEADING_DATE.match(line)):
            self.review_date = _date(m)
        self.review.append(line)

    def _end_review(self) -> None:
        if self.review is not None:
            text = "\n".join(p.strip() for p in self.review if p.strip())
            if text:
                self.notes.append(Note(text, "book", created_at=self.review_date))
        self.review = None
        self.review_date = None
