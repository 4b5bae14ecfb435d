"""The review queue and session: order, limits, learn-ahead, burying, undo, leeches."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from studykit.config import Config
from studykit.deck.review import Filters
from studykit.review import ReviewSession
from studykit.scheduler import AGAIN, EASY, GOOD, REVIEW, CardState

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)  # 10:00 UTC = 18:00 in Shanghai
CONFIG = Config(timezone="Asia/Shanghai")


class Clock:
    def __init__(self, now=T0):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **kw):
        self.now += timedelta(**kw)


def add_cards(deck, n, *, book="b1", title="张量手册", chapter="第一章", per_highlight=1):
    with deck.transaction() as c:
        c.execute("INSERT OR IGNORE INTO books VALUES (?, ?, NULL, 'markdown', NULL, 'x', 'x')",
                  (book, title))
        for i in range(n):
            hid = f"{book}-h{i}"
            c.execute("INSERT INTO highlights (id, book_id, chapter, position, text, "
                      "content_hash, imported_at, updated_at) VALUES (?,?,?,?,?, 'h','x','x')",
                      (hid, book, chapter, i, f"第{i}条划线"))
            for k in range(per_highlight):
                c.execute("INSERT INTO cards (id, highlight_id, book_id, kind, ordinal, front, "
                          "back, created_at, updated_at) VALUES (?,?,?,'cloze',?,?,?,'x','x')",
                          (f"{hid}:cloze:{k + 1}", hid, book, k + 1, f"front {i}/{k}", "back"))


def make_due_review(deck, card_id, due):
    deck.conn.execute("UPDATE cards SET state = 2, stability = 5, difficulty = 5, due = ?, "
                      "last_review = ?, reps = 3 WHERE id = ?",
                      (due.strftime("%Y-%m-%dT%H:%M:%SZ"),
                       (due - timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ"), card_id))


def session(deck, clock, config=CONFIG, **kw):
    return ReviewSession(deck, config, clock=clock, **kw)


def test_order_is_learning_then_review_then_new(deck):
    add_cards(deck, 3)
    clock = Clock()
    make_due_review(deck, "b1-h2:cloze:1", T0 - timedelta(days=1))
    s = session(deck, clock)
    first = s.next_card()
    assert (first.id, first.queue) == ("b1-h2:cloze:1", "review")
    s.answer(first, GOOD)
    new = s.next_card()
    assert (new.id, new.queue) == ("b1-h0:cloze:1", "new")
    s.answer(new, AGAIN)  # learning, due in 1 minute
    clock.advance(minutes=2)
    assert s.next_card().id == "b1-h0:cloze:1"


def test_new_card_limit_counts_cards_introduced_today(deck):
    add_cards(deck, 5)
    clock = Clock()
    s = session(deck, clock, replace(CONFIG, new_per_day=2, learn_ahead_minutes=0))
    for _ in range(2):
        s.answer(s.next_card(), GOOD)
    assert s.next_card() is None
    assert s.remaining()["new"] == 0
    fresh = session(deck, clock, replace(CONFIG, new_per_day=2, learn_ahead_minutes=0))
    assert fresh.next_card() is None  # the limit holds across sessions on the same day
    clock.advance(days=1)
    assert session(deck, clock, replace(CONFIG, new_per_day=2)).next_card().queue in (
        "learning", "new")


def test_review_limit(deck):
    add_cards(deck, 3)
    for i in range(3):
        make_due_review(deck, f"b1-h{i}:cloze:1", T0 - timedelta(hours=1))
    s = session(deck, Clock(), replace(CONFIG, reviews_per_day=2, new_per_day=0))
    answered = 0
    while (card := s.next_card()) is not None and card.queue == "review":
        s.answer(card, GOOD)
        answered += 1
    assert answered == 2


def test_learn_ahead_shows_learning_cards_due_soon_at_the_end(deck):
    add_cards(deck, 1)
    clock = Clock()
    s = session(deck, clock)
    card = s.next_card()
    s.answer(card, GOOD)  # step 1 -> due in 10 minutes
    again = s.next_card()
    assert again.id == card.id and again.queue == "learning"
    no_ahead = session(deck, clock, replace(CONFIG, learn_ahead_minutes=5))
    assert no_ahead.next_card() is None
    assert no_ahead.next_due_in() == timedelta(minutes=10)


def test_siblings_are_buried_for_the_rest_of_the_day(deck):
    add_cards(deck, 2, per_highlight=2)
    clock = Clock()
    s = session(deck, clock)
    first = s.next_card()
    assert first.id == "b1-h0:cloze:1"
    s.answer(first, GOOD)
    assert s.next_card().id == "b1-h1:cloze:1"
    buried = deck.conn.execute("SELECT buried_until FROM cards WHERE id = 'b1-h0:cloze:2'"
                               ).fetchone()[0]
    assert buried == "2026-03-02T20:00:00Z"  # 4 am in Shanghai the next day
    clock.now = datetime(2026, 3, 2, 20, 0, 1, tzinfo=timezone.utc)
    assert session(deck, clock).remaining()["new"] == 3  # h0:2 is back beside h1:1, h1:2


def test_filters_by_book_and_chapter(deck):
    add_cards(deck, 2, book="b1", title="张量手册", chapter="第一章")
    add_cards(deck, 2, book="b2", title="卷积之书", chapter="第二章 池化")
    assert session(deck, Clock(), filters=Filters(book="卷积")).next_card().id == "b2-h0:cloze:1"
    assert session(deck, Clock(), filters=Filters(chapter="池化")).next_card().book_title == "卷积之书"
    assert session(deck, Clock(), filters=Filters(book="b1")).next_card().id == "b1-h0:cloze:1"


def test_limit_stops_the_session(deck):
    add_cards(deck, 5)
    s = session(deck, Clock(), limit=2)
    s.answer(s.next_card(), GOOD)
    s.answer(s.next_card(), GOOD)
    assert s.next_card() is None


def test_cram_leaves_the_schedule_unchanged(deck):
    add_cards(deck, 3)
    make_due_review(deck, "b1-h1:cloze:1", T0 + timedelta(days=30))
    before = [tuple(r) for r in deck.conn.execute("SELECT * FROM cards ORDER BY id")]
    s = session(deck, Clock(), cram=True)
    seen = []
    while (card := s.next_card()) is not None:
        seen.append(card.id)
        s.answer(card, GOOD)
    assert sorted(seen) == ["b1-h0:cloze:1", "b1-h1:cloze:1", "b1-h2:cloze:1"]
    assert [tuple(r) for r in deck.conn.execute("SELECT * FROM cards ORDER BY id")] == before
    assert deck.conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 0


def test_undo_restores_card_row_and_log_exactly(deck):
    add_cards(deck, 2, per_highlight=2)
    clock = Clock()
    s = session(deck, clock)
    snapshot = [tuple(r) for r in deck.conn.execute("SELECT * FROM cards ORDER BY id")]
    first = s.next_card()
    s.answer(first, GOOD)
    clock.advance(seconds=5)
    second = s.next_card()
    s.answer(second, AGAIN)
    assert deck.conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 2
    assert s.undo().card.id == second.id
    assert s.undo().card.id == first.id
    assert s.undo() is None
    rows = [tuple(r) for r in deck.conn.execute("SELECT * FROM cards ORDER BY id")]
    strip = [r[:-1] for r in rows]  # updated_at changes
    assert strip == [r[:-1] for r in snapshot]
    assert deck.conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 0
    assert s.next_card().id == first.id


def test_answer_then_undo_then_same_answer_gives_the_same_state(deck):
    add_cards(deck, 1)
    make_due_review(deck, "b1-h0:cloze:1", T0 - timedelta(days=1))
    s = session(deck, Clock())
    card = s.next_card()
    s.answer(card, GOOD)
    first = deck.conn.execute("SELECT due, stability FROM cards").fetchone()
    s.undo()
    s.answer(s.next_card(), GOOD)
    assert tuple(deck.conn.execute("SELECT due, stability FROM cards").fetchone()) == tuple(first)


def test_leech_is_tagged_and_suspended_at_the_threshold(deck):
    add_cards(deck, 1)
    clock = Clock()
    s = session(deck, clock, replace(CONFIG, leech_threshold=2))
    notices = []
    card = s.next_card()
    for _ in range(10):
        if card is None:
            break
        if card.state.state == REVIEW:
            notices.append(s.answer(card, AGAIN))
        else:
            s.answer(card, GOOD)
        clock.advance(days=40)
        card = s.next_card()
    row = deck.conn.execute("SELECT lapses, suspended, suspend_reason, tags FROM cards").fetchone()
    assert tuple(row) == (2, 1, "leech", "leech")
    assert [n for n in notices if n] == [
        "This card has lapsed 2 times: tagged leech and suspended. Rewrite it, or unsuspend it "
        "with `studykit unsuspend`."]


def test_suspended_and_buried_cards_are_never_shown(deck):
    add_cards(deck, 3)
    s = session(deck, Clock())
    s.suspend(s.next_card())
    s.bury(s.next_card())
    assert s.next_card().id == "b1-h2:cloze:1"


def test_every_answer_is_logged_with_states(deck):
    add_cards(deck, 1)
    s = session(deck, Clock())
    s.answer(s.next_card(), GOOD, duration_ms=1234)
    row = deck.conn.execute("SELECT card_id, rating, reviewed_at, duration_ms, state_before, "
                            "state_after FROM review_log").fetchone()
    assert tuple(row)[:4] == ("b1-h0:cloze:1", 3, "2026-03-02T10:00:00Z", 1234)
    assert CardState.from_dict(json.loads(row["state_before"])) == CardState()
    assert json.loads(row["state_after"])["step"] == 1


@pytest.mark.parametrize(("utc_hour", "tz", "expected_day_start"), [
    (19, "Asia/Shanghai", "2026-03-01T20:00:00Z"),  # 03:00 local: still the previous day
    (20, "Asia/Shanghai", "2026-03-02T20:00:00Z"),  # 04:00 local: a new day
    (8, "America/New_York", "2026-03-01T09:00:00Z"),  # 03:00 EST
    (9, "America/New_York", "2026-03-02T09:00:00Z"),  # 04:00 EST
])
def test_day_boundaries_follow_the_day_start_hour_and_zone(utc_hour, tz, expected_day_start):
    from studykit.days import day_bounds, zone
    from studykit.deck import to_db_time

    moment = datetime(2026, 3, 2, utc_hour, 0, tzinfo=timezone.utc)
    start, end = day_bounds(moment, zone(tz), 4)
    assert to_db_time(start) == expected_day_start
    assert end - start == timedelta(days=1)


def test_cram_answer_drops_siblings_for_the_session_and_undo_brings_them_back(deck):
    add_cards(deck, 2, per_highlight=3)
    s = session(deck, Clock(), cram=True)
    first = s.next_card()
    assert s.remaining() == {"new": 6, "learning": 0, "review": 0}
    s.answer(first, AGAIN)
    assert s.remaining() == {"new": 4, "learning": 0, "review": 0}  # h1's three, first again
    assert s.next_card().highlight_id != first.highlight_id
    undone = s.undo()
    assert undone.card.id == first.id and s.remaining()["new"] == 6
    assert [s.next_card().id] == [first.id]


def test_undo_takes_back_suspend_bury_and_flag_in_order(deck):
    add_cards(deck, 2)
    s = session(deck, Clock())
    card = s.next_card()
    assert s.flag(card) == 1 and s.flag(card) == 0 and s.flag(card) == 1
    s.bury(card)
    s.suspend(s.next_card())
    assert s.next_card() is None
    row = "SELECT suspended, buried_until IS NOT NULL, flag FROM cards ORDER BY id"
    assert [tuple(r) for r in deck.conn.execute(row)] == [(0, 1, 1), (1, 0, 0)]
    assert [s.undo().action.value for _ in range(5)] == [
        "suspend", "bury", "flag", "flag", "flag"]
    assert [tuple(r) for r in deck.conn.execute(row)] == [(0, 0, 0), (0, 0, 0)]
    assert s.undo() is None


def test_why_empty_counts_what_waits_behind_each_limit(deck):
    add_cards(deck, 4)
    make_due_review(deck, "b1-h3:cloze:1", T0 - timedelta(days=1))
    config = replace(CONFIG, new_per_day=1, reviews_per_day=0)
    s = session(deck, Clock(), config)
    s.answer(s.next_card(), EASY)
    assert s.next_card() is None
    empty = s.why_empty()
    assert (empty.reason, empty.new_waiting, empty.new_limit, empty.reviews_waiting,
            empty.buried, empty.suspended, empty.cards) == ("done", 2, 1, 1, 0, 0, 4)
    assert empty.next_due is not None and empty.next_due > timedelta(days=1)
    assert session(deck, Clock(), config, extra_new=1).next_card() is not None
