"""Printable study sheets in Markdown, one per book.

A sheet has the title and author, the notes on the whole book, then one section per
chapter (in reading order, nested as in the book): the chapter's notes, each highlight as
a quote (code as a fenced block) followed by the reader's thoughts and its cards
(``Q: … → A: …``, the code of a card about code kept as a block), and the exercises
linked from the chapter's cards. Removed or junk highlights and suspended cards are left
out, as in every export.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from studykit.atomicfile import atomic_write
from studykit.export import ExportError, select

ABOVE = "(the highlight above)"
NO_CHAPTER = "(no chapter)"
FILE_SUFFIXES = (".md", ".markdown", ".txt")
_SPACES = re.compile(r"\s+")
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')
_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True)
class Sheet:
    book_id: str
    filename: str
    text: str
    highlights: int
    cards: int


def render_sheets(conn: sqlite3.Connection, book: str | None = None) -> list[Sheet]:
    """One sheet per book that has something to show, in title order."""
    selection = select(conn, book)
    active: dict[str, list[dict]] = {}
    for entry in selection.entries:
        active.setdefault(entry.highlight["id"], []).append(entry.card)
    sheets, used = [], set()
    for b in selection.books:
        highlights = [h for h in b["highlights"] if not h["removed"] and not h["junk"]]
        if not highlights and not b.get("notes"):
            continue
        lines = _book_lines(b, highlights, active)
        cards = sum(len(active.get(h["id"], [])) for h in highlights)
        sheets.append(Sheet(b["id"], _filename(b, used), "\n".join(lines) + "\n",
                            len(highlights), cards))
    return sheets


def export_markdown(conn: sqlite3.Connection, out: Path | str, book: str | None = None) -> dict:
    """Write the sheets into the folder ``out`` (one file per book), or into the single
    file ``out`` when it ends in .md/.markdown/.txt; returns the counts of books,
    highlights and cards, and the files written."""
    sheets = render_sheets(conn, book)
    out = Path(out)
    as_file = not out.is_dir() and out.suffix.lower() in FILE_SUFFIXES
    files = {out: "\n".join(s.text for s in sheets)} if as_file else {
        out / s.filename: s.text for s in sheets}
    try:
        (out.parent if as_file else out).mkdir(parents=True, exist_ok=True)
        for path, text in files.items():
            with atomic_write(path) as stream:
                stream.write(text)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}",
                          "choose another -o path (a writable folder)") from None
    return {"books": len(sheets), "highlights": sum(s.highlights for s in sheets),
            "cards": sum(s.cards for s in sheets), "files": [str(p) for p in files]}


def _book_lines(book: dict, highlights: list[dict], active: dict[str, list[dict]]) -> list[str]:
    notes = book.get("notes", [])
    lines = [f"# {book['title']}", ""]
    if book["author"]:
        lines += [f"*{book['author']}*", ""]
    book_notes = [n["text"] for n in notes if n["scope"] == "book"]
    if book_notes:
        lines += ["## About the book", ""]
        for text in book_notes:
            lines += [text, ""]
    for chapter, depth in _chapters(highlights, notes).items():
        lines += [f"{'#' * min(6, 1 + depth)} {chapter or NO_CHAPTER}", ""]
        lines += _chapter_lines(chapter, highlights, notes, active)
    return lines[:-1]


def _chapters(highlights: list[dict], notes: list[dict]) -> dict[str, int]:
    """Chapter titles in reading order, each with its depth (1 for a top-level one)."""
    depths = {h["chapter"]: max(1, len(h["chapter_path"])) for h in reversed(highlights)}
    order = [h["chapter"] for h in highlights]
    order += [n["chapter"] for n in notes if n["scope"] == "chapter"]
    return {chapter: depths.get(chapter, 1) for chapter in dict.fromkeys(order)}


def _chapter_lines(chapter: str, highlights: list[dict], notes: list[dict],
                   active: dict[str, list[dict]]) -> list[str]:
    lines = []
    for n in notes:
        if n["scope"] == "chapter" and n["chapter"] == chapter:
            lines += [f"**Chapter note:** {n['text']}", ""]
    exercises: list[str] = []
    for h in highlights:
        if h["chapter"] == chapter:
            cards = active.get(h["id"], [])
            lines += _highlight_lines(h, cards)
            exercises += [c["exercise"] for c in cards if c["exercise"]]
    if exercises:
        lines += ["**Exercises:**", ""]
        lines += [f"- `studykit exercise start {e}`" for e in dict.fromkeys(exercises)]
        lines.append("")
    return lines


def _highlight_lines(h: dict, cards: list[dict]) -> list[str]:
    lines = _code_block(h["text"]) if h["kind"] == "code" else _quote(h["text"])
    lines.append("")
    for thought in (h["note"] or "").split("\n\n"):
        if thought.strip():
            lines += [f"**Thought:** {thought.strip()}", ""]
    for card in cards:
        lines += _card_lines(card, h["text"], h["kind"] == "code")
    if cards:
        lines.append("")
    return lines


def _card_lines(card: dict, passage: str, is_code: bool) -> list[str]:
    """``- Q: … → A: …`` on one line; the passage itself is written as ``ABOVE``. The code
    of a card about code stays a code block under its question."""
    question = card["front"].replace(passage, ABOVE) if passage != card["front"] else passage
    answer = (card["answer"] or card["back"]).replace(passage, ABOVE)
    shows_answer = not (answer == ABOVE and ABOVE in question)
    head, _, code = question.partition("\n\n")
    if not (is_code and "\n" in code.strip()):
        return [f"- Q: {_one_line(question)}" + (f" → A: {_one_line(answer)}"
                                                 if shows_answer else "")]
    block = [f"  {line}" if line else "" for line in _code_block(code.strip("\n"))]
    lines = [f"- Q: {_one_line(head)}", "", *block]
    return lines + (["", f"  A: {_one_line(answer)}"] if shows_answer else [])


def _quote(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in text.splitlines()]


def _code_block(text: str) -> list[str]:
    longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence, *text.splitlines(), fence]


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _filename(book: dict, used: set[str]) -> str:
    stem = _UNSAFE.sub("_", book["title"]).strip("._") or book["id"]
    name = f"{stem}.md" if stem.casefold() not in used else f"{stem}-{book['id']}.md"
    used.add(stem.casefold())
    return name
