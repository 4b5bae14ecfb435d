"""Rustlings-style practice: the learner's workspace copies, progress and verdicts.

No torch here: grading happens in a worker process (studykit.grading.client).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from studykit import scheduler
from studykit.catalog import Exercise, load_catalog
from studykit.deck import Deck, to_db_time, utc_now
from studykit.deck import exercises as sql
from studykit.deck.review import card_state, state_columns
from studykit.errors import ExerciseError
from studykit.paths import workspace
from studykit.scheduler import AGAIN, GOOD, CardState


def workspace_file(exercise: Exercise) -> Path:
    return workspace() / exercise.topic / f"{exercise.slug}.py"


def start(exercise: Exercise, *, force: bool = False) -> tuple[Path, bool]:
    """Copy the starter into the workspace (unless there, or ``force``); (path, copied)."""
    target = workspace_file(exercise)
    if target.exists() and not force:
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        shutil.copyfile(target, target.with_suffix(".py.bak"))
    shutil.copyfile(exercise.starter, target)
    return target, True


def file_to_check(exercise: Exercise, file: Path | None) -> Path:
    path = Path(file) if file else workspace_file(exercise)
    if not path.exists():
        if file:
            raise ExerciseError(f"no such file: {path}", "check the --file path")
        raise ExerciseError(f"{exercise.id} is not started yet",
                            f"run `studykit exercise start {exercise.id}` first")
    return path


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
    passed: bool


def statuses(deck: Deck) -> list[Status]:
    done = sql.progress(deck.conn)
    result = []
    for ex in load_catalog():
        row = done.get(ex.id)
        passed = bool(row and row["first_passed_at"])
        last = row["last_status"] if row and row["last_status"] else None
        started = workspace_file(ex).exists()
        status = "pass" if passed and last == "pass" else last or ("started" if started else "new")
        result.append(Status(ex, status, passed))
    return result


def next_unsolved(deck: Deck) -> Exercise | None:
    return next((s.exercise for s in statuses(deck) if not s.passed), None)


def next_hint(deck: Deck, exercise: Exercise) -> tuple[int, str]:
    """(number shown so far, hint text); the last hint repeats once all are shown."""
    with deck.transaction() as conn:
        index = sql.next_hint_index(conn, exercise.id)
    index = min(index, len(exercise.hints) - 1)
    return index + 1, exercise.hints[index]


def has_passed(deck: Deck, exercise: Exercise) -> bool:
    row = sql.progress(deck.conn).get(exercise.id)
    return bool(row and row["first_passed_at"])
