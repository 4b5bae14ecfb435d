"""First-cut card generation: one card per highlight (smart generation comes later).

- code block      -> a ``code`` card (recall what the code does / produces)
- a reader's note -> a ``thought`` card (which passage was this thought about?)
- an API name, English term or number in the text -> a ``cloze`` card hiding it
- otherwise       -> a ``recall`` card (front: the chapter and the opening words)
"""

from __future__ import annotations

import re

from studykit.cards import CardSpec

BLANK = "[...]"
_START = r"(?<![A-Za-z0-9_.])"  # ASCII word boundaries: CJK characters count as \w in re
_END = r"(?![A-Za-z0-9_])"
_API = re.compile(
    _START + r"(?:(?:torch|nn|F|optim|optimizer|model|loss)\.[A-Za-z_][\w.]*(?:\(\))?"
    r"|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\(\)|[a-z]+_[a-z_]+)" + _END)
_TERM = re.compile(_START + r"(?:[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*|[A-Za-z]{4,})" + _END)
_NUMBER = re.compile(r"\d+(?:\.\d+)?%|\d+\s*[×x*@]\s*\d+(?:\s*[×x*]\s*\d+)*")
MAX_HIDDEN_SHARE = 0.4


def generate_cards(text: str, *, kind: str = "text", note: str | None = None,
                   chapter: str = "") -> list[CardSpec]:
    """Cards for one highlight that is not junk (see cards.junk.is_junk)."""
    if kind == "code":
        return [CardSpec("code", 1, f"What does this code do?\n\n{text}", text)]
    if note:
        return [CardSpec("thought", 1, f"Your thought: {note}\n\nWhich idea was it about?",
                         text, None)]
    span = _first_span(text)
    if span:
        start, end = span
        front = text[:start] + BLANK + text[end:]
        return [CardSpec("cloze", 1, front, text, text[start:end])]
    opening = text[:12] + ("…" if len(text) > 12 else "")
    where = f"{chapter}: " if chapter else ""
    return [CardSpec("recall", 1, f"{where}{opening}", text)]


def _first_span(text: str) -> tuple[int, int] | None:
    for pattern in (_API, _NUMBER, _TERM):
        for match in pattern.finditer(text):
            if 0 < match.end() - match.start() <= MAX_HIDDEN_SHARE * len(text):
                return match.start(), match.end()
    return None
