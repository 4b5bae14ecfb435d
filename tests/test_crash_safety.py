"""kill -9 at chosen points: the deck stays consistent, file by file and answer by answer.

Each deterministic trial runs the real ``studykit`` in a child process that stops at an
exact point (before or after the N-th call of a function: inside a file's transaction,
after a commit, between an answer's writes), says so on stderr and waits there; the test
reads that line, then kills the child with SIGKILL. What must survive is then exact (N-1
files, N answers...), whatever the machine's speed. Kills at random times are kept as
extra trials (slow) that check consistency only, with no count of where they landed.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from studykit.deck import Deck, from_db_time
from studykit.deck.identity import NEW, identify

BOOK = """---
doc_type: weread-highlights-reviews
bookId: "{book}"
title: 书{book}
---
# 高亮划线
## 第一章
{lines}
"""

PAUSED = "STUDYKIT-PAUSED"
CHILD = f"""
import importlib, os, sys, time
where, when, nth = os.environ["STUDYKIT_PAUSE_AT"].rsplit(":", 2)
module_name, _, path = where.partition(":")
owner = importlib.import_module(module_name)
*parents, name = path.split(".")
for parent in parents:
    owner = getattr(owner, parent)
real, calls = getattr(owner, name), [0]

def pause():
    sys.stderr.write("{PAUSED}\\n")
    sys.stderr.flush()
    time.sleep(3600)  # killed here

def paused(*args, **kwargs):
    calls[0] += 1
    if when == "before" and calls[0] == int(nth):
        pause()
    result = real(*args, **kwargs)
    if when == "after" and calls[0] == int(nth):
        pause()
    return result

setattr(owner, name, paused)
sys.argv = ["studykit", *sys.argv[1:]]
from studykit.cli import main
main()
"""


def write_library(folder, files=20, per_file=10):
    folder.mkdir()
    for b in range(files):
        lines = "\n".join(
            f"> 📌 第{b}本书的第{i}条划线：每一步训练开始前都要调用 optimizer.zero_grad() "
            f"清空上一步留下的旧梯度，否则新的梯度会累加到旧梯度上。\n"
            f"> ⏱ 2024-01-01 10:00:00 ^{b}-1-{i}-{i + 9}" for i in range(per_file))
        (folder / f"b{b:03}.md").write_text(BOOK.format(book=b, lines=lines), "utf-8")


def start_paused(args: list[str], point: str, *, stdin: str = "", env=None):
    """Start studykit with ``args`` and return once it has stopped at ``point`` (the child
    leads its own process group, with the import's worker processes)."""
    env = dict(env or os.environ, STUDYKIT_PAUSE_AT=point)
    proc = subprocess.Popen([sys.executable, "-c", CHILD, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            text=True, start_new_session=True)
    try:
        proc.stdin.write(stdin)
        proc.stdin.flush()
        seen = []
        for line in proc.stderr:
            if line.strip() == PAUSED:
                return proc
            seen.append(line)
        pytest.fail(f"studykit ended before {point}: {''.join(seen)[-2000:]}")
    except BaseException:
        end_group(proc)
        raise


def end_group(proc) -> None:
    with contextlib.suppress(ProcessLookupError):  # none left
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdin.close()
    proc.stderr.close()


def kill_when_paused(args: list[str], point: str, *, stdin: str = "", env=None) -> None:
    """Run studykit with ``args`` until it stops at ``point``, then kill -9 it."""
    proc = start_paused(args, point, stdin=stdin, env=env)
    end_group(proc)
    assert proc.returncode == -signal.SIGKILL


def consistent(db) -> tuple[int, int]:
    """Every recorded file has exactly its highlights and cards; nothing half-written."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sources = dict(conn.execute("SELECT path, highlights FROM sources"))
        per_file = dict(conn.execute(
            "SELECT source_file, COUNT(*) FROM highlights GROUP BY source_file"))
        assert per_file == sources
        orphans = conn.execute("SELECT COUNT(*) FROM highlights h WHERE NOT EXISTS "
                               "(SELECT 1 FROM cards c WHERE c.highlight_id = h.id)").fetchone()
        assert orphans[0] == 0
        return len(sources), sum(sources.values())
    finally:
        conn.close()


def studykit(*args, env=None) -> None:
    done = subprocess.run([sys.executable, "-m", "studykit", *args], capture_output=True,
                          text=True, env=env)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash") / "library"
    write_library(folder)  # 20 files: prepared by worker processes
    return folder


@pytest.mark.parametrize(("point", "files_kept"), [
    ("studykit.deck.imports:insert_cards:before:1", 0),  # inside the first file's transaction
    ("studykit.deck.imports:insert_cards:before:7", 6),  # highlights of file 7 written, no cards
    ("studykit.deck.imports:record_source:after:12", 11),  # all of file 12 but its COMMIT
    ("studykit.importer:write_prepared:after:5", 5),  # file 5 committed
])
def test_kill_import_at_a_chosen_point_keeps_whole_files(library, tmp_path, point, files_kept):
    db = tmp_path / "deck.db"
    kill_when_paused(["import", str(library), "--db", str(db), "--json"], point)
    assert consistent(db) == (files_kept, files_kept * 10)
    studykit("import", str(library), "--db", str(db))  # the next import finishes the job
    assert consistent(db) == (20, 200)


def test_kill_while_the_deck_is_created_leaves_a_file_the_next_run_creates_again(library,
                                                                                 tmp_path):
    db = tmp_path / "deck.db"
    kill_when_paused(["import", str(library), "--db", str(db), "--json"],
                     "studykit.deck:_statements:after:1")  # inside the first migration
    assert identify(db) == NEW  # an SQLite file without tables: no half-made deck
    studykit("import", str(library), "--db", str(db))
    assert consistent(db) == (20, 200)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_import_workers_end_quietly_with_a_killed_import(library, tmp_path):
    proc = start_paused(["import", str(library), "--db", str(tmp_path / "deck.db"), "--json"],
                        "studykit.importer:write_prepared:after:1")
    try:
        with open(f"/proc/{proc.pid}/task/{proc.pid}/children") as f:
            assert len(f.read().split()) >= 2  # 20 files are prepared by a pool of workers
        os.kill(proc.pid, signal.SIGKILL)  # the import alone, not its process group
        proc.wait()
        rest: list[str] = []  # what the workers write to the shared stderr until they end
        reader = threading.Thread(target=lambda: rest.append(proc.stderr.read()), daemon=True)
        reader.start()
        reader.join(timeout=300)  # a guard against a hang, not a measure of speed
        assert rest, "a worker outlived the import"
        assert "Traceback" not in rest[0]  # no worker failing later with a broken pipe
    finally:
        end_group(proc)


def test_kill_mid_reimport_of_an_edited_file_keeps_the_old_version(library, tmp_path):
    db = tmp_path / "deck.db"
    notes = tmp_path / "notes"
    shutil.copytree(library, notes)
    studykit("import", str(notes), "--db", str(db))
    edited = notes / "b003.md"
    edited.write_text(edited.read_text("utf-8").replace("清空上一步", "清零上一步"), "utf-8")
    kill_when_paused(["import", str(notes), "--db", str(db)],
                     "studykit.deck.imports:update_highlights:after:1")
    assert consistent(db) == (20, 200)
    conn = sqlite3.connect(db)
    try:
        texts = [t for (t,) in conn.execute("SELECT text FROM highlights WHERE book_id IN "
                                            "(SELECT id FROM books WHERE title = '书3')")]
    finally:
        conn.close()
    assert len(texts) == 10 and all("清空上一步" in t for t in texts)


def answered_consistently(db) -> int:
    """Every card's schedule is the one its last logged answer left, or untouched when it
    has none: no answer half-written. Returns how many answers were logged."""
    conn = sqlite3.connect(db)
    try:
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
    finally:
        conn.close()


@pytest.fixture(scope="module")
def review_template(tmp_path_factory):
    """A deck of 4 books x 60 highlights, and a home allowing 1000 new cards a day."""
    base = tmp_path_factory.mktemp("review")
    env = dict(os.environ, STUDYKIT_HOME=str(base / "home"))
    write_library(base / "library", files=4, per_file=60)
    studykit("import", str(base / "library"), "--db", str(base / "template.db"), env=env)
    studykit("config", "new_per_day", "1000", env=env)
    return base / "template.db", env


ANSWERS = " \n3\n" * 2000  # reveal, Good: far more than it gets through


@pytest.mark.parametrize(("point", "answers_kept"), [
    ("studykit.deck.review:bury_siblings:before:1", 0),  # first answer written, not committed
    ("studykit.deck.review:bury_siblings:before:6", 5),
    ("studykit.review:ReviewSession.answer:after:4", 4),  # the fourth answer committed
])
def test_kill_review_at_a_chosen_answer_keeps_whole_answers(review_template, tmp_path, point,
                                                           answers_kept):
    template, env = review_template
    db = tmp_path / "deck.db"
    shutil.copyfile(template, db)
    kill_when_paused(["review", "--db", str(db)], point, stdin=ANSWERS, env=env)
    assert answered_consistently(db) == answers_kept


# -- extra trials at random times: consistency only, no count of where the kills land ----

def kill_at_random(args, delay: float, *, stdin: str = "", env=None) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "studykit", *args], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            text=True, start_new_session=True)
    try:
        proc.stdin.write(stdin)
        proc.stdin.flush()
        time.sleep(delay)
    finally:
        end_group(proc)  # it may have finished already: then there is nothing to kill


@pytest.mark.slow
def test_kill_import_at_random_times(tmp_path):
    library = tmp_path / "library"
    write_library(library, files=200, per_file=40)
    rng = random.Random(2026)
    for trial in range(10):
        db = tmp_path / f"deck{trial}.db"
        kill_at_random(["import", str(library), "--db", str(db), "--json"], rng.uniform(0.3, 1.3))
        if db.exists():
            Deck(db).close()  # killed while it was being created: it is created again
            consistent(db)
    studykit("import", str(library), "--db", str(db))
    assert consistent(db) == (200, 8000)


@pytest.mark.slow
def test_kill_review_at_random_times(review_template, tmp_path):
    template, env = review_template
    rng = random.Random(7)
    for trial in range(10):
        db = tmp_path / f"deck{trial}.db"
        shutil.copyfile(template, db)
        kill_at_random(["review", "--db", str(db)], rng.uniform(0.5, 2.0), stdin=ANSWERS,
                       env=env)
        answered_consistently(db)


def test_a_worker_killed_mid_import_stops_it_with_one_line_and_keeps_the_files_before(
        tmp_path, monkeypatch):
    """A prepare worker killed (the OOM killer, say) at the 6th file: the import ends with a
    StudykitError (one line and a remedy at the CLI), not a hang; the files written before
    it (the results still in flight are dropped) are whole, and importing again finishes."""
    from studykit import importer
    from studykit.errors import StudykitError

    folder = tmp_path / "library"
    write_library(folder)
    real = importer.prepare

    def dies_on_the_sixth(job):
        if job.path.name == "b005.md":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(job)

    monkeypatch.setattr(importer, "prepare", dies_on_the_sixth)
    db = tmp_path / "deck.db"
    with Deck(db) as deck, pytest.raises(StudykitError, match="the import stopped: a worker"):
        importer.import_paths(deck, [folder])
    files, highlights = consistent(db)
    assert files <= 5 and highlights == files * 10
    monkeypatch.setattr(importer, "prepare", real)
    with Deck(db) as deck:
        importer.import_paths(deck, [folder])
    assert consistent(db) == (20, 200)
