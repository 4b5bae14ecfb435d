"""Which files are decks: studykit's application id, older decks adopted, any other
SQLite file (or any other file) refused untouched, damaged decks named as such."""

from __future__ import annotations

import os
import sqlite3

import pytest
from conftest import run_cli

from studykit.deck import Deck
from studykit.deck.health import deck_health
from studykit.deck.identity import APPLICATION_ID
from studykit.deck.migrations import LATEST, MIGRATIONS
from studykit.errors import DeckError

REFUSED = "is not a studykit deck"


def application_id(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()


def files_in(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_id_spells_stdy_in_the_header(tmp_path):
    Deck(tmp_path / "d.db").close()
    assert APPLICATION_ID == 0x53746479
    assert (tmp_path / "d.db").read_bytes()[68:72] == b"Stdy"
    assert application_id(tmp_path / "d.db") == APPLICATION_ID


@pytest.mark.parametrize("make", ["missing", "empty file", "sqlite without tables"])
def test_missing_empty_and_blank_files_become_decks(tmp_path, make):
    path = tmp_path / "d.db"
    if make == "empty file":
        path.write_bytes(b"")
    elif make == "sqlite without tables":
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA user_version = 3")  # writes the header, adds no table
        conn.close()
    with Deck(path) as deck:
        assert deck.schema_version() == LATEST
    assert application_id(path) == APPLICATION_ID


def _foreign_tables(path):
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()


def _foreign_notes_and_cards(path):
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id, body)")
        conn.execute("CREATE TABLE cards (id, front)")
    conn.close()


def _foreign_application(path):
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA application_id = 1234")
        conn.execute("CREATE TABLE things (x)")
    conn.close()


def _foreign_wal_mode(path):
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE t (x)")
    conn.close()


def _foreign_deck_lookalike(path):
    """The tables of a deck, but a migrations table that is not studykit's."""
    with sqlite3.connect(path) as conn:
        for table in ("migrations", "books", "cards"):
            conn.execute(f"CREATE TABLE {table} (id, name)")
        conn.execute("INSERT INTO migrations VALUES (1, 'create_users')")
    conn.close()


def _not_sqlite(path):
    path.write_text("just some text, not sqlite at all " * 50)


@pytest.mark.parametrize(("make", "what"), [
    (_foreign_tables, "an SQLite database of another program, with tables t"),
    (_foreign_notes_and_cards, "an SQLite database of another program, with tables cards, notes"),
    (_foreign_application, "it belongs to another program: SQLite application_id 0x4d2"),
    (_foreign_wal_mode, "an SQLite database of another program, with tables t"),
    (_foreign_deck_lookalike, "an SQLite database of another program, with tables books, "
                              "cards, migrations"),
    (_not_sqlite, "not an SQLite database, or a deck whose first page is damaged"),
])
def test_any_other_file_is_refused_byte_for_byte_untouched(tmp_path, make, what):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "other.sqlite"
    make(path)
    before = files_in(folder)
    line = f"{path} {REFUSED} ({what}); it was left untouched"
    out = run_cli("books", "--db", str(path))
    assert (out.returncode, out.stdout) == (1, "")
    assert out.stderr.startswith(f"studykit: error: {line} — ")
    assert out.stderr.count("\n") == 1
    for readonly in (False, True):
        with pytest.raises(DeckError) as error:
            Deck(path, readonly=readonly)
        assert error.value.message == line
    ok, detail = deck_health(path)  # doctor's line
    assert not ok and detail.startswith(line)
    assert files_in(folder) == before  # no WAL switch, no table, no -wal/-shm file


def older_studykit_deck(path, migrations: int) -> None:
    """A deck as studykit made it before the application id: WAL mode, the migrations
    table and the first ``migrations`` migrations, application_id 0."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE migrations "
                 "(id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for number, name, sql in MIGRATIONS[:migrations]:
        conn.executescript(sql)
        conn.execute("INSERT INTO migrations VALUES (?, ?, '2025-01-01T00:00:00Z')",
                     (number, name))
    conn.execute("INSERT INTO books VALUES ('b1', 't', NULL, 'markdown', NULL, 'x', 'x')")
    conn.close()


def test_a_deck_of_an_older_studykit_is_adopted(tmp_path):
    """Decks made before the application id: migrations table, books, cards, id 0."""
    path = tmp_path / "old.db"
    older_studykit_deck(path, migrations=len(MIGRATIONS) - 1)
    assert application_id(path) == 0
    with Deck(path) as deck:
        assert deck.schema_version() == LATEST
        assert [tuple(r) for r in deck.conn.execute("SELECT id FROM books")] == [("b1",)]
    assert application_id(path) == APPLICATION_ID
    last = MIGRATIONS[-1][0]
    assert (tmp_path / f"old.db.before-v{last}.bak").exists()  # backed up before migrating


def test_an_adopted_deck_without_pending_migrations_gets_the_id(tmp_path):
    path = tmp_path / "old.db"
    older_studykit_deck(path, migrations=LATEST)
    Deck(path).close()
    assert application_id(path) == APPLICATION_ID
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]  # nothing to back up


def test_a_folder_or_a_fifo_is_refused_without_blocking(tmp_path):
    with pytest.raises(DeckError, match="is a folder, not a deck file"):
        Deck(tmp_path)
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    with pytest.raises(DeckError, match="is not a regular file"):
        Deck(fifo)


def test_a_path_with_uri_characters_is_read_right(tmp_path):
    path = tmp_path / "my deck?#%.db"
    Deck(path).close()
    with Deck(path, readonly=True) as deck:
        assert deck.schema_version() == LATEST
