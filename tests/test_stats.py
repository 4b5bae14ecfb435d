"""studykit.stats on hand-built decks: every count is checked exactly."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import REPO, run_cli

from studykit.config import Config
from studykit.deck.card_edits import delete_cards
from studykit.scheduler import CardState
from studykit.stats import FORECAST_DAYS, compute_stats

NOW = datetime(2024, 3, 10, 12, 0, tzinfo=timezone.utc)
SHANGHAI = Config(timezone="Asia/Shanghai", day_start_hour=4)  # days start 20:00 UTC
NEW_YORK = Config(timezone="America/New_York", day_start_hour=4)  # DST begins 2024-03-10
UTC = Config(timezone="UTC", day_start_hour=4)
STAMP = "2024-01-01T00:00:00Z"





def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def add_card(conn, card_id: str, state: int = 0, due: str | None = None,
             suspended: int = 0) -> None:
    conn.execute("INSERT OR IGNORE INTO books (id, title, source_format, created_at, "
                 "updated_at) VALUES ('b', 'Book', 'markdown', ?, ?)", (STAMP, STAMP))
    conn.execute("INSERT INTO highlights (id, book_id, position, text, content_hash, "
                 "imported_at, updated_at) VALUES (?, 'b', 0, 'text', 'x', ?, ?)",
                 (card_id, STAMP, STAMP))
    conn.execute("INSERT INTO cards (id, highlight_id, book_id, kind, ordinal, front, back, "
                 "state, due, suspended, created_at, updated_at) "
                 "VALUES (?, ?, 'b', 'basic', 0, 'f', 'b', ?, ?, ?, ?, ?)",
                 (card_id, card_id, state, due, suspended, STAMP, STAMP))


def add_review(conn, card_id: str, at: str, rating: int = 3, state: int = 2,
               interval: int = 10) -> None:
    """A log row; the card had ``interval`` days (due minus last review) before it."""
    moment = utc(at)
    if state == 2:
        before = CardState(state=2, stability=5.0, difficulty=5.0, due=moment,
                           last_review=moment - timedelta(days=interval), reps=3)
    else:
        before = CardState(state=state)
    if not conn.execute("SELECT 1 FROM cards WHERE id = ?", (card_id,)).fetchone():
        add_card(conn, card_id, state=2, due=at)
    conn.execute("INSERT INTO review_log (card_id, rating, reviewed_at, duration_ms, "
                 "state_before, state_after) VALUES (?, ?, ?, 1000, ?, '{}')",
                 (card_id, rating, at.replace("+00:00", "") + "Z",
                  json.dumps(before.to_dict())))


def test_empty_deck(deck):
    stats = compute_stats(deck.conn, NOW, SHANGHAI)
    assert stats["cards"] == {"new": 0, "learning": 0, "review": 0, "relearning": 0,
                              "suspended": 0, "deleted": 0}
    assert (stats["due_today"], stats["due_tomorrow"], stats["reviews_today"]) == (0, 0, 0)
    assert stats["forecast"] == [0] * FORECAST_DAYS
    assert stats["heatmap"] == {}
    assert stats["streak"] == 0
    empty = {"pass": 0, "fail": 0, "rate": None}
    assert stats["true_retention"] == {
        window: {"young": empty, "mature": empty, "all": empty}
        for window in ("today", "7d", "30d")}


def test_counts_by_state_put_suspended_and_deleted_cards_only_under_their_own_names(deck):
    for i, (state, suspended) in enumerate(
            [(0, 0), (0, 0), (1, 0), (2, 0), (2, 0), (2, 0), (3, 0), (2, 1), (0, 1), (2, 0)]):
        add_card(deck.conn, f"c{i}", state, None if state == 0 else "2024-03-20T00:00:00Z",
                 suspended)
    delete_cards(deck.conn, ["c9"], "2024-03-10T00:00:00Z")
    assert compute_stats(deck.conn, NOW, SHANGHAI)["cards"] == {
        "new": 2, "learning": 1, "review": 3, "relearning": 1, "suspended": 2, "deleted": 1}


def test_forecast_buckets_follow_the_study_day(deck):
    # Shanghai, day start 4: today (2024-03-10) ends at 2024-03-10T20:00Z.
    for card_id, state, due, suspended in [
            ("overdue", 2, "2024-03-01T00:00:00Z", 0),
            ("learning", 1, "2024-03-10T12:30:00Z", 0),
            ("last-second", 2, "2024-03-10T19:59:59Z", 0),
            ("tomorrow", 3, "2024-03-10T20:00:00Z", 0),
            ("tomorrow-end", 2, "2024-03-11T19:59:59Z", 0),
            ("day-29", 2, "2024-04-08T19:59:59Z", 0),
            ("day-30", 2, "2024-04-08T20:00:00Z", 0),
            ("suspended", 2, "2024-03-10T10:00:00Z", 1)]:
        add_card(deck.conn, card_id, state, due, suspended)
    add_card(deck.conn, "new")
    stats = compute_stats(deck.conn, NOW, SHANGHAI)
    assert stats["forecast"] == [3, 2] + [0] * 27 + [1]
    assert (stats["due_today"], stats["due_tomorrow"]) == (3, 2)


def test_forecast_across_a_daylight_saving_change(deck):
    # New York, day start 4: Mar 10 starts 08:00Z (EDT), Mar 11 08:00Z, Mar 9 09:00Z (EST).
    add_card(deck.conn, "a", 2, "2024-03-11T07:59:59Z")
    add_card(deck.conn, "b", 2, "2024-03-11T08:00:00Z")
    add_card(deck.conn, "c", 2, "2024-03-12T07:59:59Z")
    assert compute_stats(deck.conn, NOW, NEW_YORK)["forecast"][:3] == [1, 2, 0]


REVIEW_TIMES = ["2024-03-09T08:30:00", "2024-03-09T09:00:00", "2024-03-10T07:59:59",
                "2024-03-10T08:00:00"]


@pytest.mark.parametrize(("config", "heatmap", "today"), [
    # New York: 08:30Z on Mar 9 is 03:30 EST (still Mar 8's study day); 07:59:59Z on
    # Mar 10 is 03:59:59 EDT (Mar 9's), the day after the clocks went forward.
    (NEW_YORK, {"2024-03-08": 1, "2024-03-09": 2, "2024-03-10": 1}, 1),
    # Shanghai: all four are afternoons, on the calendar day they happened.
    (SHANGHAI, {"2024-03-09": 2, "2024-03-10": 2}, 2),
])
def test_reviews_fall_on_study_days_in_two_time_zones(deck, config, heatmap, today):
    for i, at in enumerate(REVIEW_TIMES):
        add_review(deck.conn, f"c{i}", at)
    stats = compute_stats(deck.conn, NOW, config)
    assert stats["heatmap"] == heatmap
    assert stats["reviews_today"] == today
    assert stats["streak"] == len(heatmap)


@pytest.mark.parametrize(("hour", "day"), [(0, "2024-03-10"), (4, "2024-03-09"),
                                           (3, "2024-03-10")])
def test_the_day_start_hour_moves_the_boundary(deck, hour, day):
    add_review(deck.conn, "c", "2024-03-10T03:00:00")
    stats = compute_stats(deck.conn, NOW, replace(UTC, day_start_hour=hour))
    assert stats["heatmap"] == {day: 1}


def test_heatmap_keeps_about_six_months(deck):
    add_review(deck.conn, "old", "2023-09-10T12:00:00")  # 182 days before today: kept
    add_review(deck.conn, "older", "2023-09-09T12:00:00")  # 183 days before: dropped
    add_review(deck.conn, "future", "2024-03-11T12:00:00")  # after today: not counted
    assert compute_stats(deck.conn, NOW, UTC)["heatmap"] == {"2023-09-10": 1}


@pytest.mark.parametrize(("days_ago", "streak"), [
    ([], 0),
    ([0], 1),
    ([1, 2], 2),              # nothing yet today: the streak still counts to yesterday
    ([0, 1, 3, 4], 2),        # a gap ends it
    ([2, 3], 0),              # nothing today or yesterday
    (list(range(200)), 200),  # longer than the heatmap: read from the log
])
def test_streak(deck, days_ago, streak):
    for n in days_ago:
        add_review(deck.conn, f"c{n}", (NOW - timedelta(days=n)).isoformat())
    assert compute_stats(deck.conn, NOW, UTC)["streak"] == streak


def test_true_retention_counts_the_first_review_card_answer_of_each_day(deck):
    # UTC, day start 4: today is [Mar 10 04:00, Mar 11 04:00).
    add_review(deck.conn, "young", "2024-03-10T05:00:00", rating=1, interval=10)
    add_review(deck.conn, "young", "2024-03-10T05:10:00", rating=3, interval=10)  # 2nd
    add_review(deck.conn, "mature", "2024-03-10T06:00:00", rating=3, interval=30)
    add_review(deck.conn, "mature", "2024-03-10T07:00:00", rating=1, interval=30)  # 2nd
    add_review(deck.conn, "edge", "2024-03-10T03:59:59", rating=1, interval=21)  # yesterday
    add_review(deck.conn, "edge", "2024-03-10T04:00:00", rating=4, interval=21)  # today
    add_review(deck.conn, "learning", "2024-03-10T08:00:00", rating=1, state=1)  # not Review
    add_review(deck.conn, "new", "2024-03-10T08:00:00", rating=3, state=0)
    add_review(deck.conn, "week", "2024-03-07T12:00:00", rating=2, interval=20)
    add_review(deck.conn, "month", "2024-02-29T12:00:00", rating=1, interval=40)
    add_review(deck.conn, "too-old", "2024-02-09T12:00:00", rating=1, interval=40)

    def tally(passed, failed):
        total = passed + failed
        return {"pass": passed, "fail": failed, "rate": passed / total if total else None}

    assert compute_stats(deck.conn, NOW, UTC)["true_retention"] == {
        "today": {"young": tally(0, 1), "mature": tally(2, 0), "all": tally(2, 1)},
        "7d": {"young": tally(1, 1), "mature": tally(2, 1), "all": tally(3, 2)},
        "30d": {"young": tally(1, 1), "mature": tally(2, 2), "all": tally(3, 3)},
    }


def test_true_retention_days_follow_the_time_zone(deck):
    # 21:00Z on Mar 9 is 05:00 on Mar 10 in Shanghai: the same study day as 02:00Z.
    add_review(deck.conn, "c", "2024-03-09T21:00:00", rating=1)
    add_review(deck.conn, "c", "2024-03-10T02:00:00", rating=3)
    shanghai = compute_stats(deck.conn, NOW, SHANGHAI)["true_retention"]["today"]["all"]
    midnight = replace(UTC, day_start_hour=0)
    in_utc = compute_stats(deck.conn, NOW, midnight)["true_retention"]["7d"]["all"]
    assert (shanghai["pass"], shanghai["fail"]) == (0, 1)
    assert (in_utc["pass"], in_utc["fail"]) == (1, 1)  # two study days in UTC from 0:00


def test_stats_json_from_the_command_line(deck):
    add_card(deck.conn, "c", 2, "2000-01-01T00:00:00Z")
    add_review(deck.conn, "c", "2000-01-01T00:00:00", rating=3)
    out = run_cli("stats", "--json", "--db", str(deck.path))
    assert out.returncode == 0, out.stderr
    stats = json.loads(out.stdout)
    assert set(stats) >= {"cards", "due_today", "due_tomorrow", "reviews_today",
                          "true_retention", "forecast", "heatmap", "streak"}
    assert stats["cards"]["review"] == 1
    assert stats["due_today"] == 1
    assert len(stats["forecast"]) == 30


def test_stats_renders_as_tables(deck):
    add_card(deck.conn, "c", 2, "2000-01-01T00:00:00Z")
    add_review(deck.conn, "c", datetime.now(timezone.utc).replace(microsecond=0)
               .isoformat(), rating=1)
    out = run_cli("stats", "--db", str(deck.path))
    assert out.returncode == 0, out.stderr
    for text in ("Cards", "review 1", "Due in the next 30 days", "today", "True retention",
                 "Mon", "less"):
        assert text in out.stdout


def test_the_stats_module_keeps_off_rich_and_typer():
    code = ("import sys, studykit.stats, studykit.optimize; "
            "print(sorted(m for m in ('rich', 'typer', 'torch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(REPO), check=True)
    assert out.stdout.strip() == "[]"
