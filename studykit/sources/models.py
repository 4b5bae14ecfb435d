"""Records every parser returns: a Book with its Highlights and Notes.

Parsers are pure: text in, Books out. Ids are assigned here so that every parser
derives them the same way (see :func:`Book.finalize`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

SOURCE_FORMATS = ("weread-obsidian", "weread-text", "markdown", "anki-csv")

_SPACE_RUN = re.compile(r"\s+")


def normalise_for_id(text: str) -> str:
    """Text as it takes part in an id: NFKC, whitespace removed, lower case.

    Reflowed lines, full-width/half-width variants and case changes keep the id.
    """
    return _SPACE_RUN.sub("", unicodedata.normalize("NFKC", text)).lower()


def short_hash(*parts: str, length: int = 16) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass
class Highlight:
    """One passage the reader marked (or one item of a study note)."""

    text: str
    chapter: str = ""  # innermost chapter title, "" when the file has none
    chapter_path: tuple[str, ...] = ()  # outermost .. innermost
    chapter_level: int = 0  # 1 for a top-level chapter, 0 when there is none
    block_id: str | None = None  # the WeRead block id (``^...`` without the caret)
    note: str | None = None  # the reader's own thought(s), joined by blank lines (see
    # common.Thoughts)
    created_at: str | None = None  # as written in the source (local time, no zone)
    kind: str = "text"  # "text", "code" (a fenced code block kept whole) or "card"
    language: str | None = None  # the code block's info string, if any
    id: str = ""  # assigned by Book.finalize
    front: str | None = None  # kind "card": the question side written in the source


@dataclass
class Note:
    """A thought not tied to a passage: on a whole chapter, or a review of the book."""

    text: str
    scope: str = "chapter"  # "chapter" or "book"
    chapter: str = ""
    block_id: str | None = None
    created_at: str | None = None
    id: str = ""


@dataclass
class Book:
    title: str
    source_format: str
    author: str | None = None
    weread_id: str | None = None  # WeRead's bookId when the source carries it
    highlights: list[Highlight] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    id: str = ""

    @property
    def key(self) -> str:
        if self.weread_id:
            return f"wr:{self.weread_id}"
        return f"t:{normalise_for_id(self.title)}"

    def finalize(self) -> Book:
        """Assign stable ids to the book, its highlights and notes; drop empty items."""
        self.id = "b" + short_hash(self.key, length=12)
        self.highlights = [h for h in self.highlights if h.text.strip()]
        self.notes = [n for n in self.notes if n.text.strip()]
        seen: dict[str, int] = {}
        for h in self.highlights:
            base = h.block_id or "h" + short_hash(
                self.key, h.chapter, normalise_for_id(h.text),
                *(() if h.front is None else (normalise_for_id(h.front),)),
            )
            h.id = _unique(base, seen)
        for n in self.notes:
            base = n.block_id or "n" + short_hash(
                self.key, n.scope, n.chapter, normalise_for_id(n.text)
            )
            n.id = _unique(base, seen)
        return self


def _unique(base: str, seen: dict[str, int]) -> str:
    """The same passage highlighted twice in one chapter gets ``id``, ``id~2``, ..."""
    count = seen.get(base, 0) + 1
    seen[base] = count
    return base if count == 1 else f"{base}~{count}"
