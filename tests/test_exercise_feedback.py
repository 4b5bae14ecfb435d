"""Exercises and cards feed each other: a failed check brings linked cards back, a passed
exercise comes back to be solved again in `review --with-exercises`."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import run_cli

from studykit.exercises.progress import record

COURSE = Path(__file__).parent / "fixtures" / "course"
ID = "tensors/scale_rows"


@pytest.fixture(autouse=True)
def fixture_course(monkeypatch):
    monkeypatch.setenv("STUDYKIT_EXERCISES", str(COURSE))


def linked_review_card(deck, due="2031-01-01T00:00:00Z"):
    with deck.transaction() as c:
        c.execute("INSERT INTO books VALUES ('b', 't', NULL, 'markdown', NULL, 'x', 'x')")
        c.execute("INSERT INTO highlights (id, book_id, position, text, content_hash, "
                  "imported_at, updated_at) VALUES ('h', 'b', 0, '广播', 'x', 'x', 'x')")
        c.execute("INSERT INTO cards (id, highlight_id, book_id, kind, ordinal, front, back, "
                  "exercise_id, state, stability, difficulty, due, last_review, reps, "
                  "created_at, updated_at) VALUES ('h:cloze:1', 'h', 'b', 'cloze', 1, 'f', 'b',"
                  " ?, 2, 30, 5, ?, '2030-12-01T00:00:00Z', 4, 'x', 'x')", (ID, due))


def verdict(status):
    return {"id": ID, "status": status, "tests": [], "device": "cpu", "seconds": 0.1}


def test_a_failed_check_makes_linked_cards_due_now(deck):
    linked_review_card(deck)
    assert record(deck, verdict("fail")) == 1
    due = deck.conn.execute("SELECT due FROM cards").fetchone()[0]
    assert due < "2031-01-01T00:00:00Z"
    assert deck.conn.execute("SELECT COUNT(*) FROM exercise_schedule").fetchone()[0] == 0


def test_the_first_pass_schedules_a_re_solve(deck):
    linked_review_card(deck)
    assert record(deck, verdict("pass")) == 0
    assert deck.conn.execute("SELECT due FROM cards").fetchone()[0] == "2031-01-01T00:00:00Z"
    row = deck.conn.execute("SELECT state, reps FROM exercise_schedule").fetchone()
    assert tuple(row) == (1, 1)  # learning, first step
    record(deck, verdict("pass"))  # later passes outside review do not answer the schedule
    assert deck.conn.execute("SELECT reps FROM exercise_schedule").fetchone()[0] == 1


def test_review_with_exercises_checks_a_due_exercise(studykit_home):
    db = studykit_home / "deck.db"
    run_cli("exercise", "start", ID)
    shutil.copyfile(COURSE / "solutions" / "tensors" / "scale_rows.py",
                    studykit_home / "exercises" / "tensors" / "scale_rows.py")
    assert run_cli("exercise", "check", ID).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE exercise_schedule SET due = '2020-01-01T00:00:00Z'")
    out = run_cli("review", "--with-exercises", input="\nq\n")
    assert out.returncode == 0, out.stderr
    assert "exercise due · tensors/scale_rows" in out.stdout
    assert "tensors/scale_rows: pass → Good" in out.stdout
    with sqlite3.connect(db) as conn:
        reps, due = conn.execute("SELECT reps, due FROM exercise_schedule").fetchone()
    assert reps == 2 and due > "2026-01-01"
