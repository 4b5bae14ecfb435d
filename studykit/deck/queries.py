"""Read-only queries for listing and exporting the deck."""

from __future__ import annotations

import json
import sqlite3

from studykit.deck import to_db_time, utc_now
from studykit.deck.matching import book_titles, matching_books, no_match

STATE_NAMES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}


def card_state_name(state: int, suspended: int, reason: str | None = None) -> str:
    if reason == "deleted":
        return "deleted"
    return "suspended" if suspended else STATE_NAMES[state]


def book_summaries(conn: sqlite3.Connection) -> list[dict]:
    """Every book with its highlight and (not suspended) card counts, by title."""
    rows = conn.execute(
        """
        SELECT b.id, b.title, b.author, b.source_format,
          (SELECT COUNT(*) FROM highlights h WHERE h.book_id = b.id AND h.removed = 0)
            AS highlights,
          (SELECT COUNT(*) FROM cards c WHERE c.book_id = b.id AND c.suspended = 0) AS cards
        FROM books b ORDER BY b.title
        """)
    return [dict(r) for r in rows]


def export_deck(conn: sqlite3.Connection) -> dict:
    """The whole deck in the documented JSON shape (see docs: export json)."""
    cards_by_highlight: dict[str, list[dict]] = {}
    for c in conn.execute("SELECT * FROM cards ORDER BY highlight_id, kind, ordinal"):
        cards_by_highlight.setdefault(c["highlight_id"], []).append({
            "id": c["id"], "kind": c["kind"], "front": c["front"], "back": c["back"],
            "answer": c["answer"], "exercise": c["exercise_id"],
            "state": card_state_name(c["state"], c["suspended"], c["suspend_reason"]),
            "due": c["due"],
        })
    highlights_by_book: dict[str, list[dict]] = {}
    for h in conn.execute("SELECT * FROM highlights ORDER BY book_id, position"):
        highlights_by_book.setdefault(h["book_id"], []).append({
            "id": h["id"], "chapter": h["chapter"],
            "chapter_path": json.loads(h["chapter_path"]), "text": h["text"],
            "note": h["note"], "kind": h["kind"], "created_at": h["created_at"],
            "removed": bool(h["removed"]), "junk": bool(h["junk"]),
            "cards": cards_by_highlight.get(h["id"], []),
        })
    notes_by_book: dict[str, list[dict]] = {}
    for n in conn.execute("SELECT * FROM notes WHERE removed = 0 ORDER BY book_id, rowid"):
        notes_by_book.setdefault(n["book_id"], []).append({
            "id": n["id"], "scope": n["scope"], "chapter": n["chapter"], "text": n["text"],
            "created_at": n["created_at"]})
    books = [{
        "id": b["id"], "title": b["title"], "author": b["author"],
        "source_format": b["source_format"], "weread_id": b["weread_id"],
        "highlights": highlights_by_book.get(b["id"], []),
        "notes": notes_by_book.get(b["id"], []),
    } for b in conn.execute("SELECT * FROM books ORDER BY title")]
    return {"books": books}


def search_cards(conn: sqlite3.Connection, *, book: str | None = None, query: str | None = None,
                 state: str | None = None, limit: int = 50) -> list[dict]:
    """Cards matching every given filter (``state`` as in ``studykit cards --is``)."""
    now = to_db_time(utc_now())
    clauses, args = [], []
    if book:
        ids = [i for i, _ in matching_books(conn, book)]
        if not ids:
            raise no_match("book", book, book_titles(conn))
        clauses.append("c.book_id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(ids))
    if query:
        clause, query_args = text_clause(query)
        clauses.append(clause)
        args += query_args
    clauses.append(_STATE_FILTERS.get(state or "", "1"))
    if state == "due":
        args.append(now)
    rows = conn.execute(
        "SELECT c.*, b.title AS book FROM cards c JOIN books b ON b.id = c.book_id "
        f"WHERE {' AND '.join(clauses)} ORDER BY c.rowid LIMIT ?", [*args, limit])
    return [{"id": r["id"], "book": r["book"], "kind": r["kind"], "front": r["front"],
             "back": r["back"], "answer": r["answer"], "exercise": r["exercise_id"],
             "state": card_state_name(r["state"], r["suspended"], r["suspend_reason"]),
             "due": r["due"],
             "lapses": r["lapses"], "tags": r["tags"].split()} for r in rows]


TRIGRAM = 3  # the shortest query the trigram index can answer


def text_clause(query: str) -> tuple[str, list]:
    """Cards whose front or back contains ``query`` (case-insensitive): through the FTS5
    trigram index (migration 6) from three characters, by LIKE below that."""
    if len(query) < TRIGRAM:
        pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return ("(c.front LIKE ? ESCAPE '\\' OR c.back LIKE ? ESCAPE '\\')",
                [pattern, pattern])
    phrase = '"' + query.replace('"', '""') + '"'  # one FTS5 string: a plain substring
    return "c.rowid IN (SELECT rowid FROM cards_fts WHERE cards_fts MATCH ?)", [phrase]


_STATE_FILTERS = {
    "due": "c.suspended = 0 AND c.state != 0 AND c.due <= ?",
    "new": "c.suspended = 0 AND c.state = 0",
    "learning": "c.suspended = 0 AND c.state = 1",
    "review": "c.suspended = 0 AND c.state = 2",
    "relearning": "c.suspended = 0 AND c.state = 3",
    "suspended": "c.suspended = 1 AND c.suspend_reason IS NOT 'deleted'",
    "deleted": "c.suspend_reason = 'deleted'",
    "leech": "(' ' || c.tags || ' ') LIKE '% leech %'",
    "flagged": "c.flag != 0",
}


def card_by_id(conn: sqlite3.Connection, card_id: str) -> dict | None:
    """One card with its book title, in the shape of :func:`search_cards` (None if absent)."""
    row = conn.execute("SELECT c.*, b.title AS book FROM cards c JOIN books b "
                       "ON b.id = c.book_id WHERE c.id = ?", (card_id,)).fetchone()
    if row is None:
        return None
    return {"id": row["id"], "book": row["book"], "kind": row["kind"], "front": row["front"],
            "back": row["back"], "answer": row["answer"], "exercise": row["exercise_id"],
            "state": card_state_name(row["state"], row["suspended"]), "due": row["due"],
            "lapses": row["lapses"], "tags": row["tags"].split()}
