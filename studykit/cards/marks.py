"""The reader's own marks: the blanks they chose win over the generator's.

In a highlight's text or in its thought, these make exactly the blanks they mark:

- ``==x==`` (Obsidian's highlight) and ``**x**`` (bold): one cloze card each;
- ``{{c1::x}}``, ``{{c2::x::hint}}`` (Anki's clozes): marks with the same number hide
  together on one card, as in Anki; a hint shows beside the blank: ``[...](hint)``.

Every mark is stripped from every face (the other blanks of a sibling show as plain text).
A mark in the thought hides its words where they occur in the highlight; words that do not
occur there are a blank in the thought itself, shown with the highlight on the back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from studykit.cards import CardSpec
from studykit.cards.cloze import BLANK

_MARK = re.compile(
    r"\{\{c(?P<n>\d{1,3})::(?P<anki>(?:(?!::|\}\}).)+?)(?:::(?P<hint>(?:(?!\}\}).)*?))?\}\}"
    r"|==(?=[^\s=])(?P<highlight>[^=\n]*?[^\s=])=="
    r"|\*\*(?=[^\s*])(?P<bold>[^*\n]*?[^\s*])\*\*")
_MAYBE = re.compile(r"\{\{c\d|==|\*\*")


@dataclass
class Blank:
    start: int  # in the plain text
    end: int
    hint: str = ""


@dataclass
class Marked:
    """A text with its marks stripped, and its blanks grouped into cards (in order)."""

    plain: str
    groups: list[list[Blank]] = field(default_factory=list)


def has_marks(text: str | None) -> bool:
    return bool(text) and _MAYBE.search(text) is not None and _MARK.search(text) is not None


def parse(text: str) -> Marked:
    """``text`` without its marks, and the blanks they make, one group per card."""
    parts: list[str] = []
    groups: dict[str, list[Blank]] = {}
    position = length = 0
    for m in _MARK.finditer(text):
        parts.append(text[position:m.start()])
        length += m.start() - position
        words = m.group("anki") or m.group("highlight") or m.group("bold")
        key = f"c{int(m.group('n'))}" if m.group("n") else f"mark{m.start()}"
        groups.setdefault(key, []).append(Blank(length, length + len(words),
                                                (m.group("hint") or "").strip()))
        parts.append(words)
        length += len(words)
        position = m.end()
    parts.append(text[position:])
    return Marked("".join(parts), list(groups.values()))


def strip(text: str) -> str:
    return parse(text).plain if has_marks(text) else text


def marked_cards(text: str, note: str | None) -> tuple[list[CardSpec], str, str | None]:
    """The cloze cards the marks of ``text`` and ``note`` make (ordinals from 1), and the
    text and note with every mark stripped."""
    marked = parse(text)
    plain_note = None
    note_groups: list[list[Blank]] = []
    if note:
        in_note = parse(note)
        plain_note = in_note.plain
        for group in in_note.groups:
            found = _located(marked.plain, in_note.plain, group)
            if found is None:
                note_groups.append(group)
            else:
                marked.groups.append(found)
    cards = [_card(i, marked.plain, group, marked.plain)
             for i, group in enumerate(marked.groups, 1)]
    for group in note_groups:
        back = f"{plain_note}\n\n{marked.plain}"
        cards.append(_card(len(cards) + 1, plain_note or "", group, back))
    return cards, marked.plain, plain_note


def _located(text: str, note: str, group: list[Blank]) -> list[Blank] | None:
    """The group's words found in the highlight's text (every occurrence), or None."""
    found = []
    for blank in group:
        words = note[blank.start:blank.end]
        starts = [m.start() for m in re.finditer(re.escape(words), text)]
        if not starts:
            return None
        found += [Blank(s, s + len(words), blank.hint) for s in starts]
    return found


def _card(ordinal: int, text: str, group: list[Blank], back: str) -> CardSpec:
    parts, position, answers = [], 0, []
    for blank in sorted(group, key=lambda b: b.start):
        if blank.start < position:
            continue  # overlapping occurrences: the first one hides them
        parts.append(text[position:blank.start])
        parts.append(BLANK + (f"({blank.hint})" if blank.hint else ""))
        words = text[blank.start:blank.end]
        if words not in answers:
            answers.append(words)
        position = blank.end
    parts.append(text[position:])
    return CardSpec("cloze", ordinal, "".join(parts), back, " / ".join(answers))
