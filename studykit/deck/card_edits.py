"""SQL for the reader's own changes to cards: edits, deletions, and the hand-over of a
card's schedule and review log to its heir when an edited highlight makes new cards."""

from __future__ import annotations

import sqlite3

DELETED = "deleted"  # suspend_reason of a card the reader deleted

_SCHEDULE = "state, step, stability, difficulty, due, last_review, reps, lapses, flag, tags, " \
            "suspended, suspend_reason, buried_until"


def card_for_edit(conn: sqlite3.Connection, card_id: str) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT c.id, c.kind, c.front, c.back, c.answer, c.suspend_reason = ? AS deleted, "
        "b.title AS book, h.chapter FROM cards c JOIN books b ON b.id = c.book_id "
        "JOIN highlights h ON h.id = c.highlight_id WHERE c.id = ?",
        (DELETED, card_id)).fetchone()


def save_edit(conn, card_id: str, front: str, back: str, answer: str | None, now: str) -> None:
    """The reader's text replaces the card's; its schedule and log stay, and imports will
    not regenerate it (``edited_at``)."""
    conn.execute("UPDATE cards SET front = ?, back = ?, answer = ?, updated_at = ? WHERE id = ?",
                 (front, back, answer, now, card_id))
    conn.execute("INSERT INTO card_edits (card_id, edited_at) VALUES (?, ?) "
                 "ON CONFLICT(card_id) DO UPDATE SET edited_at = excluded.edited_at",
                 (card_id, now))


def delete_cards(conn, card_ids: list[str], now: str) -> int:
    """Retire cards: suspended for good (reason 'deleted'), kept with their review log.
    Returns how many were not deleted already."""
    fresh = [i for i in card_ids if i not in deleted_ids(conn, card_ids)]
    conn.executemany("UPDATE cards SET suspended = 1, suspend_reason = ?, updated_at = ? "
                     "WHERE id = ?", [(DELETED, now, i) for i in fresh])
    conn.executemany("INSERT INTO card_edits (card_id, deleted_at) VALUES (?, ?) "
                     "ON CONFLICT(card_id) DO UPDATE SET deleted_at = excluded.deleted_at",
                     [(i, now) for i in fresh])
    return len(fresh)


def deleted_ids(conn, card_ids: list[str]) -> set[str]:
    marks = ",".join("?" * len(card_ids))
    return {r[0] for r in conn.execute(
        f"SELECT id FROM cards WHERE id IN ({marks}) AND suspend_reason = ?",
        [*card_ids, DELETED])}


def hand_over(conn, pairs: list[tuple[str, str]], now: str) -> None:
    """Each (old, heir): the heir takes the old card's schedule, flags, tags, suspension
    and review log; the old card is left new, with no log, suspended as stale."""
    for old, heir in pairs:
        conn.execute(f"UPDATE cards SET ({_SCHEDULE}) = (SELECT {_SCHEDULE} FROM cards "
                     "WHERE id = ?), updated_at = ? WHERE id = ?", (old, now, heir))
        conn.execute("UPDATE review_log SET card_id = ? WHERE card_id = ?", (heir, old))
        conn.execute(
            "UPDATE cards SET state = 0, step = NULL, stability = NULL, difficulty = NULL, "
            "due = NULL, last_review = NULL, reps = 0, lapses = 0, flag = 0, tags = '', "
            "buried_until = NULL, suspended = 1, suspend_reason = 'stale', updated_at = ? "
            "WHERE id = ?", (now, old))
