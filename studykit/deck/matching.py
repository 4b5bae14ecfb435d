"""The one way a book (or chapter) named on the command line is found: a book's exact id,
or any part of its title, compared with ``str.casefold`` (SQL ``LIKE`` folds ASCII only,
so ``--book ÉCOLE`` would miss «école» there). Books and chapters are few, so the names
are matched here in Python and handed to SQL as a list."""

from __future__ import annotations

import difflib
import json
import sqlite3

from studykit.errors import NotFound

CLOSEST = 3  # titles suggested when nothing matches


def book_matches(wanted: str, book_id: str, title: str) -> bool:
    """``wanted`` is the book's id, or a part of its title (case-insensitive)."""
    return book_id == wanted or wanted.casefold() in title.casefold()


def text_matches(wanted: str, text: str) -> bool:
    return wanted.casefold() in text.casefold()


def matching_books(conn: sqlite3.Connection, wanted: str) -> list[tuple[str, str]]:
    """(id, title) of the books named by ``wanted``, by title."""
    rows = conn.execute("SELECT id, title FROM books ORDER BY title, id").fetchall()
    return [(r[0], r[1]) for r in rows if book_matches(wanted, r[0], r[1])]


def chapters(conn: sqlite3.Connection, book_ids: list[str] | None = None) -> list[str]:
    """The distinct chapter titles (of the given books), in reading order."""
    if book_ids is None:
        rows = conn.execute("SELECT chapter FROM highlights WHERE chapter != '' "
                            "GROUP BY chapter ORDER BY MIN(book_id), MIN(position)")
    else:
        rows = conn.execute(
            "SELECT chapter FROM highlights WHERE chapter != '' AND book_id IN "
            "(SELECT value FROM json_each(?)) GROUP BY chapter "
            "ORDER BY MIN(book_id), MIN(position)", (json.dumps(book_ids),))
    return [r[0] for r in rows]


def matching_chapters(conn: sqlite3.Connection, wanted: str,
                      book_ids: list[str] | None = None) -> list[str]:
    return [c for c in chapters(conn, book_ids) if text_matches(wanted, c)]


def book_titles(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT title FROM books ORDER BY title")]


def closest(wanted: str, names: list[str], n: int = CLOSEST) -> list[str]:
    """The ``n`` names most like ``wanted`` (case-insensitive), best first."""
    needle = wanted.casefold()
    unique = list(dict.fromkeys(names))
    return sorted(unique, key=lambda name: -difflib.SequenceMatcher(
        None, needle, name.casefold()).ratio())[:n]


BOOK_REMEDY = "list the books with `studykit books` and pass an id or part of a title"


def no_match(what: str, wanted: str, names: list[str], remedy: str = BOOK_REMEDY) -> NotFound:
    """``no book matches 'x'; closest: «a», «b»`` with what to do."""
    near = closest(wanted, names)
    found = f"; closest: {', '.join(f'«{n}»' for n in near)}" if near else ""
    return NotFound(f"no {what} matches {wanted!r}{found}", remedy)
