"""SQL for reviewing: the queue, answers with their log rows, undo, suspend/bury/flag."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace

from studykit.deck import from_db_time, matching, to_db_time
from studykit.scheduler import NEW, REVIEW, CardState

CARD_COLUMNS = """c.id, c.highlight_id, c.book_id, c.kind, c.front, c.back, c.answer,
    c.exercise_id, c.state, c.step, c.stability, c.difficulty, c.due, c.last_review, c.reps,
    c.lapses, c.flag, c.tags, b.title AS book_title, h.chapter AS chapter, h.note AS note"""
CARD_FROM = "cards c JOIN books b ON b.id = c.book_id JOIN highlights h ON h.id = c.highlight_id"


@dataclass(frozen=True)
class Filters:
    """``--book`` / ``--chapter`` as typed, and, once :meth:`resolve` has found them, the
    ids of the matching books and the matching chapter titles (see deck.matching)."""

    book: str | None = None  # book id, or a part of its title
    chapter: str | None = None  # part of a chapter title
    book_ids: tuple[str, ...] | None = None
    chapters: tuple[str, ...] | None = None

    def resolve(self, conn) -> Filters:
        """The same filters with their books and chapters found; NotFound, naming the
        closest titles, when ``book`` or ``chapter`` matches nothing."""
        book_ids = chapters = None
        if self.book:
            book_ids = tuple(i for i, _ in matching.matching_books(conn, self.book))
            if not book_ids:
                raise matching.no_match("book", self.book, matching.book_titles(conn))
        if self.chapter:
            within = list(book_ids) if book_ids else None
            chapters = tuple(matching.matching_chapters(conn, self.chapter, within))
            if not chapters:
                raise matching.no_match("chapter", self.chapter, matching.chapters(conn, within),
                                        "give a part of a chapter title shown in the review "
                                        "header")
        return replace(self, book_ids=book_ids, chapters=chapters)

    def sql(self) -> tuple[str, list]:
        """Extra WHERE clauses on ``cards c`` (subqueries keep the queue index usable)."""
        if (self.book and self.book_ids is None) or (self.chapter and self.chapters is None):
            raise ValueError("resolve() the filters first")
        clauses, args = [], []
        if self.book_ids is not None:
            clauses.append("c.book_id IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(self.book_ids))
        if self.chapters is not None:
            clauses.append("c.highlight_id IN (SELECT id FROM highlights WHERE chapter IN "
                           "(SELECT value FROM json_each(?)))")
            args.append(json.dumps(self.chapters, ensure_ascii=False))
        return "".join(f" AND {c}" for c in clauses), args


def card_state(row: sqlite3.Row) -> CardState:
    return CardState(
        state=row["state"], step=row["step"], stability=row["stability"],
        difficulty=row["difficulty"], due=from_db_time(row["due"]) if row["due"] else None,
        last_review=from_db_time(row["last_review"]) if row["last_review"] else None,
        reps=row["reps"], lapses=row["lapses"])


def get_card(conn, card_id: str) -> sqlite3.Row | None:
    return conn.execute(f"SELECT {CARD_COLUMNS} FROM {CARD_FROM} WHERE c.id = ?",
                        (card_id,)).fetchone()


_NOT_BURIED = "(c.buried_until IS NULL OR c.buried_until <= ?)"


def _first(conn, where: str, args: list, order: str, filters: Filters) -> sqlite3.Row | None:
    """The first available card matching ``where``: the id from the queue index, then
    the full row with its book and highlight."""
    extra, extra_args = filters.sql()
    row = conn.execute(
        f"SELECT c.id FROM cards c WHERE c.suspended = 0 AND {where} AND {_NOT_BURIED}"
        f"{extra} ORDER BY {order} LIMIT 1", [*args, *extra_args]).fetchone()
    return get_card(conn, row[0]) if row else None


def due_learning(conn, now: str, until: str, filters: Filters) -> sqlite3.Row | None:
    """The learning/relearning card due soonest, if due by ``until``."""
    return _first(conn, "c.state IN (1, 3) AND c.due <= ?", [until, now], "c.due", filters)


def due_review(conn, now: str, day_end: str, filters: Filters) -> sqlite3.Row | None:
    return _first(conn, "c.state = 2 AND c.due < ?", [day_end, now], "c.due", filters)


def next_new(conn, now: str, filters: Filters) -> sqlite3.Row | None:
    return _first(conn, "c.state = 0", [now], "c.rowid", filters)


def count_due(conn, now: str, day_end: str, filters: Filters,
              learning_until: str | None = None) -> dict[str, int]:
    """Cards available now: learning due by ``learning_until`` (default: now), reviews due
    today, new (before limits)."""
    learning_until = learning_until or now
    extra, args = filters.sql()
    queries = {
        "learning": ("c.state IN (1, 3) AND c.due <= ?", [learning_until]),
        "review": ("c.state = 2 AND c.due < ?", [day_end]),
        "new": ("c.state = 0", []),
    }
    counts = {queue: conn.execute(
        f"SELECT COUNT(*) FROM cards c WHERE c.suspended = 0 AND {where}{extra}",
        [*where_args, *args]).fetchone()[0] for queue, (where, where_args) in queries.items()}
    buried = conn.execute(  # few rows: subtract them rather than check every card
        f"SELECT c.state, c.due FROM cards c INDEXED BY cards_buried WHERE c.buried_until > ? "
        f"AND c.suspended = 0{extra}", [now, *args])
    for state, due in buried:
        if state == 0:
            counts["new"] -= 1
        elif state == 2 and due < day_end:
            counts["review"] -= 1
        elif state in (1, 3) and due <= learning_until:
            counts["learning"] -= 1
    return counts


def count_due_by_book(conn, now: str, learning_until: str, day_end: str
                      ) -> dict[str, dict[str, int]]:
    """:func:`count_due` for every book at once (one pass over the cards)."""
    rows = conn.execute(
        "SELECT c.book_id, TOTAL(c.state = 0), TOTAL(c.state IN (1, 3) AND c.due <= ?), "
        "TOTAL(c.state = 2 AND c.due < ?) FROM cards c WHERE c.suspended = 0 "
        f"AND {_NOT_BURIED} GROUP BY c.book_id", (learning_until, day_end, now))
    return {r[0]: {"new": int(r[1]), "learning": int(r[2]), "review": int(r[3])} for r in rows}


def count_set_aside(conn, now: str, filters: Filters) -> dict[str, int]:
    """Cards in the filters, and how many of them are suspended or buried now."""
    extra, args = filters.sql()
    row = conn.execute(
        f"SELECT COUNT(*), TOTAL(c.suspended), TOTAL(c.suspended = 0 AND c.buried_until > ?) "
        f"FROM cards c WHERE 1{extra}", [now, *args]).fetchone()
    return {"cards": row[0], "suspended": int(row[1]), "buried": int(row[2])}


def studied_since(conn, since: str) -> dict[str, int]:
    """New cards introduced and review cards answered since ``since`` (for daily limits)."""
    row = conn.execute(
        "SELECT SUM(json_extract(state_before, '$.state') = ?), "
        "SUM(json_extract(state_before, '$.state') = ?) FROM review_log "
        "WHERE reviewed_at >= ? AND source = 'review'", (NEW, REVIEW, since)).fetchone()
    return {"new": row[0] or 0, "review": row[1] or 0}


def next_due_time(conn, now: str, filters: Filters) -> str | None:
    extra, args = filters.sql()
    per_state = " UNION ALL ".join(
        f"SELECT MIN(c.due) AS due FROM cards c WHERE c.suspended = 0 AND c.state = {state} "
        f"AND c.due > ?{extra}" for state in (1, 2, 3))
    return conn.execute(f"SELECT MIN(due) FROM ({per_state})",
                        [now, *args] * 3).fetchone()[0]


def cram_cards(conn, filters: Filters, limit: int) -> list[sqlite3.Row]:
    extra, args = filters.sql()
    return conn.execute(
        f"SELECT {CARD_COLUMNS} FROM {CARD_FROM} WHERE c.suspended = 0{extra} "
        f"ORDER BY c.state = 0, c.due, c.rowid LIMIT ?", [*args, limit]).fetchall()


def write_answer(conn, card_id: str, before: CardState, after: CardState, rating: int,
                 reviewed_at: str, duration_ms: int, source: str = "review") -> int:
    """Store the new scheduling state and its log row; returns the log row id."""
    conn.execute(
        "UPDATE cards SET state=?, step=?, stability=?, difficulty=?, due=?, last_review=?, "
        "reps=?, lapses=?, updated_at=? WHERE id=?",
        (*state_columns(after), reviewed_at, card_id))
    cursor = conn.execute(
        "INSERT INTO review_log (card_id, rating, reviewed_at, duration_ms, state_before, "
        "state_after, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (card_id, rating, reviewed_at, duration_ms, json.dumps(before.to_dict()),
         json.dumps(after.to_dict()), source))
    return cursor.lastrowid


def restore_state(conn, card_id: str, state: CardState, now: str) -> None:
    conn.execute(
        "UPDATE cards SET state=?, step=?, stability=?, difficulty=?, due=?, last_review=?, "
        "reps=?, lapses=?, updated_at=? WHERE id=?", (*state_columns(state), now, card_id))


def delete_log(conn, log_id: int) -> None:
    conn.execute("DELETE FROM review_log WHERE id = ?", (log_id,))


def state_columns(s: CardState) -> tuple:
    return (s.state, s.step, s.stability, s.difficulty, to_db_time(s.due) if s.due else None,
            to_db_time(s.last_review) if s.last_review else None, s.reps, s.lapses)


def bury_siblings(conn, card: sqlite3.Row, until: str) -> dict[str, str | None]:
    """Bury the other cards of the same highlight; returns their previous buried_until."""
    rows = conn.execute(
        "SELECT id, buried_until FROM cards WHERE highlight_id = ? AND id != ? "
        "AND (buried_until IS NULL OR buried_until < ?)",
        (card["highlight_id"], card["id"], until)).fetchall()
    conn.executemany("UPDATE cards SET buried_until = ? WHERE id = ?",
                     [(until, r["id"]) for r in rows])
    return {r["id"]: r["buried_until"] for r in rows}


def set_buried(conn, previous: dict[str, str | None]) -> None:
    conn.executemany("UPDATE cards SET buried_until = ? WHERE id = ?",
                     [(v, k) for k, v in previous.items()])


def unbury(conn, now: str, filters: Filters) -> int:
    """Unbury the cards buried now (by hand or as siblings); returns how many."""
    extra, args = filters.sql()
    return conn.execute(
        f"UPDATE cards SET buried_until = NULL WHERE id IN (SELECT c.id FROM cards c "
        f"INDEXED BY cards_buried WHERE c.buried_until > ?{extra})", [now, *args]).rowcount


def set_suspended(conn, card_ids: list[str], suspended: bool, reason: str = "user") -> int:
    before = conn.total_changes
    if suspended:
        conn.executemany("UPDATE cards SET suspended = 1, suspend_reason = ? WHERE id = ? "
                         "AND suspended = 0", [(reason, i) for i in card_ids])
    else:
        conn.executemany("UPDATE cards SET suspended = 0, suspend_reason = NULL WHERE id = ? "
                         "AND suspend_reason IS NOT 'deleted'", [(i,) for i in card_ids])
    return conn.total_changes - before


def add_tag(conn, card_id: str, tag: str) -> None:
    row = conn.execute("SELECT tags FROM cards WHERE id = ?", (card_id,)).fetchone()
    tags = set(row["tags"].split()) | {tag}
    conn.execute("UPDATE cards SET tags = ? WHERE id = ?", (" ".join(sorted(tags)), card_id))


def set_flag(conn, card_id: str, flag: int) -> None:
    conn.execute("UPDATE cards SET flag = ? WHERE id = ?", (flag, card_id))


def existing_ids(conn, card_ids: list[str]) -> set[str]:
    marks = ",".join("?" * len(card_ids))
    return {r[0] for r in conn.execute(f"SELECT id FROM cards WHERE id IN ({marks})", card_ids)}
