"""SQL for the quiz: cloze cards to ask, answers to draw distractors from, due-now marks."""

from __future__ import annotations

import sqlite3

from studykit.deck.review import Filters

_CLOZE = "c.kind = 'cloze' AND c.suspended = 0 AND c.answer IS NOT NULL AND c.answer != ''"


def cloze_candidates(conn, filters: Filters) -> list[tuple[str, str]]:
    """(card id, highlight id) of every card that can be asked, in a stable order."""
    extra, args = filters.sql()
    return [(r[0], r[1]) for r in conn.execute(
        f"SELECT c.id, c.highlight_id FROM cards c WHERE {_CLOZE}{extra} ORDER BY c.rowid",
        args)]


def cloze_cards(conn, card_ids: list[str]) -> list[sqlite3.Row]:
    """The cards (with their book's title), in the order of ``card_ids``."""
    marks = ",".join("?" * len(card_ids))
    rows = conn.execute(
        f"SELECT c.id, c.book_id, c.front, c.answer, b.title AS book_title FROM cards c "
        f"JOIN books b ON b.id = c.book_id WHERE c.id IN ({marks})", card_ids).fetchall()
    by_id = {r["id"]: r for r in rows}
    return [by_id[i] for i in card_ids if i in by_id]


def cloze_answers(conn) -> list[tuple[str, str]]:
    """Distinct (book id, answer) of all askable cloze cards: the distractor pool."""
    return [(r[0], r[1]) for r in conn.execute(
        f"SELECT DISTINCT c.book_id, c.answer FROM cards c WHERE {_CLOZE} "
        f"ORDER BY c.book_id, c.answer")]


def make_due_now(conn, card_id: str, now: str) -> bool:
    """Bring a learning/review card forward to ``now`` (and unbury it); never moves a due
    date later, never touches a new card or its scheduling state, writes no log row."""
    cursor = conn.execute(
        "UPDATE cards SET due = ?, buried_until = NULL, updated_at = ? "
        "WHERE id = ? AND state != 0 AND (due IS NULL OR due > ?)", (now, now, card_id, now))
    return cursor.rowcount > 0
