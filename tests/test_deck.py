"""The deck file: migrations, pragmas, backups and bad environments."""

from __future__ import annotations

import sqlite3

import pytest

from studykit.deck import Deck, from_db_time, to_db_time, utc_now
from studykit.deck.migrations import LATEST, MIGRATIONS
from studykit.errors import DeckError


def test_new_deck_records_its_migrations_and_pragmas(tmp_path):
    with Deck(tmp_path / "d.db") as deck:
        rows = deck.conn.execute("SELECT id, name FROM migrations").fetchall()
        assert [tuple(r) for r in rows][0] == (1, "initial")
        assert deck.schema_version() == LATEST
        assert deck.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert deck.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_applies_nothing_twice(tmp_path):
    Deck(tmp_path / "d.db").close()
    with Deck(tmp_path / "d.db") as deck:
        assert deck.conn.execute("SELECT COUNT(*) FROM migrations").fetchone()[0] == len(
            MIGRATIONS)


def test_a_deck_from_a_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "d.db"
    Deck(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO migrations VALUES (999, 'future', '2030-01-01T00:00:00Z')")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DeckError, match="newer studykit"):
        Deck(path)
    assert path.read_bytes() == before


def test_transaction_rolls_back_on_error(deck):
    with pytest.raises(RuntimeError), deck.transaction() as conn:
        conn.execute("INSERT INTO books VALUES ('b1', 't', NULL, 'markdown', NULL, 'x', 'x')")
        raise RuntimeError("boom")
    assert deck.conn.execute("SELECT COUNT(*) FROM books").fetchone()[0] == 0


def test_backup_is_a_consistent_copy(deck, tmp_path):
    with deck.transaction() as conn:
        conn.execute("INSERT INTO books VALUES ('b1', 't', NULL, 'markdown', NULL, 'x', 'x')")
    copy = deck.backup(tmp_path / "copy.db")
    with Deck(copy) as restored:
        assert restored.conn.execute("SELECT id FROM books").fetchone()[0] == "b1"
        assert restored.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_file_that_is_not_a_deck(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some text, not sqlite at all " * 50)
    with pytest.raises(DeckError, match="not a studykit deck"):
        Deck(path)


def test_times_round_trip_in_utc():
    now = utc_now()
    assert from_db_time(to_db_time(now)) == now
    assert to_db_time(now).endswith("Z")
