"""The exercise catalog: ``exercises/info.yaml`` (course order) and the files it names.

Layout (like rustlings)::

    exercises/info.yaml                      ordered metadata, one entry per exercise
    exercises/<topic>/README.md              what the topic is about
    exercises/<topic>/<slug>.py              the starter the learner edits (TODO: marks)
    exercises/solutions/<topic>/<slug>.py    the reference solution
    exercises/checks/<topic>/<slug>.py       the cases (see studykit.grading.kit)

No torch here: this module is imported by the CLI.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from studykit.errors import ExerciseError, NotFound

DEVICE_POLICIES = ("cpu", "cuda-if-available")
ID_PATTERN = re.compile(r"^([a-z]+)/([a-z0-9_]+)$")
DEFAULT_TIME_LIMIT = 10


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    topic: str
    difficulty: int
    keywords_en: tuple[str, ...]
    keywords_zh: tuple[str, ...]
    hints: tuple[str, ...]
    time_limit: float
    device: str
    root: Path

    @property
    def slug(self) -> str:
        return self.id.split("/", 1)[1]

    @property
    def starter(self) -> Path:
        return self.root / self.topic / f"{self.slug}.py"

    @property
    def solution(self) -> Path:
        return self.root / "solutions" / self.topic / f"{self.slug}.py"

    @property
    def check(self) -> Path:
        return self.root / "checks" / self.topic / f"{self.slug}.py"

    def prompt(self) -> str:
        """The starter's module docstring: the task, inputs, outputs and shapes."""
        import ast

        try:
            return ast.get_docstring(ast.parse(self.starter.read_text("utf-8"))) or ""
        except (OSError, SyntaxError):
            return ""


def catalog_root() -> Path:
    env = os.environ.get("STUDYKIT_EXERCISES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "exercises"


@cache
def load_catalog(root: Path | None = None, info_name: str = "info.yaml") -> tuple[Exercise, ...]:
    """Every exercise in course order; raises ExerciseError listing every problem."""
    import yaml

    root = Path(root or catalog_root())
    info = root / info_name
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser: 10x faster
        data = yaml.load(info.read_text("utf-8"), Loader=loader) or {}  # noqa: S506
    except OSError:
        raise ExerciseError(f"no exercise catalog at {info}",
                            "set STUDYKIT_EXERCISES to the exercises folder") from None
    except yaml.YAMLError as exc:
        raise ExerciseError(f"{info} is not valid YAML: {exc}", "fix the file") from None
    entries = data.get("exercises") or []
    problems: list[str] = []
    exercises = [_parse_entry(e, root, problems) for e in entries]
    ids = [e.id for e in exercises if e]
    problems += [f"duplicate id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    if problems:
        raise ExerciseError(f"{info}: " + "; ".join(problems), "fix the catalog entries")
    return tuple(e for e in exercises if e)


def _parse_entry(entry: dict, root: Path, problems: list[str]) -> Exercise | None:
    ex_id = str(entry.get("id", ""))
    match = ID_PATTERN.match(ex_id)
    where = ex_id or "an entry without id"
    before = len(problems)
    if not match:
        problems.append(f"{where}: id must be <topic>/<slug> (lowercase letters, digits, _)")
    elif not (root / match.group(1) / "README.md").is_file():
        problems.append(f"{where}: topic folder {match.group(1)}/ needs a README.md")
    if entry.get("topic") != (match.group(1) if match else None):
        problems.append(f"{where}: topic must match the id's prefix")
    keywords = entry.get("keywords") or {}
    hints = entry.get("hints") or []
    if len(hints) < 2 or not all(isinstance(h, str) and h.strip() for h in hints):
        problems.append(f"{where}: needs 2 or more non-empty hints")
    if not keywords.get("en") or not keywords.get("zh"):
        problems.append(f"{where}: needs keywords in en and zh")
    if entry.get("device", "cpu") not in DEVICE_POLICIES:
        problems.append(f"{where}: device must be one of {', '.join(DEVICE_POLICIES)}")
    if not isinstance(entry.get("difficulty"), int) or not 1 <= entry["difficulty"] <= 3:
        problems.append(f"{where}: difficulty must be 1, 2 or 3")
    if not str(entry.get("title", "")).strip():
        problems.append(f"{where}: needs a title")
    if len(problems) > before:
        return None
    return Exercise(
        id=ex_id, title=str(entry["title"]), topic=entry["topic"],
        difficulty=entry["difficulty"],
        keywords_en=tuple(map(str, keywords["en"])), keywords_zh=tuple(map(str, keywords["zh"])),
        hints=tuple(hints), time_limit=float(entry.get("time_limit", DEFAULT_TIME_LIMIT)),
        device=entry.get("device", "cpu"), root=root,
    )


def topics(catalog: tuple[Exercise, ...] | None = None) -> tuple[str, ...]:
    """The catalog's topics in course order (the order of their first exercise)."""
    return tuple(dict.fromkeys(e.topic for e in (catalog or load_catalog())))


def get_exercise(exercise_id: str, root: Path | None = None) -> Exercise:
    for ex in load_catalog(root):
        if ex.id == exercise_id:
            return ex
    close = [e.id for e in load_catalog(root) if exercise_id.split("/")[-1] in e.id]
    hint = f"did you mean {', '.join(close[:3])}?" if close else "run `studykit exercise list`"
    raise NotFound(f"unknown exercise {exercise_id!r}", hint)
