"""One block of an Obsidian WeRead plugin file being read (see ``weread_obsidian``): a
highlight in any of the plugin's layouts, a 读书笔记 entry, a chapter thought or a book
review, with its text lines, block id, time and thoughts as they arrive line by line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BLOCK_ID = re.compile(r"\s\^([A-Za-z0-9-]+)\s*$")
_INLINE_TIME = re.compile(r"(?:^|\s)-\s*⏱\ufe0f?\s*(.*)$")
_LINK_WRAPPER = re.compile(r"^\[(.*)\]\((?:<weread://[^<>\n]*>|weread://[^\s()]*)\)$", re.DOTALL)
CONTINUATION_INDENT = re.compile(r"^[ \t]*(?:>[ \t]*)?")


@dataclass
class Block:
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
        line = CONTINUATION_INDENT.sub("", line, count=1)
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
