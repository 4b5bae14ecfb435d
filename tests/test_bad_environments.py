"""A read-only deck, an unwritable home, a full disk: one clear line, nothing corrupted."""

from __future__ import annotations

import sqlite3
import subprocess
from contextlib import contextmanager

import pytest
from conftest import HIGHLIGHTS, run_cli

from studykit.deck import Deck
from studykit.importer import import_paths


@contextmanager
def immutable(*paths):
    """chattr +i: not even root may write (root ignores plain permissions)."""
    done = []
    try:
        for path in paths:
            if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
                pytest.skip("chattr +i is not available here")
            done.append(path)
        yield
    finally:
        for path in done:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def snapshot(db):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT COUNT(*) FROM highlights").fetchone()[0], \
            conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_read_only_deck(tmp_path):
    db = tmp_path / "deck.db"
    assert run_cli("import", str(HIGHLIGHTS / "sequence-models.txt"), "--db", str(db)).returncode == 0
    before = snapshot(db)
    with immutable(db):
        out = run_cli("import", str(HIGHLIGHTS / "deep-vision.md"), "--db", str(db))
    assert out.returncode == 1
    assert out.stderr == (f"studykit: error: the deck {db} is read-only — make the file and its "
                          "folder writable, or use --db with a copy\n")
    assert snapshot(db) == before


def test_unwritable_home(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    with immutable(home):
        out = run_cli("books", "--db", str(home / "deck.db"))
    assert out.returncode == 1
    assert out.stderr.startswith("studykit: error: cannot ")
    assert "set STUDYKIT_HOME or --db to a writable place" in out.stderr
    assert out.stderr.count("\n") == 1


def test_home_that_is_a_file(tmp_path):
    home = tmp_path / "file"
    home.write_text("not a folder")
    out = run_cli("books", "--db", str(home / "deck.db"))
    assert out.returncode == 1
    assert out.stderr.startswith("studykit: error: cannot create the deck at ")


def test_disk_full_leaves_the_deck_as_it_was(tmp_path):
    db = tmp_path / "deck.db"
    with Deck(db) as deck:
        import_paths(deck, [HIGHLIGHTS / "sequence-models.txt"])
        pages = deck.conn.execute("PRAGMA page_count").fetchone()[0]
        deck.conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk is nearly full
        report = import_paths(deck, [HIGHLIGHTS / "deep-vision.md"])
        assert report.failed
        assert report.files[0].error.startswith(f"cannot write the deck {db}: the disk is full")
    assert snapshot(db) == (37, "ok")
