"""A review session: which card comes next, answering, undo, suspend, bury, flag, and
why nothing is left to show.

No terminal code here (see studykit/cli/review_ui.py). Every answer is committed to
the deck, with its log row, before the next card is chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import NamedTuple

from studykit import scheduler
from studykit.config import Config
from studykit.days import day_bounds, zone
from studykit.deck import Deck, from_db_time, to_db_time, utc_now
from studykit.deck import review as sql
from studykit.deck.review import Filters
from studykit.scheduler import (
    AGAIN,
    LEARNING,
    NEW,
    RATING_NAMES,
    RELEARNING,
    REVIEW,
    CardState,
    Settings,
)


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
    flag: int = 0

    @classmethod
    def from_row(cls, row, queue: str) -> Card:
        return cls(row["id"], row["highlight_id"], row["book_title"], row["chapter"],
                   row["kind"], row["front"], row["back"], row["answer"], row["note"],
                   row["exercise_id"], sql.card_state(row), queue, row["flag"])


class Action(Enum):
    """What ``u`` can take back."""

    ANSWER = "answer"
    SUSPEND = "suspend"
    BURY = "bury"
    FLAG = "flag"


class Undone(NamedTuple):
    action: Action
    card: Card  # the card to show again


@dataclass
class _Undo:
    action: Action
    card: Card
    log_id: int | None = None
    buried: dict[str, str | None] = field(default_factory=dict)  # siblings' previous values
    suspended: bool = False  # the answer made the card a leech
    rating: int = 0
    flag: int = 0  # the flag before FLAG
    cram_dropped: list[Card] = field(default_factory=list)  # siblings left out of cram


@dataclass
class Summary:
    answered: int = 0
    again: int = 0
    started: datetime = field(default_factory=utc_now)

    @property
    def again_rate(self) -> float:
        return self.again / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class Empty:
    """Why :meth:`ReviewSession.next_card` has nothing to show (all counts within the
    filters): held back by a daily limit, set aside, or simply not due yet."""

    reason: str  # "limit" (--limit reached), "cram" (cram queue done), "done"
    new_waiting: int = 0  # new cards held back by today's new-card limit
    new_limit: int = 0
    reviews_waiting: int = 0  # due reviews held back by today's review limit
    review_limit: int = 0
    buried: int = 0
    suspended: int = 0
    cards: int = 0  # all cards in the filters
    next_due: timedelta | None = None  # until the next learning or review card


class ReviewSession:
    def __init__(self, deck: Deck, config: Config, *, filters: Filters = Filters(),
                 limit: int | None = None, cram: bool = False, extra_new: int = 0,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self.deck, self.config = deck, config
        self.filters = filters.resolve(deck.conn)
        self.limit, self.cram, self.extra_new, self.clock = limit, cram, extra_new, clock
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
        now_s, end = to_db_time(now), self._day_end(now)
        conn = self.deck.conn
        left = self._left_today(now)
        row = sql.due_learning(conn, now_s, now_s, self.filters)
        if row:
            return Card.from_row(row, "learning")
        if left["review"] > 0:
            row = sql.due_review(conn, now_s, end, self.filters)
            if row:
                return Card.from_row(row, "review")
        if left["new"] > 0:
            row = sql.next_new(conn, now_s, self.filters)
            if row:
                return Card.from_row(row, "new")
        row = sql.due_learning(conn, now_s, self._ahead(now), self.filters)
        return Card.from_row(row, "learning") if row else None

    def _next_cram(self) -> Card | None:
        if self._cram_queue is None:
            rows = sql.cram_cards(self.deck.conn, self.filters, self.limit or 1000)
            self._cram_queue = [Card.from_row(r, "cram") for r in rows]
        return self._cram_queue[0] if self._cram_queue else None

    def _day_bounds(self, now: datetime) -> tuple[str, str]:
        start, end = day_bounds(now, self.tz, self.config.day_start_hour)
        return to_db_time(start), to_db_time(end)

    def _day_end(self, now: datetime) -> str:
        return self._day_bounds(now)[1]

    def _ahead(self, now: datetime) -> str:
        return to_db_time(now + timedelta(minutes=self.config.learn_ahead_minutes))

    def _left_today(self, now: datetime) -> dict[str, int]:
        """New cards and reviews still allowed today by the daily limits (and --new)."""
        return left_today(self.deck.conn, self.config, self._day_bounds(now)[0],
                          self.extra_new)

    def remaining(self) -> dict[str, int]:
        """Cards left by queue, as the header shows them: what this session will still
        show today, the card on screen included (a learning card shown early too)."""
        if self.cram:
            return _by_queue(self._cram_queue or [])
        now = self.clock()
        counts = sql.count_due(self.deck.conn, to_db_time(now), self._day_end(now),
                               self.filters)
        within_limits(counts, self._left_today(now))
        if not counts["new"] and not counts["review"]:  # learn-ahead: early cards are shown
            counts = sql.count_due(self.deck.conn, to_db_time(now), self._day_end(now),
                                   self.filters, learning_until=self._ahead(now))
            within_limits(counts, self._left_today(now))
        return counts

    def why_empty(self) -> Empty:
        """Why there is nothing (more) to show; call when :meth:`next_card` gave None."""
        if self.limit is not None and self.summary.answered >= self.limit:
            return Empty("limit")
        if self.cram:
            return Empty("cram")
        now = self.clock()
        now_s = to_db_time(now)
        conn = self.deck.conn
        counts = sql.count_due(conn, now_s, self._day_end(now), self.filters)
        left = self._left_today(now)
        aside = sql.count_set_aside(conn, now_s, self.filters)
        return Empty("done", new_waiting=max(counts["new"] - left["new"], 0),
                     new_limit=self.config.new_per_day,
                     reviews_waiting=max(counts["review"] - left["review"], 0),
                     review_limit=self.config.reviews_per_day, buried=aside["buried"],
                     suspended=aside["suspended"], cards=aside["cards"],
                     next_due=self.next_due_in())

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
        """Grade ``card``; returns a notice (e.g. the card became a leech) or None. Its
        siblings are buried: until the day ends, or in cram for the rest of the session."""
        if rating not in RATING_NAMES:
            raise ValueError(f"rating must be 1-4, got {rating}")
        self.summary.answered += 1
        self.summary.again += rating == AGAIN
        if self.cram:
            self._cram_queue.pop(0)
            dropped = [c for c in self._cram_queue
                       if c.highlight_id == card.highlight_id and c.id != card.id]
            gone = {c.id for c in dropped}
            self._cram_queue = [c for c in self._cram_queue if c.id not in gone]
            if rating == AGAIN:
                self._cram_queue.append(card)
            self._undo.append(_Undo(Action.ANSWER, card, rating=rating, cram_dropped=dropped))
            return None
        now = self.clock()
        after = scheduler.review(card.id, card.state, rating, now, self.settings)
        with self.deck.transaction() as conn:
            log_id = sql.write_answer(conn, card.id, card.state, after, rating,
                                      to_db_time(now), duration_ms)
            buried = sql.bury_siblings(conn, {"id": card.id, "highlight_id": card.highlight_id},
                                       self._day_end(now))
            leech = self._is_new_leech(card.state, after)
            if leech:
                sql.set_suspended(conn, [card.id], True, "leech")
                sql.add_tag(conn, card.id, "leech")
        self._undo.append(_Undo(Action.ANSWER, card, log_id, buried, leech, rating))
        if leech:
            return (f"This card has lapsed {after.lapses} times: tagged leech and suspended. "
                    "Rewrite it, or unsuspend it with `studykit unsuspend`.")
        return None

    def _is_new_leech(self, before: CardState, after: CardState) -> bool:
        return (before.state == REVIEW and after.lapses > before.lapses
                and after.lapses >= self.config.leech_threshold)

    def undo(self) -> Undone | None:
        """Take back the last answer, suspend, bury or flag (repeatable); returns what was
        undone and the card to show again."""
        if not self._undo:
            return None
        last = self._undo.pop()
        if last.action is Action.ANSWER:
            self._undo_answer(last)
        elif last.action is Action.FLAG:
            with self.deck.transaction() as conn:
                sql.set_flag(conn, last.card.id, last.flag)
            last.card.flag = last.flag
        else:
            with self.deck.transaction() as conn:
                if last.action is Action.SUSPEND:
                    sql.set_suspended(conn, [last.card.id], False)
                else:
                    sql.set_buried(conn, {last.card.id: None})
            if self.cram:
                self._cram_queue.insert(0, last.card)
        return Undone(last.action, last.card)

    def _undo_answer(self, last: _Undo) -> None:
        self.summary.answered -= 1
        self.summary.again -= last.rating == AGAIN
        if self.cram:
            if last.rating == AGAIN:
                self._cram_queue.pop()
            self._cram_queue[:0] = [last.card, *last.cram_dropped]
            return
        with self.deck.transaction() as conn:
            sql.restore_state(conn, last.card.id, last.card.state, to_db_time(self.clock()))
            sql.delete_log(conn, last.log_id)
            sql.set_buried(conn, last.buried)
            if last.suspended:
                sql.set_suspended(conn, [last.card.id], False)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    # -- other actions --------------------------------------------------------------
    def suspend(self, card: Card) -> None:
        self._skip_cram(card)
        with self.deck.transaction() as conn:
            sql.set_suspended(conn, [card.id], True)
        self._undo.append(_Undo(Action.SUSPEND, card))

    def bury(self, card: Card) -> None:
        """Bury ``card`` until the day ends (in cram it also leaves this session)."""
        self._skip_cram(card)
        with self.deck.transaction() as conn:
            sql.set_buried(conn, {card.id: self._day_end(self.clock())})
        self._undo.append(_Undo(Action.BURY, card))

    def flag(self, card: Card, flag: int = 1) -> int:
        """Flag ``card``, or clear its flag when it has this one; returns the new flag."""
        new = 0 if card.flag == flag else flag
        with self.deck.transaction() as conn:
            sql.set_flag(conn, card.id, new)
        self._undo.append(_Undo(Action.FLAG, card, flag=card.flag))
        card.flag = new
        return new

    def _skip_cram(self, card: Card) -> None:
        if self.cram and self._cram_queue and self._cram_queue[0].id == card.id:
            self._cram_queue.pop(0)


def left_today(conn, config: Config, day_start: str, extra_new: int = 0) -> dict[str, int]:
    """New cards and reviews the daily limits still allow (``extra_new``: ``review --new``,
    new cards beyond today's limit)."""
    done = sql.studied_since(conn, day_start)
    return {"new": max(config.new_per_day + extra_new - done["new"], 0),
            "review": max(config.reviews_per_day - done["review"], 0)}


def within_limits(counts: dict[str, int], left: dict[str, int]) -> dict[str, int]:
    counts["new"] = min(counts["new"], left["new"])
    counts["review"] = min(counts["review"], left["review"])
    return counts


def _by_queue(cards: list[Card]) -> dict[str, int]:
    states = [c.state.state for c in cards]
    return {"new": states.count(NEW), "learning": states.count(LEARNING)
            + states.count(RELEARNING), "review": states.count(REVIEW)}


def today_by_book(deck: Deck, config: Config, now: datetime) -> dict[str, dict[str, int]]:
    """What ``studykit review --book B`` would show today, for every book: new cards (after
    the daily limit), learning cards due (learn-ahead included) and reviews due today
    (after the daily limit)."""
    start, end = (to_db_time(t) for t in day_bounds(now, zone(config.timezone),
                                                    config.day_start_hour))
    ahead = to_db_time(now + timedelta(minutes=config.learn_ahead_minutes))
    left = left_today(deck.conn, config, start)
    by_book = sql.count_due_by_book(deck.conn, to_db_time(now), ahead, end)
    return {book: within_limits(counts, left) for book, counts in by_book.items()}
