"""The FSRS wrapper: golden sequences, seeded fuzz, purity."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from studykit.scheduler import (
    AGAIN,
    EASY,
    GOOD,
    HARD,
    LEARNING,
    NEW,
    RELEARNING,
    REVIEW,
    CardState,
    Settings,
    format_interval,
    preview,
    review,
)

START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)

# (rating, state, step, stability, difficulty, due, reps, lapses) with fuzz seeded by card id
GOLDEN = [
    (GOOD, LEARNING, 1, 2.3065, 2.1181, "2026-01-05T09:10:00+00:00", 1, 0),
    (GOOD, REVIEW, None, 2.3065, 2.1112, "2026-01-07T09:10:00+00:00", 2, 0),
    (GOOD, REVIEW, None, 10.971, 2.1043, "2026-01-18T09:10:00+00:00", 3, 0),
    (AGAIN, RELEARNING, 0, 1.539, 7.39, "2026-01-18T09:20:00+00:00", 4, 1),
    (GOOD, REVIEW, None, 1.5718, 7.3778, "2026-01-20T09:20:00+00:00", 5, 1),
    (EASY, REVIEW, None, 7.8703, 6.4868, "2026-01-27T09:20:00+00:00", 6, 1),
    (HARD, REVIEW, None, 15.3675, 7.653, "2026-02-10T09:20:00+00:00", 7, 1),
]


def test_golden_sequence():
    card, now = CardState(), START
    for rating, state, step, stability, difficulty, due, reps, lapses in GOLDEN:
        card = review("golden-card", card, rating, now)
        assert (card.state, card.step, round(card.stability, 4), round(card.difficulty, 4),
                card.due.isoformat(), card.reps, card.lapses) == (
            state, step, stability, difficulty, due, reps, lapses)
        now = card.due


def test_learning_steps_without_fuzz_follow_the_config():
    settings = Settings(learning_steps=(60.0, 300.0, 1200.0), fuzz=False)
    card = CardState()
    intervals = []
    for _ in range(3):
        after = review("c", card, GOOD, START, settings)
        intervals.append(after.due - START)
        card = after
    assert intervals[:2] == [timedelta(minutes=5), timedelta(minutes=20)]
    assert card.state == REVIEW


def test_again_on_a_new_card_restarts_the_first_step():
    after = review("c", CardState(), AGAIN, START)
    assert (after.state, after.step, after.due - START) == (LEARNING, 0, timedelta(minutes=1))


def test_preview_equals_answering_and_is_repeatable():
    card = CardState()
    now = START
    for rating in (GOOD, GOOD, GOOD, GOOD):  # reach long intervals where fuzz applies
        card = review("fuzzy", card, rating, now)
        now = card.due
    shown = preview("fuzzy", card, now)
    for rating in (AGAIN, HARD, GOOD, EASY):
        assert review("fuzzy", card, rating, now) == shown[rating]
        assert review("fuzzy", card, rating, now) == shown[rating]


def test_fuzz_depends_on_the_card():
    card, now = CardState(), START
    for _ in range(4):
        card = review("a", card, GOOD, now)
        now = card.due
    dues = {review(key, card, GOOD, now).due for key in ("a", "b", "c", "d", "e", "f")}
    assert len(dues) > 1


def test_review_does_not_touch_the_global_random_state():
    import random

    random.seed(42)
    expected = random.random()
    random.seed(42)
    review("c", CardState(), GOOD, START)
    assert random.random() == expected


def test_desired_retention_changes_intervals():
    card, now = CardState(), START
    for _ in range(3):
        card = review("r", card, GOOD, now, Settings(fuzz=False))
        now = card.due
    low = review("r", card, GOOD, now, Settings(desired_retention=0.8, fuzz=False))
    high = review("r", card, GOOD, now, Settings(desired_retention=0.95, fuzz=False))
    assert low.due > high.due


def test_state_round_trips_through_dicts():
    card = review("c", CardState(), GOOD, START)
    assert CardState.from_dict(card.to_dict()) == card
    assert CardState.from_dict(CardState().to_dict()) == CardState()
    assert CardState().state == NEW


def test_bad_rating_is_rejected():
    with pytest.raises(ValueError):
        review("c", CardState(), 5, START)


@pytest.mark.parametrize(("delta", "text"), [
    (timedelta(seconds=30), "30s"), (timedelta(minutes=10), "10m"), (timedelta(hours=3), "3h"),
    (timedelta(days=4), "4d"), (timedelta(days=75), "2.5mo"), (timedelta(days=550), "1.5y"),
])
def test_format_interval(delta, text):
    assert format_interval(delta) == text
