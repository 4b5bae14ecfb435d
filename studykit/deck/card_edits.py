"""SQL for the reader's own changes to cards (edits, deletions) and for moving a card's
history (schedule and review log) to its heir when an edited highlight makes new cards
(see studykit.card_heirs)."""

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


_CONTENT = "front, back, answer, exercise_id, exercise_score"


def snapshot(conn, card_ids: list[str]) -> dict[str, tuple[tuple, tuple, list[int]]]:
    """card id -> (schedule, content, review log row ids), taken before an import
    rewrites the cards (see move_histories)."""
    found: dict[str, tuple[tuple, tuple, list[int]]] = {}
    marks = ",".join("?" * len(card_ids))
    width = _SCHEDULE.count(",") + 1
    for row in conn.execute(f"SELECT id, {_SCHEDULE}, {_CONTENT} FROM cards "
                            f"WHERE id IN ({marks})", card_ids):
        found[row[0]] = (tuple(row[1:width + 1]), tuple(row[width + 1:]), [])
    for log_id, card_id in conn.execute(
            f"SELECT id, card_id FROM review_log WHERE card_id IN ({marks}) ORDER BY id",
            card_ids):
        found[card_id][2].append(log_id)
    return found


def move_histories(conn, moves: list[tuple[str, str]], rehomed: dict[str, str],
                   taken: dict[str, tuple[tuple, tuple, list[int]]], now: str) -> None:
    """Each (source, row): the row takes the source's schedule, flags, tags, suspension and
    review log as ``taken`` (a snapshot) holds them; a ``rehomed`` row also takes the
    source's text and link."""
    marks = ",".join("?" * (_SCHEDULE.count(",") + 1))
    for source, row in moves:
        schedule, content, log_ids = taken[source]
        conn.execute(f"UPDATE cards SET ({_SCHEDULE}) = ({marks}), updated_at = ? WHERE id = ?",
                     (*schedule, now, row))
        conn.executemany("UPDATE review_log SET card_id = ? WHERE id = ?",
                         [(row, log_id) for log_id in log_ids])
        if rehomed.get(row) == source:
            conn.execute(f"UPDATE cards SET ({_CONTENT}) = (?, ?, ?, ?, ?) WHERE id = ?",
                         (*content, row))


def reset(conn, card_ids: list[str], *, stale: bool, now: str) -> None:
    """Cards whose history moved to another card: new again, with no flag or tags; stale
    ones (no longer made from their highlight) suspended, the others in use."""
    conn.executemany(
        "UPDATE cards SET state = 0, step = NULL, stability = NULL, difficulty = NULL, "
        "due = NULL, last_review = NULL, reps = 0, lapses = 0, flag = 0, tags = '', "
        "buried_until = NULL, suspended = ?, suspend_reason = ?, updated_at = ? WHERE id = ?",
        [(int(stale), "stale" if stale else None, now, i) for i in card_ids])
