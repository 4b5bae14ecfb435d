"""A review that says why it shows nothing, counts right in every mode, buries siblings,
undoes every action and can unbury: through the CLI (piped) and in a real terminal."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
from datetime import datetime, timedelta, timezone

import pexpect
import pytest
from conftest import run_cli

from studykit.deck import Deck, to_db_time

BOOKS = {"b1": "Python深度学习", "b2": "卷积之书"}


def make_deck(db, highlights=3, siblings=1, books=("b1",), chapter="第一章 张量"):
    """``highlights`` highlights per book, each with ``siblings`` cloze cards, all new."""
    with Deck(db) as deck, deck.transaction() as c:
        for book in books:
            c.execute("INSERT INTO books VALUES (?, ?, NULL, 'markdown', NULL, 'x', 'x')",
                      (book, BOOKS[book]))
            for i in range(highlights):
                hid = f"{book}-h{i}"
                c.execute("INSERT INTO highlights (id, book_id, chapter, position, text, "
                          "content_hash, imported_at, updated_at) VALUES (?,?,?,?,?,'h','x','x')",
                          (hid, book, chapter, i, f"划线 {i}"))
                for k in range(1, siblings + 1):
                    c.execute("INSERT INTO cards (id, highlight_id, book_id, kind, ordinal, "
                              "front, back, answer, created_at, updated_at) "
                              "VALUES (?,?,?,'cloze',?,?,?,?,'x','x')",
                              (f"{hid}:cloze:{k}", hid, book, k, f"{book} 卡片 {i}/{k} [...]",
                               f"{book} 卡片 {i}/{k} 答案", "答案"))
    return db


def make_due_reviews(db, card_ids):
    yesterday = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(days=1)
    with sqlite3.connect(db) as conn:
        conn.executemany(
            "UPDATE cards SET state = 2, stability = 5, difficulty = 5, due = ?, "
            "last_review = ?, reps = 3 WHERE id = ?",
            [(to_db_time(yesterday), to_db_time(yesterday - timedelta(days=5)), i)
             for i in card_ids])


def review(db, *args, keys=""):
    out = run_cli("review", "--db", str(db), *args, input=keys)
    assert out.returncode == 0, out.stderr
    return out.stdout


def headers(stdout):
    """The header counts of each card shown: (new, learning, review)."""
    return [tuple(map(int, m)) for m in
            re.findall(r"new (\d+) · learning (\d+) · review (\d+)", stdout)]


def shown(stdout):
    return re.findall(r"(b\d) 卡片 (\d+)/(\d+) \[\.\.\.\]", stdout)


def table(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def db(tmp_path):
    return tmp_path / "deck.db"


# -- why nothing is shown ---------------------------------------------------------------
def test_new_card_limit_says_how_many_wait_and_how_to_raise_it(db):
    make_deck(db, highlights=5)
    assert run_cli("config", "new_per_day", "2").returncode == 0
    out = review(db, keys=" \n4\n \n4\n")
    assert headers(out) == [(2, 0, 0), (1, 0, 0)]
    assert re.search(r"^Nothing due now — the next card is due in \d+d\.$", out, re.M)
    assert ("• 3 new cards wait: today's limit of 2 new cards is reached. Raise it with "
            "`studykit config new_per_day 12`, or for today only learn more with "
            "`studykit review --new 3`.") in out.splitlines()
    again = review(db, "--new", "1", keys=" \n4\n")  # today only: one more, then the limit
    assert headers(again) == [(1, 0, 0)]
    assert "• 2 new cards wait: today's limit of 2 new cards is reached." in again
    assert review(db).count("new cards wait") == 1  # --new was for that session only


def test_review_limit_says_how_many_due_reviews_wait(db):
    make_deck(db, highlights=3)
    make_due_reviews(db, ["b1-h0:cloze:1", "b1-h1:cloze:1", "b1-h2:cloze:1"])
    assert run_cli("config", "reviews_per_day", "1").returncode == 0
    out = review(db, keys=" \n3\n")
    assert headers(out) == [(0, 0, 1)]
    assert ("• 2 due reviews wait: today's limit of 1 review is reached. Raise it with "
            "`studykit config reviews_per_day 101`.") in out.splitlines()


def test_empty_deck_all_suspended_and_buried_each_say_so(db):
    assert "Nothing to review: no cards yet. Import notes with `studykit import PATH`." in (
        review(db))
    make_deck(db, highlights=2)
    table(db, "UPDATE cards SET suspended = 1")
    out = review(db)
    assert out.splitlines() == [
        "Nothing due now.",
        "• all 2 cards here are suspended: list them with `studykit cards --is suspended`, "
        "bring one back with `studykit unsuspend ID`."]
    table(db, "UPDATE cards SET suspended = 0")
    out = review(db, keys="b\nb\n")
    assert out.count("buried until tomorrow (u undoes it") == 2
    assert out.splitlines()[-2:] == [
        "Nothing due now — no card is scheduled for later yet.",
        "• 2 cards buried until tomorrow: `studykit unbury` brings them back now."]


def test_book_or_chapter_that_matches_nothing_names_the_closest(db):
    make_deck(db, books=("b1", "b2"))
    out = run_cli("review", "--db", str(db), "--book", "Pyhton深度", input="")
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr == ("studykit: error: no book matches 'Pyhton深度'; closest: "
                          "«Python深度学习», «卷积之书» — list the books with `studykit books` "
                          "and pass an id or part of a title\n")
    out = run_cli("review", "--db", str(db), "--book", "卷积", "--chapter", "张亮", input="")
    assert out.returncode == 1
    assert out.stderr.startswith("studykit: error: no chapter matches '张亮'; closest: "
                                 "«第一章 张量» — ")


def test_book_matching_folds_case_beyond_ascii(db):
    make_deck(db)
    table(db, "UPDATE books SET title = 'ÉCOLE DE TORCH'")
    out = review(db, "--book", "école", keys="q\n")
    assert "ÉCOLE DE TORCH" in out
    cards = run_cli("cards", "--db", str(db), "--book", "école", "--json")
    assert len(json.loads(cards.stdout)) == 3


def test_session_limit_and_counts_of_learning_cards_shown_early(db):
    make_deck(db, highlights=2)
    # Good on a new card: a learning step of 10 minutes. With nothing else left, the
    # learning cards are shown early (learn-ahead) and the header counts them.
    out = review(db, keys=" \n3\n \n3\n \n3\n")
    assert headers(out) == [(2, 0, 0), (1, 0, 0), (0, 2, 0), (0, 1, 0)]
    limited = review(db, "--limit", "1", keys=" \n3\n")
    assert limited.splitlines()[-1] == "Stopped after 1 card (--limit)."


# -- cram ----------------------------------------------------------------------------------
def test_cram_keeps_the_schedule_counts_by_state_and_skips_siblings(db):
    make_deck(db, highlights=3, siblings=2)
    make_due_reviews(db, ["b1-h0:cloze:1"])
    before = table(db, "SELECT * FROM cards ORDER BY id")
    out = review(db, "--cram", keys=" \n3\n \n3\n \n1\n \n3\n \n3\n")
    assert headers(out)[:2] == [(5, 0, 1), (4, 0, 0)]  # the answer took its sibling along
    assert "next in" not in out
    assert out.count("Good · cram: the schedule is unchanged") == 3
    assert out.count("Again · cram: the schedule is unchanged") == 1
    assert "Cram done: no cards left in this cram session; the schedule is unchanged." in out
    cards = shown(out)
    highlights = [c[1] for c in cards]
    assert len(set(highlights)) == 3  # one card of each highlight...
    assert len(cards) == 4  # ...and the one answered Again, once more
    assert table(db, "SELECT * FROM cards ORDER BY id") == before
    assert table(db, "SELECT COUNT(*) FROM review_log") == [(0,)]


# -- undo, bury, unbury, books ---------------------------------------------------------
def spawn_review(db, *extra):
    env = dict(os.environ, COLUMNS="100", LINES="40", TERM="xterm", NO_COLOR="1")
    return pexpect.spawn(sys.executable, ["-m", "studykit", "review", "--db", str(db), *extra],
                         env=env, encoding="utf-8", timeout=20, dimensions=(40, 100))


def test_u_undoes_suspend_bury_and_flag_in_a_real_terminal(db):
    make_deck(db, highlights=2)
    child = spawn_review(db)
    child.expect(r"new 2 · learning 0 · review 0")
    child.send("f")
    child.expect("flagged")
    child.send("s")
    child.expect(r"suspended \(u undoes it\)")
    child.expect(r"new 1 · learning 0 · review 0")
    child.send("u")
    child.expect("undone: suspend · back to that card")
    child.expect(r"new 2 · learning 0 · review 0")
    child.send("b")
    child.expect("buried until tomorrow")
    child.send("u")
    child.expect("undone: bury · back to that card")
    child.expect(r"new 2 · learning 0 · review 0")
    child.send("u")
    child.expect("undone: flag")
    child.send("u")
    child.expect("nothing to undo")
    child.send("q")
    child.expect(pexpect.EOF)
    assert table(db, "SELECT id, suspended, buried_until, flag FROM cards ORDER BY id") == [
        ("b1-h0:cloze:1", 0, None, 0), ("b1-h1:cloze:1", 0, None, 0)]


def test_answer_buries_siblings_and_unbury_brings_them_back(db):
    make_deck(db, highlights=2, siblings=3, books=("b1", "b2"))
    out = review(db, "--book", "Python", keys=" \n4\n")
    assert shown(out)[:2] == [("b1", "0", "1"), ("b1", "1", "1")]
    assert headers(out) == [(6, 0, 0), (3, 0, 0)]  # one answered, its two siblings buried
    assert table(db, "SELECT id FROM cards WHERE buried_until IS NOT NULL ORDER BY id") == [
        ("b1-h0:cloze:2",), ("b1-h0:cloze:3",)]
    books = {b["id"]: b for b in json.loads(
        run_cli("books", "--db", str(db), "--json").stdout)}
    assert {k: books["b1"][k] for k in ("new", "learning", "review", "due")} == {
        "new": 3, "learning": 0, "review": 0, "due": 0}
    assert books["b2"]["new"] == 6
    wrong = run_cli("unbury", "--db", str(db), "--book", "nope")
    assert wrong.returncode == 1 and "no book matches 'nope'" in wrong.stderr
    assert run_cli("unbury", "--db", str(db), "--book", "卷积").stdout == "unburied 0 cards\n"
    assert run_cli("unbury", "--db", str(db)).stdout == "unburied 2 cards\n"
    assert table(db, "SELECT COUNT(*) FROM cards WHERE buried_until IS NOT NULL") == [(0,)]


def test_books_counts_follow_the_daily_new_limit(db):
    make_deck(db, highlights=30, books=("b1", "b2"))
    make_due_reviews(db, ["b2-h0:cloze:1"])
    assert run_cli("config", "new_per_day", "20").returncode == 0
    out = run_cli("books", "--db", str(db), "--json")
    counts = {b["id"]: (b["new"], b["learning"], b["review"], b["cards"])
              for b in json.loads(out.stdout)}
    assert counts == {"b1": (20, 0, 0, 30), "b2": (20, 0, 1, 30)}
