"""`e` in review: the linked exercise's task, the learner's copy opened in $VISUAL/$EDITOR,
then back to the card, all in a real terminal."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from conftest import imported_deck
from pty_screen import Screen

COURSE = Path(__file__).parent / "fixtures" / "course"
ID = "tensors/scale_rows"
NOTES = """《广播笔记》

陈默
1个笔记


第一章 广播

◆ 广播机制让形状不同的张量按行相乘：x * f[:, None] 把每一行乘以它自己的因子。

-- 来自微信读书
"""
EDITOR = """#!/bin/sh
echo "# edited in the editor" >> "$1"
echo "EDITOR RAN ON $1"
"""


@pytest.fixture(autouse=True)
def fixture_course(monkeypatch):
    monkeypatch.setenv("STUDYKIT_EXERCISES", str(COURSE))


@pytest.fixture
def deck_file(tmp_path):
    db = imported_deck(tmp_path, NOTES)
    with sqlite3.connect(db) as conn:  # a one-exercise course has nothing to tell apart
        conn.execute("UPDATE cards SET exercise_id = ?", (ID,))
    return db


@pytest.fixture
def editor(tmp_path):
    script = tmp_path / "fake editor.sh"  # a space: the command is split like a shell would
    script.write_text(EDITOR, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def review(db, **env_changes) -> Screen:
    env = {k: v for k, v in os.environ.items() if k not in ("VISUAL", "EDITOR")}
    env.update(env_changes)
    return Screen("review", "--db", str(db), env=env)


def test_e_shows_the_task_opens_the_copy_in_the_editor_and_comes_back(deck_file, editor,
                                                                      studykit_home):
    term = review(deck_file, EDITOR=f"'{editor}'")
    term.expect("Space to reveal")
    term.send("e")
    term.expect("Scale each row of x")
    term.expect("o: create your copy and open it in fake editor.sh")
    copy = studykit_home / "exercises" / "tensors" / "scale_rows.py"
    assert not copy.exists()
    term.send("o")
    term.expect("EDITOR RAN ON")
    term.expect("back to the card")
    term.expect("Space to reveal")  # the card again
    term.send(" ")
    term.expect("3 Good")
    term.send("3")
    term.expect("next in")
    assert term.quit() == 0
    starter = (COURSE / "tensors" / "scale_rows.py").read_text()
    assert copy.read_text() == starter + "# edited in the editor\n"
    with sqlite3.connect(deck_file) as conn:
        assert conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 1


def test_e_on_the_back_then_any_key_returns_without_a_copy(deck_file, editor, studykit_home):
    term = review(deck_file, VISUAL=str(editor).replace(" ", "\\ "), EDITOR="false")
    term.expect("Space to reveal")
    term.send(" ")
    term.expect("4 Easy")
    term.send("e")
    term.expect("o: create your copy and open it in fake editor.sh")  # $VISUAL first
    term.send("x")
    term.expect("4 Easy")  # the back of the card again, still unanswered
    term.send("3")
    term.expect("next in")
    assert term.quit() == 0
    assert not (studykit_home / "exercises").exists()


def test_without_an_editor_o_creates_the_copy_and_says_where(deck_file, studykit_home):
    term = review(deck_file)
    term.expect("Space to reveal")
    term.send("e")
    term.expect(r"o: create your copy \(set \$EDITOR to open it too\)")
    term.send("o")
    term.expect("created")
    term.expect("back to the card")
    assert term.quit() == 0
    copy = studykit_home / "exercises" / "tensors" / "scale_rows.py"
    assert copy.read_text() == (COURSE / "tensors" / "scale_rows.py").read_text()
    assert str(copy) in term.text().replace("\n", "")


def test_an_editor_that_cannot_start_is_one_line_and_the_review_goes_on(deck_file,
                                                                          studykit_home):
    term = review(deck_file, EDITOR="/nonexistent/editor --wait")
    term.expect("Space to reveal")
    term.send("e")
    term.expect("any other key: back to the card")
    term.send("o")
    term.expect("could not start /nonexistent/editor: No such file or directory")
    term.expect("Space to reveal")
    assert term.quit() == 0
