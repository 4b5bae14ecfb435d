"""`studykit review` end to end: a real pseudo-terminal, piped input, and a kill."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys

import pexpect
import pytest
from conftest import imported_deck, run_cli

NOTES = """《反向传播笔记》

陈默
3个笔记


第一章 计算图

◆ 调用 loss.backward() 会沿计算图反向传播，把梯度累加到叶子节点的 grad 属性上。

◆ 在 torch.no_grad() 里做推理不会记录计算图，可以节省显存。

◆ 每一步训练前都要调用 optimizer.zero_grad() 清空上一步留下的梯度。

-- 来自微信读书
"""


@pytest.fixture
def deck_file(tmp_path):
    return imported_deck(tmp_path, NOTES)


def spawn_review(db, *extra):
    env = dict(os.environ, COLUMNS="100", LINES="40", TERM="xterm")
    return pexpect.spawn(sys.executable, ["-m", "studykit", "review", "--db", str(db), *extra],
                         env=env, encoding="utf-8", timeout=20, dimensions=(40, 100))


def log_rows(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT card_id, rating FROM review_log ORDER BY id").fetchall()


def test_reveal_grade_undo_quit_in_a_real_terminal(deck_file):
    child = spawn_review(deck_file)
    child.expect("反向传播笔记")
    child.expect("Space to reveal")
    child.send(" ")
    child.expect(r"3 Good · 10m")
    child.send("3")
    child.expect("next in 10m")
    child.expect("Space to reveal")
    child.send("u")
    child.expect("undone")
    child.expect("Space to reveal")
    child.send(" ")
    child.expect("1 Again")
    child.send("1")
    child.expect("next in 1m")
    child.send("q")
    child.expect(r"Session: 1 card · again 100%")
    child.expect(pexpect.EOF)
    rows = log_rows(deck_file)
    assert len(rows) == 1 and rows[0][1] == 1


def test_piped_input_works_line_by_line(deck_file):
    out = run_cli("review", "--db", str(deck_file), input="\n3\n \n4\nq\n")
    assert out.returncode == 0, out.stderr
    assert "Session: 2 cards · again 0%" in out.stdout
    assert [r[1] for r in log_rows(deck_file)] == [3, 4]


def test_end_of_input_ends_the_session_cleanly(deck_file):
    out = run_cli("review", "--db", str(deck_file), input="\n3\n")
    assert out.returncode == 0
    assert "Session: 1 card ·" in out.stdout


def test_kill_mid_session_keeps_answered_cards(deck_file):
    child = spawn_review(deck_file)
    for rating in ("3", "4"):
        child.expect("Space to reveal")
        child.send(" ")
        child.expect("4 Easy")
        child.send(rating)
    child.expect("Space to reveal")
    child.send(" ")
    child.expect("4 Easy")  # the third card is revealed, not answered
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    assert [r[1] for r in log_rows(deck_file)] == [3, 4]
    with sqlite3.connect(deck_file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        states = dict(conn.execute("SELECT id, reps FROM cards"))
    assert sorted(states.values())[-3:] == [0, 1, 1]  # two answered, the third not
    assert sum(states.values()) == 2


def test_nothing_due_message(tmp_path):
    out = run_cli("review", "--db", str(tmp_path / "empty.db"), input="")
    assert "Nothing to review: no cards yet. Import notes with `studykit import PATH`." in out.stdout


def test_two_review_processes_at_once_lose_nothing(deck_file):
    import subprocess

    env = dict(os.environ)
    procs = [subprocess.Popen([sys.executable, "-m", "studykit", "review", "--db",
                               str(deck_file), "--cram" if i else "--limit=3"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for i in range(2)]
    outs = [p.communicate("\n3\n\n3\n\n3\nq\n", timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert len(log_rows(deck_file)) == 3


def test_a_narrow_terminal_crops_the_book_in_the_header_never_the_counts_or_clock(
        deck_file, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    out = run_cli("review", "--db", str(deck_file), "--cram", input="q\n")
    assert out.returncode == 0, out.stderr
    header = next(line for line in out.stdout.splitlines() if "cram · new" in line)
    assert "反向传" in header and "…" in header
    assert header.rstrip("─╮").rstrip().endswith("review 0 · 0:00"), header
