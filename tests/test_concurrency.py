"""Two review sessions and an import on one deck at the same moment."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from conftest import HIGHLIGHTS, run_cli


def start(*args, stdin=None):
    return subprocess.Popen([sys.executable, "-m", "studykit", *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ))


def test_two_reviews_and_an_import_at_once(tmp_path):
    db = str(tmp_path / "deck.db")
    assert run_cli("import", str(HIGHLIGHTS / "pytorch-basics.md"),
                   str(HIGHLIGHTS / "deep-vision.md"), "--db", db).returncode == 0
    assert run_cli("config", "new_per_day", "100").returncode == 0
    answers = "\n3\n" * 15 + "q\n"
    reviews = [start("review", "--db", db, "--book", book) for book in ("动手写", "深度视觉")]
    importer = start("import", str(HIGHLIGHTS), "--db", db, "--json")
    outputs = [p.communicate(answers if p in reviews else None, timeout=120) for p in
               [*reviews, importer]]
    for proc, (_, err) in zip([*reviews, importer], outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err and "busy" not in err
    for out, _ in outputs[:2]:
        assert "Session: 15 cards" in out
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 30
        assert conn.execute("SELECT COUNT(*) FROM books").fetchone()[0] == 4
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
