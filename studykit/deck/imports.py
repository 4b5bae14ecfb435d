"""SQL for the importer: books, highlights, notes, cards and source files."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

from studykit.sources.models import Book, Highlight, Note


def source_row(conn: sqlite3.Connection, path: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM sources WHERE path = ?", (path,)).fetchone()


def source_digests(conn) -> dict[str, str]:
    return dict(conn.execute("SELECT path, sha256 FROM sources").fetchall())


def record_source(conn, path: str, sha256: str, fmt: str, book_ids: list[str],
                  highlights: int, now: str) -> None:
    conn.execute(
        "INSERT INTO sources (path, sha256, source_format, books, highlights, imported_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, "
        "source_format = excluded.source_format, books = excluded.books, "
        "highlights = excluded.highlights, imported_at = excluded.imported_at",
        (path, sha256, fmt, json.dumps(book_ids), highlights, now),
    )


def upsert_book(conn, book: Book, now: str) -> None:
    conn.execute(
        "INSERT INTO books (id, title, author, source_format, weread_id, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
        "author = COALESCE(excluded.author, books.author), "
        "source_format = excluded.source_format, weread_id = excluded.weread_id, "
        "updated_at = excluded.updated_at",
        (book.id, book.title, book.author, book.source_format, book.weread_id, now, now),
    )


def held_by_another_book(conn, highlight_ids: list[str],
                         book_id: str) -> tuple[str, str] | None:
    """The first of ``highlight_ids`` the deck holds under a book other than ``book_id``:
    (that highlight id, that book's title); None when there is none."""
    for chunk in _chunks(highlight_ids, 500):
        marks = ",".join("?" * len(chunk))
        row = conn.execute(
            f"SELECT h.id, b.title FROM highlights h JOIN books b ON b.id = h.book_id "
            f"WHERE h.id IN ({marks}) AND h.book_id != ? LIMIT 1", [*chunk, book_id]).fetchone()
        if row:
            return row[0], row[1]
    return None


def source_highlights(conn, source: str) -> dict[str, tuple[str, int]]:
    """id -> (content hash, junk) of the highlights the deck holds from one file."""
    return {row[0]: (row[1], row[2]) for row in conn.execute(
        "SELECT id, content_hash, junk FROM highlights WHERE source_file = ? AND removed = 0",
        (source,))}


def existing_highlights(conn, book_id: str) -> dict[str, sqlite3.Row]:
    """id -> the highlight's row; ``card_front`` is the question of a ``card`` highlight
    (a card written in the notes), else None."""
    rows = conn.execute(
        "SELECT h.id, h.chapter, h.text, h.content_hash, h.removed, h.source_file, "
        "CASE WHEN h.kind = 'card' THEN (SELECT c.front FROM cards c WHERE c.highlight_id = "
        "h.id ORDER BY c.rowid LIMIT 1) END AS card_front FROM highlights h "
        "WHERE h.book_id = ?", (book_id,))
    return {row["id"]: row for row in rows}


# A highlight row, as the importer prepares it (in worker processes) and writes it:
# (id, book_id, chapter, chapter_path, chapter_level, position, kind, language, text, note,
#  created_at, source_file, content_hash, junk, now). Absent language, note and time are ""
# (binding None costs sqlite3 an adapter lookup per value); the SQL stores NULL for them.
H_ID, H_CHAPTER, H_KIND, H_TEXT, H_HASH, H_JUNK = 0, 2, 6, 8, 12, 13
_HIGHLIGHT_VALUES = "?1,?2,?3,?4,?5,?6,?7,NULLIF(?8,''),?9,NULLIF(?10,''),NULLIF(?11,''),?12,?13,?14"


def highlight_row(book_id: str, h: Highlight, position: int, source: str, content_hash: str,
                  junk: bool, now: str, chapter_path_json: str) -> tuple:
    return (h.id, book_id, h.chapter, chapter_path_json, h.chapter_level, position, h.kind,
            h.language or "", h.text, h.note or "", h.created_at or "", source, content_hash,
            int(junk), now)


def renamed_highlight(row: tuple, new_id: str) -> tuple:
    return (new_id, *row[1:])


def with_junk(row: tuple, junk: bool) -> tuple:
    return (*row[:H_JUNK], int(junk), *row[H_JUNK + 1:])


def insert_highlights(conn, rows: Iterable[tuple]) -> None:
    conn.executemany(
        "INSERT INTO highlights (id, book_id, chapter, chapter_path, chapter_level, position, "
        "kind, language, text, note, created_at, source_file, content_hash, junk, removed, "
        f"imported_at, updated_at) VALUES ({_HIGHLIGHT_VALUES},0,?15,?15)", rows)


def update_highlights(conn, rows: Iterable[tuple]) -> None:
    """Highlight rows; the id selects the row, ``removed`` is cleared."""
    conn.executemany(
        "UPDATE highlights SET book_id=?2, chapter=?3, chapter_path=?4, chapter_level=?5, "
        "position=?6, kind=?7, language=NULLIF(?8,''), text=?9, note=NULLIF(?10,''), "
        "created_at=NULLIF(?11,''), source_file=?12, content_hash=?13, junk=?14, removed=0, "
        "updated_at=?15 WHERE id=?1", rows)


# A card row: (id, highlight_id, book_id, kind, ordinal, front, back, answer, exercise_id,
# exercise_score, now); a card without an answer has "" (stored as NULL).
C_ID, C_HIGHLIGHT, C_FRONT, C_ANSWER, C_EXERCISE = 0, 1, 5, 7, 8


def card_row(highlight_id: str, book_id: str, kind: str, ordinal: int, front: str, back: str,
             answer: str | None, link: tuple[str | None, float | None], now: str) -> tuple:
    return (f"{highlight_id}:{kind}:{ordinal}", highlight_id, book_id, kind, ordinal, front,
            back, answer or "", *link, now)


def renamed_card(row: tuple, highlight_id: str) -> tuple:
    return (f"{highlight_id}:{row[3]}:{row[4]}", highlight_id, *row[2:])


def mark_removed(conn, highlight_ids: list[str], now: str) -> int:
    """Flag highlights removed and suspend their cards; returns cards newly suspended."""
    if not highlight_ids:
        return 0
    conn.executemany("UPDATE highlights SET removed = 1, updated_at = ? WHERE id = ?",
                     [(now, i) for i in highlight_ids])
    before = conn.total_changes
    conn.executemany(
        "UPDATE cards SET suspended = 1, suspend_reason = 'removed', updated_at = ? "
        "WHERE highlight_id = ? AND suspended = 0", [(now, i) for i in highlight_ids])
    return conn.total_changes - before


def restore_cards(conn, highlight_ids: list[str], now: str) -> None:
    """Unsuspend cards that were suspended only because their highlight had vanished."""
    conn.executemany(
        "UPDATE cards SET suspended = 0, suspend_reason = NULL, updated_at = ? "
        "WHERE highlight_id = ? AND suspend_reason = 'removed'",
        [(now, i) for i in highlight_ids])


class ExistingCard(NamedTuple):
    front: str
    back: str
    answer: str  # "" when the card has none
    highlight_id: str
    suspend_reason: str | None
    exercise_id: str | None
    edited: bool  # the reader edited it: imports leave it as it is
    reviewed: bool  # it has a schedule (and so a review history)


def existing_cards(conn, highlight_ids: list[str]) -> dict[str, ExistingCard]:
    """card id -> what an import needs to know of it, for the cards of these highlights."""
    found: dict[str, ExistingCard] = {}
    for chunk in _chunks(highlight_ids, 500):
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
                "SELECT c.id, c.front, c.back, COALESCE(c.answer, ''), c.highlight_id, "
                "c.suspend_reason, c.exercise_id, e.edited_at IS NOT NULL, "
                "c.state != 0 OR c.reps > 0 FROM cards c "
                "LEFT JOIN card_edits e ON e.card_id = c.id "
                f"WHERE c.highlight_id IN ({marks})", chunk):
            found[row[0]] = ExistingCard(*row[1:7], bool(row[7]), bool(row[8]))
    return found


def set_stale(conn, stale: list[str], revived: list[str], now: str) -> None:
    """Suspend cards the generator no longer makes for an edited highlight (their history
    stays); wake those it makes again."""
    conn.executemany("UPDATE cards SET suspended = 1, suspend_reason = 'stale', updated_at = ? "
                     "WHERE id = ? AND suspended = 0", [(now, i) for i in stale])
    conn.executemany("UPDATE cards SET suspended = 0, suspend_reason = NULL, updated_at = ? "
                     "WHERE id = ? AND suspend_reason = 'stale'", [(now, i) for i in revived])


def insert_cards(conn, rows: Iterable[tuple]) -> None:
    """Card rows (see card_row)."""
    conn.executemany(
        "INSERT INTO cards (id, highlight_id, book_id, kind, ordinal, front, back, answer, "
        "exercise_id, exercise_score, created_at, updated_at) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,NULLIF(?8,''),?9,?10,?11,?11)", rows)


def update_card_text(conn, rows: Iterable[tuple]) -> None:
    """Card rows: their text and link replace the stored ones (a link to no exercise
    too), scheduling state is left alone, and so is the link when the score is None (no
    catalog to link with)."""
    conn.executemany(
        "UPDATE cards SET front=?6, back=?7, answer=NULLIF(?8,''), "
        "exercise_id=CASE WHEN ?10 IS NULL THEN exercise_id ELSE ?9 END, "
        "exercise_score=COALESCE(?10, exercise_score), updated_at=?11 "
        "WHERE id=?1", rows)


def upsert_notes(conn, book: Book, notes: list[Note], source: str, now: str) -> None:
    conn.executemany(
        "INSERT INTO notes (id, book_id, scope, chapter, text, created_at, source_file, removed) "
        "VALUES (?,?,?,?,?,?,?,0) ON CONFLICT(id) DO UPDATE SET text=excluded.text, "
        "chapter=excluded.chapter, created_at=excluded.created_at, removed=0",
        [(n.id, book.id, n.scope, n.chapter, n.text, n.created_at, source) for n in notes])
    keep = {n.id for n in notes}
    stale = [r[0] for r in conn.execute(
        "SELECT id FROM notes WHERE book_id = ? AND source_file = ? AND removed = 0",
        (book.id, source)) if r[0] not in keep]
    conn.executemany("UPDATE notes SET removed = 1 WHERE id = ?", [(i,) for i in stale])


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]
