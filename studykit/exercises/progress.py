"""The learner's progress: attempts and passes, hints shown, re-solves due, and the cards
that point to an exercise. The SQL lives in :mod:`studykit.deck.exercises`.

No torch here: grading happens in a worker process (:mod:`studykit.exercises.check`).
"""

from __future__ import annotations

from dataclasses import dataclass

from studykit import scheduler
from studykit.deck import Deck, to_db_time, utc_now
from studykit.deck import exercises as sql
from studykit.deck.review import card_state, state_columns
from studykit.exercises.catalog import Exercise, load_catalog
from studykit.exercises.workspace import is_started
from studykit.scheduler import AGAIN, GOOD, CardState


def record(deck: Deck, verdict: dict, *, resolve: bool = False) -> int:
    """Store a check's verdict. A failure makes the exercise's linked cards due now (returns
    how many); the first pass, or a re-solve from `review --with-exercises`, answers the
    exercise's own FSRS schedule (pass = Good, anything else = Again)."""
    now = utc_now()
    passed = verdict["status"] == "pass"
    with deck.transaction() as conn:
        sql.record_attempt(conn, verdict["id"], verdict["status"], to_db_time(now),
                           verdict.get("seconds"), verdict.get("device"))
        if resolve or (passed and sql.schedule_row(conn, verdict["id"]) is None):
            _answer_schedule(conn, verdict["id"], GOOD if passed else AGAIN, now)
        return 0 if passed else sql.cards_due_now(conn, verdict["id"], to_db_time(now))


def _answer_schedule(conn, exercise_id: str, rating: int, now) -> None:
    row = sql.schedule_row(conn, exercise_id)
    state = card_state(row) if row else CardState()
    after = scheduler.review(f"exercise:{exercise_id}", state, rating, now)
    sql.save_schedule(conn, exercise_id, state_columns(after))


def due_for_resolving(deck: Deck) -> list[Exercise]:
    """Passed exercises whose re-solve is due (for `review --with-exercises`)."""
    due = set(sql.due_exercises(deck.conn, to_db_time(utc_now())))
    return [e for e in load_catalog() if e.id in due]


@dataclass(frozen=True)
class Status:
    exercise: Exercise
    status: str  # pass | fail | error | timeout | started | new
    passed: bool  # passed at least once


def statuses(deck: Deck) -> list[Status]:
    """Every exercise of the catalog, in course order, with the learner's status."""
    done = sql.progress(deck.conn)
    result = []
    for ex in load_catalog():
        row = done.get(ex.id)
        passed = bool(row and row["first_passed_at"])
        last = row["last_status"] if row and row["last_status"] else None
        started = is_started(ex)
        status = "pass" if passed and last == "pass" else last or ("started" if started else "new")
        result.append(Status(ex, status, passed))
    return result


@dataclass(frozen=True)
class Tally:
    passed: int
    total: int


def tallies(items: list[Status]) -> tuple[dict[str, Tally], Tally]:
    """(passed/total per topic in course order, passed/total of the whole catalog)."""
    per_topic: dict[str, list[int]] = {}
    for s in items:
        counts = per_topic.setdefault(s.exercise.topic, [0, 0])
        counts[0] += s.passed
        counts[1] += 1
    topics = {t: Tally(p, n) for t, (p, n) in per_topic.items()}
    return topics, Tally(sum(t.passed for t in topics.values()), len(items))


def next_unsolved(deck: Deck, after: Exercise | None = None) -> Exercise | None:
    """The first exercise not passed yet in course order, starting after ``after`` (and
    coming round to the start of the course); None when every one is passed."""
    items = statuses(deck)
    start = next((i + 1 for i, s in enumerate(items) if after and s.exercise.id == after.id), 0)
    ordered = items[start:] + items[:start]
    return next((s.exercise for s in ordered if not s.passed
                 and (after is None or s.exercise.id != after.id)), None)


def next_hint(deck: Deck, exercise: Exercise) -> tuple[int, str]:
    """(number shown so far, hint text); the last hint repeats once all are shown."""
    with deck.transaction() as conn:
        index = sql.next_hint_index(conn, exercise.id)
    index = min(index, len(exercise.hints) - 1)
    return index + 1, exercise.hints[index]


def has_passed(deck: Deck, exercise: Exercise) -> bool:
    row = sql.progress(deck.conn).get(exercise.id)
    return bool(row and row["first_passed_at"])


@dataclass(frozen=True)
class LinkedCard:
    id: str
    state: str
    front: str


def linked_cards(deck: Deck, exercise: Exercise) -> list[LinkedCard]:
    """Every card that points to the exercise (oldest first)."""
    return [LinkedCard(**row) for row in sql.linked_cards(deck.conn, exercise.id)]
