"""kill -9 at random points: the deck stays consistent, file by file and answer by answer."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from studykit.deck import from_db_time

BOOK = """---
doc_type: weread-highlights-reviews
bookId: "{book}"
title: 书{book}
---
# 高亮划线
## 第一章
{lines}
"""


def write_library(folder, files=60, per_file=60):
    folder.mkdir()
    for b in range(files):
        lines = "\n".join(
            f"> 📌 第{b}本书的第{i}条划线：调用 optimizer.zero_grad() 清空梯度。\n"
            f"> ⏱ 2024-01-01 10:00:00 ^{b}-1-{i}-{i + 9}" for i in range(per_file))
        (folder / f"b{b:03}.md").write_text(BOOK.format(book=b, lines=lines), "utf-8")


def consistent(db) -> tuple[int, int]:
    """Every recorded file has exactly its highlights and cards; nothing half-written."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sources = dict(conn.execute("SELECT path, highlights FROM sources"))
        per_file = dict(conn.execute(
            "SELECT source_file, COUNT(*) FROM highlights GROUP BY source_file"))
        assert per_file == sources
        orphans = conn.execute("SELECT COUNT(*) FROM highlights h WHERE NOT EXISTS "
                               "(SELECT 1 FROM cards c WHERE c.highlight_id = h.id)").fetchone()
        assert orphans[0] == 0
        return len(sources), sum(sources.values())


@pytest.mark.slow
def test_kill_import_at_random_points(tmp_path):
    library = tmp_path / "library"
    write_library(library, files=200, per_file=40)
    rng = random.Random(2026)
    landed_mid_import = 0
    for trial in range(20):
        db = tmp_path / f"deck{trial}.db"
        proc = subprocess.Popen([sys.executable, "-m", "studykit", "import", str(library),
                                 "--db", str(db), "--json"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if db.exists():
            files, _ = consistent(db)
            landed_mid_import += 0 < files < 200
    print("kills that landed mid-import:", landed_mid_import)
    assert landed_mid_import >= 5, landed_mid_import
    done = subprocess.run([sys.executable, "-m", "studykit", "import", str(library), "--db",
                           str(db)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert consistent(db) == (200, 8000)


def answered_consistently(db) -> int:
    """Every card's schedule is the one its last logged answer left, or untouched when it
    has none: no answer half-written. Returns how many answers were logged."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        last = {card: json.loads(after) for card, after in conn.execute(
            "SELECT card_id, state_after FROM review_log ORDER BY id")}
        for card, state, reps, lapses, due in conn.execute(
                "SELECT id, state, reps, lapses, due FROM cards"):
            after = last.get(card)
            if after is None:
                assert (state, reps, lapses, due) == (0, 0, 0, None), card
            else:
                assert (state, reps, lapses) == (after["state"], after["reps"], after["lapses"])
                assert from_db_time(due).isoformat() == after["due"], card
        return conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0]


@pytest.mark.slow
def test_kill_review_mid_answer_at_random_points(tmp_path):
    home = tmp_path / "home"
    env = dict(os.environ, STUDYKIT_HOME=str(home))
    write_library(tmp_path / "library", files=4, per_file=60)
    template = tmp_path / "template.db"
    for argv in (["import", str(tmp_path / "library"), "--db", str(template)],
                 ["config", "new_per_day", "1000"]):
        subprocess.run([sys.executable, "-m", "studykit", *argv], env=env, check=True,
                       capture_output=True)
    rng = random.Random(7)
    mid_session = 0
    for trial in range(10):
        db = tmp_path / f"deck{trial}.db"
        shutil.copyfile(template, db)
        proc = subprocess.Popen([sys.executable, "-m", "studykit", "review", "--db", str(db)],
                                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=env, text=True)
        proc.stdin.write(" \n3\n" * 2000)  # reveal, Good: far more than it gets through
        proc.stdin.flush()
        time.sleep(rng.uniform(0.5, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdin.close()
        mid_session += answered_consistently(db) > 0
    assert mid_session >= 5, mid_session
