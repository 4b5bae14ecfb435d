"""Exports of the deck for other tools: Anki packages, CSV and printable Markdown sheets.

Every exporter reads the deck through :func:`select` (built on the JSON export,
``studykit.deck.queries.export_deck``), so they all agree on what is exported: the cards
of highlights that are still in the notes, minus suspended cards. The modules here never
import typer or rich; genanki is imported only by the Anki exporter, when it runs.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import NamedTuple

from studykit.errors import StudykitError

__all__ = ["ExportError", "Entry", "Selection", "card_tags", "select", "tag"]

_SPACES = re.compile(r"\s+")


class ExportError(StudykitError):
    """An export file cannot be written."""


class Entry(NamedTuple):
    """One exported card with the highlight and book it belongs to (JSON-export dicts)."""

    book: dict
    highlight: dict
    card: dict


@dataclass
class Selection:
    books: list[dict]
    entries: list[Entry] = field(default_factory=list)
    suspended: int = 0  # cards left out because they are suspended
    removed: int = 0  # cards left out because their highlight left the notes
    deleted: int = 0  # cards the reader deleted (never exported)

    def counts(self) -> dict:
        return {"books": len({e.book["id"] for e in self.entries}), "cards": len(self.entries),
                "skipped_suspended": self.suspended, "skipped_removed": self.removed}


def select(conn: sqlite3.Connection, book: str | None = None) -> Selection:
    """The exportable cards of every book, or of the books matching ``book`` (an id or
    part of a title, case-insensitive); raises NotFound when no book matches."""
    from studykit.deck.queries import export_deck

    books = _matching(export_deck(conn)["books"], book)
    user_tags = _user_tags(conn)
    selection = Selection(books)
    for b in books:
        for h in b["highlights"]:
            for c in h["cards"]:
                if h["removed"]:
                    selection.removed += 1
                elif c["state"] == "deleted":
                    selection.deleted += 1
                elif c["state"] == "suspended":
                    selection.suspended += 1
                else:
                    c["tags"] = user_tags.get(c["id"], [])
                    selection.entries.append(Entry(b, h, c))
    return selection


def card_tags(entry: Entry) -> list[str]:
    """Anki-style tags: ``book::…``, ``chapter::…``, ``topic::…``, ``exercise::…`` and the
    card's own tags (e.g. ``leech``); spaces inside a tag become ``_``."""
    tags = [tag("book", entry.book["title"])]
    if entry.highlight["chapter"]:
        tags.append(tag("chapter", entry.highlight["chapter"]))
    exercise = entry.card["exercise"]
    if exercise:
        tags += [tag("topic", exercise.split("/")[0]), tag("exercise", exercise)]
    tags += [t for t in entry.card.get("tags", []) if t not in tags]
    return tags


def tag(prefix: str, value: str) -> str:
    return f"{prefix}::{_SPACES.sub('_', value.strip())}"


def _matching(books: list[dict], wanted: str | None) -> list[dict]:
    if not wanted:
        return books
    from studykit.deck.matching import book_matches, no_match

    found = [b for b in books if book_matches(wanted, b["id"], b["title"])]
    if not found:
        raise no_match("book", wanted, [b["title"] for b in books])
    return found


def _user_tags(conn: sqlite3.Connection) -> dict[str, list[str]]:
    rows = conn.execute("SELECT id, tags FROM cards WHERE tags != ''")
    return {card_id: tags.split() for card_id, tags in rows}
