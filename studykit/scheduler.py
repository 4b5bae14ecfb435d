"""FSRS scheduling as a pure function: (card state, rating, now) -> new card state.

Wraps the reference implementation (the ``fsrs`` package). Fuzz is seeded from the
card's id and review count, so the interval previewed on a button is exactly what
answering gives, and an undone answer repeats identically.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from studykit.config import Config

NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}


@dataclass(frozen=True)
class CardState:
    """The scheduling fields of a card (what the deck stores and the log snapshots)."""

    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0

    def to_dict(self) -> dict:
        data = asdict(self)
        for key in ("due", "last_review"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> CardState:
        data = dict(data)
        for key in ("due", "last_review"):
            data[key] = datetime.fromisoformat(data[key]) if data.get(key) else None
        return cls(**data)


@dataclass(frozen=True)
class Settings:
    desired_retention: float = 0.9
    learning_steps: tuple[float, ...] = (60.0, 600.0)  # seconds
    relearning_steps: tuple[float, ...] = (600.0,)
    maximum_interval: int = 36500
    parameters: tuple[float, ...] = ()  # empty: FSRS defaults
    fuzz: bool = True

    @classmethod
    def from_config(cls, config: Config) -> Settings:
        return cls(config.desired_retention, config.steps_seconds("learning_steps"),
                   config.steps_seconds("relearning_steps"), config.maximum_interval,
                   tuple(config.fsrs_parameters))


@lru_cache(maxsize=8)
def _scheduler(settings: Settings):
    import fsrs

    kwargs = {}
    if settings.parameters:
        kwargs["parameters"] = settings.parameters
    return fsrs.Scheduler(
        desired_retention=settings.desired_retention,
        learning_steps=tuple(timedelta(seconds=s) for s in settings.learning_steps),
        relearning_steps=tuple(timedelta(seconds=s) for s in settings.relearning_steps),
        maximum_interval=settings.maximum_interval, enable_fuzzing=settings.fuzz, **kwargs)


def review(card_key: str, card: CardState, rating: int, now: datetime,
           settings: Settings = Settings()) -> CardState:
    """The card's state after answering ``rating`` at ``now`` (an aware datetime)."""
    import fsrs

    if rating not in RATING_NAMES:
        raise ValueError(f"rating must be 1-4, got {rating!r}")
    now = now.astimezone(timezone.utc)
    before = _to_fsrs(card)
    rng_state = random.getstate()
    random.seed(f"{card_key}:{card.reps}")
    try:
        after, _ = _scheduler(settings).review_card(before, fsrs.Rating(rating), now)
    finally:
        random.setstate(rng_state)
    lapsed = card.state == REVIEW and rating == AGAIN
    return CardState(int(after.state), after.step, after.stability, after.difficulty,
                     after.due, after.last_review, card.reps + 1, card.lapses + lapsed)


def preview(card_key: str, card: CardState, now: datetime,
            settings: Settings = Settings()) -> dict[int, CardState]:
    """What each of the four buttons would give (identical to answering it)."""
    return {r: review(card_key, card, r, now, settings) for r in RATING_NAMES}


def retrievability(card: CardState, now: datetime, settings: Settings = Settings()) -> float:
    if card.state == NEW or card.stability is None:
        return 0.0
    return _scheduler(settings).get_card_retrievability(_to_fsrs(card), now)


def _to_fsrs(card: CardState):
    import fsrs

    if card.state == NEW:
        return fsrs.Card(card_id=1, state=fsrs.State.Learning, step=0)
    return fsrs.Card(card_id=1, state=fsrs.State(card.state), step=card.step,
                     stability=card.stability, difficulty=card.difficulty,
                     due=card.due, last_review=card.last_review)


def format_interval(delta: timedelta) -> str:
    """Anki-style short interval: 45s, 10m, 3h, 4d, 2.3mo, 1.5y."""
    seconds = max(delta.total_seconds(), 0)
    if seconds < 60:
        return f"{seconds:.0f}s"
    if seconds < 3600:
        return f"{seconds / 60:.0f}m"
    if seconds < 86400:
        return f"{seconds / 3600:.0f}h"
    days = seconds / 86400
    if days < 30:
        return f"{days:.0f}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"

