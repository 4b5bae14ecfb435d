"""The full-text index of the cards (migration 6): new cards are indexed in bulk.

Every card whose rowid is at most the highest rowid in the index is in the index, and no
other: cards are only ever appended, so bringing the index up to date is one
``INSERT ... SELECT`` of the cards above that rowid (after an import; before a search, in
case an import was interrupted between its files and that last step). Edits and deletes
reach the index through the triggers of migration 6."""

from __future__ import annotations

import sqlite3

_INDEXED_UP_TO = "SELECT COALESCE(MAX(id), 0) FROM cards_fts_docsize"


def behind(conn: sqlite3.Connection) -> bool:
    """Whether some cards are not in the index yet."""
    newest = conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM cards").fetchone()[0]
    return newest > conn.execute(_INDEXED_UP_TO).fetchone()[0]


def index_new_cards(conn: sqlite3.Connection) -> int:
    """Index the cards added since the index was last brought up to date (inside the
    caller's transaction); returns how many."""
    return conn.execute(
        f"INSERT INTO cards_fts (rowid, front, back) SELECT rowid, front, back FROM cards "
        f"WHERE rowid > ({_INDEXED_UP_TO})").rowcount


def catch_up(deck) -> int:
    """Bring the index up to date when it is behind (a write only then)."""
    if not behind(deck.conn):
        return 0
    with deck.transaction() as conn:
        return index_new_cards(conn)
