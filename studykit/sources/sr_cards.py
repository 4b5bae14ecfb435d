"""Q&A cards written in Markdown notes with the Obsidian Spaced Repetition plugin's
conventions (st3v3nmw/obsidian-spaced-repetition, "Question & Answer Cards"):

* ``Question::Answer`` on one line is one card;
* ``Question:::Answer`` is two cards, one each way (the plugin's "bidirectional");
* lines of a question, a line that is just ``?``, lines of the answer (no blank line
  between) is one card; ``??`` instead of ``?`` makes two, one each way.

Several single-line cards may follow one another without blank lines. The plugin's deck
tags (``#flashcards``, ``#flashcards/deck``) on a line of their own or at the start of a
question are not card text, and its scheduling comments (``<!--SR:…-->``) never reach
here (Markdown drops them as HTML).

Prose is not a card: ``::`` inside code (fenced, indented or in backticks) never
counts; a line with two separators (``std::vector<int>::iterator``), a separator
inside an unclosed bracket (``x[::2]``, Dataview's ``[key:: value]``) or inside a URL is
prose. Unless the file carries the plugin's ``#flashcards`` tag (which says "this file
holds cards"), a separator glued to ASCII identifier characters on both sides
(``nn::Module``, ``std::vector``, ``fe80::1``) and a lone ASCII word followed by ``::``
and a space (a Dataview field such as ``status:: reading``) are prose too.

This module works on the plain text of one Markdown block. Code spans arrive wrapped in
:data:`CODE_OPEN` / :data:`CODE_CLOSE` so that separators inside them are seen as code;
:func:`read_block` removes the wrappers from what it returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CODE_OPEN, CODE_CLOSE = "\ue001", "\ue002"  # private-use characters around a code span
MULTILINE, MULTILINE_BOTH_WAYS = "?", "??"

_CODE_SPAN = re.compile(f"{CODE_OPEN}[^{CODE_CLOSE}]*{CODE_CLOSE}")
_COLON_RUN = re.compile(r":{2,}")
_DECK_TAG = re.compile(r"#flashcards(?:/[^\s#]*)?(?=\s|$)", re.IGNORECASE)
_TAG = r"#[^\s#\d][^\s#]*"
_TAGS_ONLY = re.compile(rf"(?:{_TAG}\s*)+")
_LEADING_TAGS = re.compile(rf"^(?:{_TAG}\s+)+")
_ASCII_IDENTIFIER = re.compile(r"[A-Za-z0-9_]")
_LONE_ASCII_WORD = re.compile(r"[A-Za-z_][\w-]*", re.ASCII)
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S*$", re.IGNORECASE)
_BRACKETS = {"(": ")", "[": "]", "{": "}", "（": "）", "【": "】"}


@dataclass(frozen=True)
class Card:
    front: str
    back: str


def has_deck_tag(text: str) -> bool:
    """Whether a file carries the plugin's deck tag (``#flashcards`` or a sub-deck)."""
    return bool(_DECK_TAG.search(text))


def strip_code_marks(text: str) -> str:
    return text.replace(CODE_OPEN, "").replace(CODE_CLOSE, "")


def read_block(text: str, *, tagged: bool = False) -> tuple[list[Card | str], str | None]:
    """The cards and the plain text (runs of lines that are not cards) of one block, in
    order; and a question still waiting for its answer (the block ends with a ``?`` or
    ``??`` line: the code block that follows answers it), else None."""
    pieces: list[Card | str] = []
    run: list[str] = []
    for line in text.split("\n"):
        if _TAGS_ONLY.fullmatch(strip_code_marks(line).strip()):
            continue  # deck tags and other tags on a line of their own
        cards = _single_line_cards(line, tagged)
        if cards is None:
            run.append(line)
            continue
        pieces += _run_pieces(run)
        pieces += cards
        run = []
    if run and run[-1].strip() in (MULTILINE, MULTILINE_BOTH_WAYS) and _question(run[:-1]):
        return pieces, f"{_question(run[:-1])}\n{run[-1].strip()}"
    pieces += _run_pieces(run)
    return pieces, None


def is_card_line(line: str, *, tagged: bool = False) -> bool:
    """Whether one line is a ``Question::Answer`` (or ``:::``) card."""
    return _single_line_cards(line, tagged) is not None


def answer_question(pending: str, answer: str) -> list[Card]:
    """The card(s) of a question left open by :func:`read_block`, once answered."""
    question, _, separator = pending.rpartition("\n")
    return _both_ways(question, answer, separator == MULTILINE_BOTH_WAYS)


# --- single-line cards ---------------------------------------------------------------


def _single_line_cards(line: str, tagged: bool) -> list[Card] | None:
    masked = _CODE_SPAN.sub(lambda m: "\0" * len(m.group()), line)
    runs = list(_COLON_RUN.finditer(masked))
    if len(runs) != 1 or len(runs[0].group()) > 3:
        return None
    start, end = runs[0].span()
    left, right = masked[:start], masked[end:]
    if not _separates(left, right, tagged):
        return None
    question = _LEADING_TAGS.sub("", strip_code_marks(line[:start]).strip())
    answer = strip_code_marks(line[end:]).strip()
    if not question or not answer:
        return None
    if not tagged and end - start == 2 and line[end:end + 1].isspace() and (
            _LONE_ASCII_WORD.fullmatch(question)):
        return None  # a Dataview field (status:: reading), not a question
    return _both_ways(question, answer, end - start == 3)


def _separates(left: str, right: str, tagged: bool) -> bool:
    """Whether the colons between ``left`` and ``right`` (code masked) separate a card."""
    if not left.strip() or not right.strip():
        return False
    if _URL.search(left) or _unclosed(left) or _unclosed(right[::-1], reverse=True):
        return False
    glued = (_ASCII_IDENTIFIER.match(left[-1]) or left[-1] in ">\0") and (
        _ASCII_IDENTIFIER.match(right[0]) or right[0] in "~\0")
    return tagged or not glued


def _unclosed(text: str, *, reverse: bool = False) -> bool:
    """An opening bracket left open at the end of ``text`` (``reverse``: a closing one
    left open at its start, ``text`` read backwards)."""
    pairs = {close: open_ for open_, close in _BRACKETS.items()} if reverse else _BRACKETS
    depth: dict[str, int] = {}
    for char in text:
        if char in pairs:
            depth[char] = depth.get(char, 0) + 1
        elif char in pairs.values():
            opener = next(k for k, v in pairs.items() if v == char)
            depth[opener] = max(0, depth.get(opener, 0) - 1)
    return any(depth.values())


# --- multi-line cards ----------------------------------------------------------------


def _run_pieces(run: list[str]) -> list[Card | str]:
    """A run of lines that are not single-line cards: a multi-line card when a line is
    just ``?`` or ``??`` with a question above and an answer below (the question takes
    every line of the run above it, as in the plugin), else plain text."""
    for index, line in enumerate(run):
        if line.strip() in (MULTILINE, MULTILINE_BOTH_WAYS):
            question, answer = _question(run[:index]), _joined(run[index + 1 :])
            if question and answer:
                return _both_ways(question, answer, line.strip() == MULTILINE_BOTH_WAYS)
    return _text(run)


def _question(lines: list[str]) -> str:
    return _LEADING_TAGS.sub("", _joined(lines))


def _joined(lines: list[str]) -> str:
    return strip_code_marks("\n".join(lines)).strip()


def _text(run: list[str]) -> list[Card | str]:
    text = _joined(run)
    return [text] if text else []


def _both_ways(front: str, back: str, both_ways: bool) -> list[Card]:
    cards = [Card(front, back)]
    if both_ways:
        cards.append(Card(back, front))
    return cards
