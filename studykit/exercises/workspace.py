"""The learner's workspace: a copy of each started exercise's starter, edited in place.

Files are written with :mod:`studykit.atomicfile`: a reset or a first start either leaves
the old file whole or puts the new one whole, never half of one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from studykit.atomicfile import atomic_path
from studykit.errors import ExerciseError
from studykit.exercises.catalog import Exercise
from studykit.paths import workspace


def workspace_file(exercise: Exercise) -> Path:
    return workspace() / exercise.topic / f"{exercise.slug}.py"


def backup_file(exercise: Exercise) -> Path:
    """Where ``start(force=True)`` keeps the learner's previous version."""
    return workspace_file(exercise).with_suffix(".py.bak")


def is_started(exercise: Exercise) -> bool:
    return workspace_file(exercise).exists()


def start(exercise: Exercise, *, force: bool = False) -> tuple[Path, bool]:
    """Copy the starter into the workspace (unless there, or ``force``); (path, copied).
    With ``force`` the learner's copy is kept as ``<slug>.py.bak`` first."""
    target = workspace_file(exercise)
    if target.exists() and not force:
        return target, False
    try:
        if target.exists():
            _copy(target, backup_file(exercise))
        _copy(exercise.starter, target)
    except OSError as exc:
        raise ExerciseError(f"cannot write {target}: {exc.strerror or exc}",
                            "check that the folder is writable (STUDYKIT_HOME)") from None
    return target, True


def _copy(source: Path, target: Path) -> None:
    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)


def file_to_check(exercise: Exercise, file: Path | None) -> Path:
    """The file a check grades: ``file`` when given, else the workspace copy."""
    path = Path(file) if file else workspace_file(exercise)
    if file and path.exists() and not path.is_file():
        raise ExerciseError(f"not a regular file: {path}", "give --file a Python file")
    if not path.is_file():
        if file:
            raise ExerciseError(f"no such file: {path}", "check the --file path")
        raise ExerciseError(f"{exercise.id} is not started yet",
                            f"run `studykit exercise start {exercise.id}` first")
    return path
