"""One check of an exercise: find the file, grade it in the worker, record the verdict.

`exercise check`, `exercise watch` and `review --with-exercises` all call :func:`check`.
Grading runs in a worker process (:class:`studykit.grading.client.Worker`); nothing here
imports torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from studykit.deck import Deck
from studykit.exercises.catalog import Exercise
from studykit.exercises.progress import record
from studykit.exercises.workspace import file_to_check

if TYPE_CHECKING:
    from studykit.grading.client import Worker

STATUSES = ("pass", "fail", "error", "timeout")
CONTRACT_KEYS = ("id", "status", "tests", "device", "seconds")  # `exercise check --json`
SHOWN_KEYS = ("output",)  # known, shown in the terminal, not part of the JSON


@dataclass(frozen=True)
class Verdict:
    """What a check found. ``extra`` keeps the keys the grader added that this module does
    not know (e.g. ``sandbox``): they go through to ``--json`` unchanged."""

    id: str
    status: str  # one of STATUSES
    tests: tuple[dict, ...]  # {"name", "status", "message"} per case
    device: str | None
    seconds: float | None
    file: Path
    output: str = ""
    extra: dict = field(default_factory=dict)
    cards_due: int = 0  # cards linked to the exercise that a failure made due now

    @property
    def passed(self) -> bool:
        return self.status == "pass"

    @property
    def first_problem(self) -> dict | None:
        return next((t for t in self.tests if t["status"] != "pass"), None)

    def to_json(self) -> dict:
        """The machine-readable verdict: the contract's keys, then the grader's extras."""
        return {"id": self.id, "status": self.status, "tests": list(self.tests),
                "device": self.device, "seconds": self.seconds, **self.extra}

    @classmethod
    def from_worker(cls, raw: dict, file: Path, cards_due: int = 0) -> Verdict:
        known = set(CONTRACT_KEYS) | set(SHOWN_KEYS)
        return cls(id=raw["id"], status=raw["status"], tests=tuple(raw.get("tests") or ()),
                   device=raw.get("device"), seconds=raw.get("seconds"), file=Path(file),
                   output=raw.get("output") or "",
                   extra={k: v for k, v in raw.items() if k not in known},
                   cards_due=cards_due)


def check(exercise: Exercise, deck: Deck, worker: Worker | None = None, *,
          file: Path | None = None, resolve: bool = False) -> Verdict:
    """Grade ``file`` (default: the workspace copy) and record the verdict in ``deck``.

    ``worker``: a running grading worker to reuse (watch keeps one warm); without one a
    worker is started for this check and closed after it. ``resolve``: this check answers
    the exercise's own re-solve schedule (see :func:`studykit.exercises.progress.record`).
    Raises ExerciseError when there is no file to check, GradingError when the worker
    fails."""
    path = file_to_check(exercise, file)
    if worker is None:
        from studykit.grading.client import Worker

        with Worker() as own:
            raw = own.grade(exercise, path)
    else:
        raw = worker.grade(exercise, path)
    raw = {**raw, "id": exercise.id}
    return Verdict.from_worker(raw, path, record(deck, raw, resolve=resolve))
