"""backup / restore, and the automatic backup before a schema migration."""

from __future__ import annotations

import sqlite3

from conftest import HIGHLIGHTS, run_cli

from studykit.deck import Deck
from studykit.deck.migrations import LATEST


def count(db, table="highlights"):
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_backup_then_restore_brings_the_old_deck_back(tmp_path):
    db = tmp_path / "deck.db"
    run_cli("import", str(HIGHLIGHTS / "sequence-models.txt"), "--db", str(db))
    out = run_cli("backup", "--db", str(db), "-o", str(tmp_path / "copy.db"))
    assert out.returncode == 0 and out.stdout.startswith(f"backed up {db} to ")
    first = count(db)
    run_cli("import", str(HIGHLIGHTS / "deep-vision.md"), "--db", str(db))
    assert count(db) > first
    out = run_cli("restore", str(tmp_path / "copy.db"), "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert "previous deck is kept at" in out.stdout
    assert count(db) == first
    saved = out.stdout.split("kept at ")[1].rstrip(")\n")
    assert count(saved) > first


def test_restore_refuses_a_file_that_is_not_a_deck(tmp_path):
    db = tmp_path / "deck.db"
    run_cli("import", str(HIGHLIGHTS / "sequence-models.txt"), "--db", str(db))
    bogus = tmp_path / "bogus.db"
    with sqlite3.connect(bogus) as conn:
        conn.execute("CREATE TABLE t (x)")
    out = run_cli("restore", str(bogus), "--db", str(db))
    assert out.returncode == 1
    assert out.stderr == (f"studykit: error: {bogus} is not a studykit deck (an SQLite database "
                          "of another program, with tables t) — pick a file made by "
                          "`studykit backup`\n")
    assert count(db) > 0


def test_a_migration_backs_the_deck_up_first(tmp_path, monkeypatch):
    import studykit.deck as deck_module

    db = tmp_path / "deck.db"
    Deck(db).close()
    future = [*deck_module.MIGRATIONS, (LATEST + 1, "future", "CREATE TABLE future (x);")]
    monkeypatch.setattr(deck_module, "MIGRATIONS", future)
    monkeypatch.setattr(deck_module, "LATEST", LATEST + 1)
    with Deck(db) as deck:
        assert deck.schema_version() == LATEST + 1
    backup = tmp_path / f"deck.db.before-v{LATEST + 1}.bak"
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT MAX(id) FROM migrations").fetchone()[0] == LATEST
