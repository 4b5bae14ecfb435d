"""A review session: which card comes next, answering, undo, suspend, bury, flag.

No terminal code here (see studykit/cli/review_ui.py). Every answer is committed to
the deck, with its log row, before the next card is chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from studykit import scheduler
from studykit.config import Config
from studykit.days import day_bounds, zone
from studykit.deck import Deck, from_db_time, to_db_time, utc_now
from studykit.deck import review as sql
from studykit.deck.review import Filters
from studykit.scheduler import AGAIN, RATING_NAMES, REVIEW, CardState, Settings


@dataclass
class Card:
    id: str
    highlight_id: str
    book_title: str
    chapter: str
    kind: str
    front: str
    back: str
    answer: str | None
    note: str | None
    exercise_id: str | None
    state: CardState
    queue: str  # new | learning | review | cram

    @classmethod
    def from_row(cls, row, queue: str) -> Card:
        return cls(row["id"], row["highlight_id"], row["book_title"], row["chapter"],
                   row["kind"], row["front"], row["back"], row["answer"], row["note"],
                   row["exercise_id"], sql.card_state(row), queue)


@dataclass
class _Undo:
    card: Card
    log_id: int | None
    buried: dict[str, str | None]
    suspended: bool
    rating: int


@dataclass
class Summary:
    answered: int = 0
    again: int = 0
    started: datetime = field(default_factory=utc_now)

    @property
    def again_rate(self) -> float:
        return self.again / self.answered if self.answered else 0.0


class ReviewSession:
    def __init__(self, deck: Deck, config: Config, *, filters: Filters = Filters(),
                 limit: int | None = None, cram: bool = False,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.deck, self.config, self.filters = deck, config, filters
        self.limit, self.cram, self.clock = limit, cram, clock
        self.settings = Settings.from_config(config)
        self.tz = zone(config.timezone)
        self.summary = Summary(started=clock())
        self._undo: list[_Undo] = []
        self._cram_queue: list[Card] | None = None

    # -- choosing cards -----------------------------------------------------------
    def next_card(self) -> Card | None:
        if self.limit is not None and self.summary.answered >= self.limit:
            return None
        if self.cram:
            return self._next_cram()
        now = self.clock()
        now_s = to_db_time(now)
        start, end = (to_db_time(t) for t in day_bounds(now, self.tz, self.config.day_start_hour))
        conn = self.deck.conn
        done = sql.studied_since(conn, start)
        row = sql.due_learning(conn, now_s, now_s, self.filters)
        if row:
            return Card.from_row(row, "learning")
        if done["review"] < self.config.reviews_per_day:
            row = sql.due_review(conn, now_s, end, self.filters)
            if row:
                return Card.from_row(row, "review")
        if done["new"] < self.config.new_per_day:
            row = sql.next_new(conn, now_s, self.filters)
            if row:
                return Card.from_row(row, "new")
        ahead = to_db_time(now + timedelta(minutes=self.config.learn_ahead_minutes))
        row = sql.due_learning(conn, now_s, ahead, self.filters)
        return Card.from_row(row, "learning") if row else None

    def _next_cram(self) -> Card | None:
        if self._cram_queue is None:
            rows = sql.cram_cards(self.deck.conn, self.filters, self.limit or 1000)
            self._cram_queue = [Card.from_row(r, "cram") for r in rows]
        return self._cram_queue[0] if self._cram_queue else None

    def remaining(self) -> dict[str, int]:
        """Cards left today by queue, after the daily limits."""
        if self.cram:
            return {"new": 0, "learning": 0, "review": len(self._cram_queue or [])}
        now = self.clock()
        start, end = (to_db_time(t) for t in day_bounds(now, self.tz, self.config.day_start_hour))
        counts = sql.count_due(self.deck.conn, to_db_time(now), end, self.filters)
        done = sql.studied_since(self.deck.conn, start)
        counts["new"] = min(counts["new"], max(self.config.new_per_day - done["new"], 0))
        counts["review"] = min(counts["review"],
                               max(self.config.reviews_per_day - done["review"], 0))
        return counts

    def next_due_in(self) -> timedelta | None:
        now = self.clock()
        due = sql.next_due_time(self.deck.conn, to_db_time(now), self.filters)
        return from_db_time(due) - now if due else None

    # -- answering ----------------------------------------------------------------
    def preview(self, card: Card) -> dict[int, timedelta]:
        """The interval each button gives (exactly what answering it does)."""
        now = self.clock()
        return {r: s.due - now for r, s in
                scheduler.preview(card.id, card.state, now, self.settings).items()}

    def answer(self, card: Card, rating: int, duration_ms: int = 0) -> str | None:
        """Grade ``card``; returns a notice (e.g. the card became a leech) or None."""
        if rating not in RATING_NAMES:
            raise ValueError(f"rating must be 1-4, got {rating}")
        self.summary.answered += 1
        self.summary.again += rating == AGAIN
        if self.cram:
            self._cram_queue.pop(0)
            if rating == AGAIN:
                self._cram_queue.append(card)
            self._undo.append(_Undo(card, None, {}, False, rating))
            return None
        now = self.clock()
        after = scheduler.review(card.id, card.state, rating, now, self.settings)
        _, end = day_bounds(now, self.tz, self.config.day_start_hour)
        with self.deck.transaction() as conn:
            log_id = sql.write_answer(conn, card.id, card.state, after, rating,
                                      to_db_time(now), duration_ms)
            buried = sql.bury_siblings(conn, {"id": card.id, "highlight_id": card.highlight_id},
                                       to_db_time(end))
            leech = self._is_new_leech(card.state, after)
            if leech:
                sql.set_suspended(conn, [card.id], True, "leech")
                sql.add_tag(conn, card.id, "leech")
        self._undo.append(_Undo(card, log_id, buried, leech, rating))
        if leech:
            return (f"This card has lapsed {after.lapses} times: tagged leech and suspended. "
                    "Rewrite it, or unsuspend it with `studykit unsuspend`.")
        return None

    def _is_new_leech(self, before: CardState, after: CardState) -> bool:
        return (before.state == REVIEW and after.lapses > before.lapses
                and after.lapses >= self.config.leech_threshold)

    def undo(self) -> Card | None:
        """Take back the last answer (repeatable); returns the card to show again."""
        if not self._undo:
            return None
        last = self._undo.pop()
        self.summary.answered -= 1
        self.summary.again -= last.rating == AGAIN
        if self.cram:
            if last.rating == AGAIN:
                self._cram_queue.pop()
            self._cram_queue.insert(0, last.card)
            return last.card
        with self.deck.transaction() as conn:
            sql.restore_state(conn, last.card.id, last.card.state, to_db_time(self.clock()))
            sql.delete_log(conn, last.log_id)
            sql.set_buried(conn, last.buried)
            if last.suspended:
                sql.set_suspended(conn, [last.card.id], False)
        return last.card

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    # -- other actions --------------------------------------------------------------
    def suspend(self, card: Card) -> None:
        self._skip_cram(card)
        with self.deck.transaction() as conn:
            sql.set_suspended(conn, [card.id], True)

    def bury(self, card: Card) -> None:
        self._skip_cram(card)
        _, end = day_bounds(self.clock(), self.tz, self.config.day_start_hour)
        with self.deck.transaction() as conn:
            sql.set_buried(conn, {card.id: to_db_time(end)})

    def flag(self, card: Card, flag: int = 1) -> None:
        with self.deck.transaction() as conn:
            sql.set_flag(conn, card.id, flag)

    def _skip_cram(self, card: Card) -> None:
        if self.cram and self._cram_queue and self._cram_queue[0].id == card.id:
            self._cram_queue.pop(0)
