"""SQL for the Anki round trip: schedules and review logs out, reviews and notes in."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from studykit.deck.review import state_columns
from studykit.scheduler import CardState

_SCHEDULE = ("id, state, step, stability, difficulty, due, last_review, reps, lapses, flag, "
             "highlight_id, kind")


def _in_chunks(conn, sql: str, ids: list[str], size: int = 900) -> list[sqlite3.Row]:
    rows: list[sqlite3.Row] = []
    for start in range(0, len(ids), size):
        chunk = ids[start:start + size]
        rows += conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
    return rows


def schedules(conn, card_ids: list[str]) -> dict[str, sqlite3.Row]:
    """The scheduling fields (and flag) of the given cards, by id."""
    rows = _in_chunks(conn, f"SELECT {_SCHEDULE} FROM cards WHERE id IN ({{marks}})", card_ids)
    return {r["id"]: r for r in rows}


def review_logs(conn, card_ids: list[str]) -> list[sqlite3.Row]:
    """Every logged answer of the given cards, oldest first."""
    rows = _in_chunks(
        conn, "SELECT id, card_id, rating, reviewed_at, duration_ms, state_before, state_after, "
        "source FROM review_log WHERE card_id IN ({marks})", card_ids)
    return sorted(rows, key=lambda r: (r["reviewed_at"], r["id"]))


def guid_sources(conn) -> tuple[list[str], list[str]]:
    """The highlight ids with cloze cards, and every card id (what note guids hash)."""
    highlights = [r[0] for r in conn.execute(
        "SELECT DISTINCT highlight_id FROM cards WHERE kind = 'cloze'")]
    return highlights, [r[0] for r in conn.execute("SELECT id FROM cards")]


def existing_card_ids(conn, card_ids: list[str]) -> set[str]:
    return {r[0] for r in _in_chunks(conn, "SELECT id FROM cards WHERE id IN ({marks})",
                                     card_ids)}


def replace_history(conn, card_id: str, final: CardState,
                    entries: Iterable[tuple[int | None, int, str, int, CardState, CardState,
                                            str]], now: str) -> None:
    """Store a card's replayed history: log rows that exist (an id) get their recomputed
    states, new ones are inserted; then the card takes the final state."""
    for log_id, rating, reviewed_at, duration_ms, before, after, source in entries:
        states = (json.dumps(before.to_dict()), json.dumps(after.to_dict()))
        if log_id is None:
            conn.execute(
                "INSERT INTO review_log (card_id, rating, reviewed_at, duration_ms, "
                "state_before, state_after, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (card_id, rating, reviewed_at, duration_ms, *states, source))
        else:
            conn.execute("UPDATE review_log SET state_before = ?, state_after = ? WHERE id = ?",
                         (*states, log_id))
    conn.execute(
        "UPDATE cards SET state=?, step=?, stability=?, difficulty=?, due=?, last_review=?, "
        "reps=?, lapses=?, updated_at=? WHERE id=?", (*state_columns(final), now, card_id))


def books_of_cards(conn, card_ids: list[str]) -> list[str]:
    """The books the given cards belong to, by id."""
    return sorted({r[0] for r in _in_chunks(
        conn, "SELECT DISTINCT book_id FROM cards WHERE id IN ({marks})", card_ids)})


def books_by_id(conn, book_ids: list[str]) -> set[str]:
    return {r[0] for r in _in_chunks(conn, "SELECT id FROM books WHERE id IN ({marks})",
                                     book_ids)}


def insert_book(conn, book_id: str, title: str, now: str) -> None:
    conn.execute("INSERT INTO books (id, title, author, source_format, weread_id, created_at, "
                 "updated_at) VALUES (?, ?, NULL, 'anki', NULL, ?, ?)",
                 (book_id, title, now, now))


def insert_highlight(conn, highlight_id: str, book_id: str, chapter: str, position: int,
                     text: str, source: str, now: str) -> bool:
    """A note from Anki as a highlight of its deck's book; False when it is there already."""
    return conn.execute(
        "INSERT OR IGNORE INTO highlights (id, book_id, chapter, chapter_path, position, kind, "
        "text, source_file, content_hash, imported_at, updated_at) "
        "VALUES (?, ?, ?, '[]', ?, 'card', ?, ?, '', ?, ?)",
        (highlight_id, book_id, chapter, position, text, source, now, now)).rowcount > 0


def insert_card(conn, card_id: str, highlight_id: str, book_id: str, kind: str, ordinal: int,
                front: str, back: str, answer: str | None, now: str) -> bool:
    return conn.execute(
        "INSERT OR IGNORE INTO cards (id, highlight_id, book_id, kind, ordinal, front, back, "
        "answer, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (card_id, highlight_id, book_id, kind, ordinal, front, back, answer, now,
         now)).rowcount > 0


def next_position(conn, book_id: str) -> int:
    return conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM highlights "
                        "WHERE book_id = ?", (book_id,)).fetchone()[0]
