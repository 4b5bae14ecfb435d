"""A huge card (a 20 MB one-line highlight) is drawn as a screenful with a note saying how
much is hidden and how to see it whole; review, quiz and listings stay responsive. What
is checked is how much is drawn (bounded by the screen), never how long it takes."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from rich.cells import cell_len

from studykit.cli.render import hidden_note, screenful
from studykit.deck import Deck
from studykit.importer import import_paths

UNIT = "梯度下降 optimizer.zero_grad() 清空梯度，"
HUGE = UNIT * (20_000_000 // len(UNIT.encode("utf-8")))  # ~20 MB of UTF-8, one line
SCREEN = {"COLUMNS": "100", "LINES": "40"}


def test_short_text_is_whole():
    assert screenful("短的卡片\nshort card", width=80, rows=10) == ("短的卡片\nshort card", 0)


def test_lines_beyond_the_screen_are_counted_as_hidden():
    assert screenful("a\nb\nc\nd", width=80, rows=2) == ("a\nb", 3)


def test_a_long_line_is_cut_at_the_screen_counting_wide_characters_twice():
    shown, hidden = screenful("x" * 1000, width=80, rows=3)
    assert (len(shown), hidden) == (240, 760)
    shown, hidden = screenful("梯" * 1000, width=80, rows=3)
    assert (len(shown), hidden, cell_len(shown)) == (120, 880, 240)


def test_a_huge_one_line_card_gives_one_screenful():
    shown, hidden = screenful(HUGE, width=96, rows=31)
    assert cell_len(shown) <= 96 * 31
    assert len(shown) + hidden == len(HUGE)
    assert shown == HUGE[:len(shown)]


def test_a_blank_beyond_the_first_screenful_is_kept_in_view():
    text = "前文" * 5000 + "[...]" + "后文" * 5000
    shown, hidden = screenful(text, width=80, rows=10, focus="[...]")
    assert shown.startswith("…") and "[...]" in shown
    assert len(shown) - 1 + hidden == len(text)


def test_the_note_says_how_much_is_hidden_and_how_to_see_it():
    assert hidden_note("h1:cloze:1", 10_998_933) == (
        "… 10,998,933 more characters not shown: see the card whole with "
        "`studykit cards --id h1:cloze:1 --full`")


@pytest.fixture
def huge_deck(tmp_path):
    notes = tmp_path / "huge.md"
    notes.write_text("# 大书\n\n## 第一章\n\n> 每一步训练开始前都要调用 optimizer.zero_grad() "
                     "清空上一步留下的旧梯度，否则新的梯度会累加到旧梯度上。\n",
                     "utf-8")
    db = tmp_path / "deck.db"
    with Deck(db) as deck:
        assert not import_paths(deck, [notes]).failed
        with deck.transaction() as conn:  # as a 20 MB highlight would make it
            conn.execute("UPDATE cards SET front = ? || ' [...] ' || ?, back = ?",
                         (HUGE, HUGE[:1000], HUGE))
        card_id = deck.conn.execute("SELECT id FROM cards WHERE kind = 'cloze'").fetchone()[0]
    return db, card_id


def flat(out: str) -> str:
    """The output with the panels' borders and line breaks taken out."""
    return re.sub(r"[\s│]+", " ", out)


def studykit(*args, stdin=""):
    out = subprocess.run([sys.executable, "-m", "studykit", *args], input=stdin,
                         capture_output=True, text=True, timeout=600,  # a guard, not a check
                         env=dict(os.environ, **SCREEN))
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_review_draws_a_screenful_of_each_side(huge_deck):
    db, card_id = huge_deck
    out = studykit("review", "--db", str(db), "--limit", "1", stdin=" \n3\n")
    assert "Good · next in" in out
    assert flat(out).count(f"studykit cards --id {card_id} --full") == 2  # front and back
    assert "more characters not shown" in flat(out)
    assert len(out) < 40_000  # two screenfuls of 100 x 40, not 40 MB


def test_quiz_draws_a_screenful(huge_deck):
    db, _ = huge_deck
    out = studykit("quiz", "--db", str(db), "--kind", "cloze", "-n", "1", "--seed", "1",
                   stdin="q\n")
    assert "more characters not shown" in flat(out)
    assert len(out) < 20_000


def test_listings_stay_small_and_full_shows_the_card_whole(huge_deck):
    db, card_id = huge_deck
    listing = studykit("cards", "--db", str(db))
    assert card_id[:12] in listing and len(listing) < 5_000
    assert len(studykit("books", "--db", str(db))) < 5_000
    whole = studykit("cards", "--db", str(db), "--id", card_id, "--full")
    assert whole.startswith(f"id: {card_id}\n")
    assert HUGE in whole and whole.count(HUGE) == 2  # the front and the back, whole
