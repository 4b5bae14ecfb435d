"""The exercise catalog: ``exercises/info.yaml`` (course order) and the files it names.

Layout (like rustlings)::

    exercises/info.yaml                      ordered metadata, one entry per exercise
    exercises/<topic>/README.md              what the topic is about
    exercises/<topic>/<slug>.py              the starter the learner edits (TODO: marks)
    exercises/solutions/<topic>/<slug>.py    the reference solution
    exercises/checks/<topic>/<slug>.py       the cases (see studykit.grading.kit)

An entry's topic is its id's prefix (an explicit ``topic:`` must agree); the topics, in
course order, are those of the entries. ``time_limit`` and ``device`` are written only
where they differ from the defaults (10 s, cpu).

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
DEFAULT_DEVICE = "cpu"


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
    return Path(__file__).resolve().parents[2] / "exercises"


def load_catalog(root: Path | None = None, info_name: str = "info.yaml") -> tuple[Exercise, ...]:
    """Every exercise in course order; raises ExerciseError listing every problem.
    Parsed once per catalog folder and version of its info file."""
    root = Path(root or catalog_root())
    info = root / info_name
    try:
        version = info.stat().st_mtime_ns
    except OSError:
        raise ExerciseError(f"no exercise catalog at {info}",
                            "set STUDYKIT_EXERCISES to the exercises folder") from None
    return _load(root, info_name, version)


@cache
def _load(root: Path, info_name: str, version: int) -> tuple[Exercise, ...]:
    import yaml

    info = root / info_name
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser: 10x faster
        data = yaml.load(info.read_text("utf-8"), Loader=loader) or {}  # noqa: S506
    except OSError as exc:
        raise ExerciseError(f"cannot read {info}: {exc.strerror or exc}",
                            "set STUDYKIT_EXERCISES to the exercises folder") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ExerciseError(f"{info} is not valid YAML: {exc}", "fix the file") from None
    entries = (data.get("exercises") or []) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ExerciseError(f"{info} has no list under `exercises:`", "fix the file")
    problems: list[str] = []
    exercises = [_parse_entry(e, root, problems) for e in entries]
    ids = [str(e.get("id", "")) for e in entries if isinstance(e, dict)]
    problems += [f"duplicate id {i}" for i in sorted({i for i in ids if i and ids.count(i) > 1})]
    if problems:
        raise ExerciseError(f"{info}: " + "; ".join(problems), "fix the catalog entries")
    return tuple(e for e in exercises if e)


def _parse_entry(entry, root: Path, problems: list[str]) -> Exercise | None:
    if not isinstance(entry, dict):
        problems.append(f"an entry is not a mapping: {str(entry)[:40]!r}")
        return None
    ex_id = str(entry.get("id", ""))
    found = _entry_problems(entry, ex_id, root)
    problems += [f"{ex_id or 'an entry without id'}: {p}" for p in found]
    if found:
        return None
    keywords = entry["keywords"]
    return Exercise(
        id=ex_id, title=str(entry["title"]), topic=ex_id.split("/")[0],
        difficulty=entry["difficulty"],
        keywords_en=tuple(map(str, keywords["en"])), keywords_zh=tuple(map(str, keywords["zh"])),
        hints=tuple(entry["hints"]), time_limit=float(entry.get("time_limit", DEFAULT_TIME_LIMIT)),
        device=entry.get("device", DEFAULT_DEVICE), root=root,
    )


def _entry_problems(entry: dict, ex_id: str, root: Path) -> list[str]:
    """Every problem of one entry, in plain words."""
    problems = []
    match = ID_PATTERN.match(ex_id)
    topic = match.group(1) if match else None
    if not match:
        problems.append("id must be <topic>/<slug> (lowercase letters, digits, _)")
    elif not (root / topic / "README.md").is_file():
        problems.append(f"topic folder {topic}/ needs a README.md")
    if "topic" in entry and entry["topic"] != topic:
        problems.append(f"topic {entry['topic']!r} differs from the id's prefix "
                        "(leave `topic:` out: the id says it)")
    keywords = entry.get("keywords") or {}
    hints = entry.get("hints") or []
    if not isinstance(hints, list) or len(hints) < 2 or not all(
            isinstance(h, str) and h.strip() for h in hints):
        problems.append("needs 2 or more non-empty hints")
    if not isinstance(keywords, dict) or not keywords.get("en") or not keywords.get("zh"):
        problems.append("needs keywords in en and zh")
    if entry.get("device", DEFAULT_DEVICE) not in DEVICE_POLICIES:
        problems.append(f"device must be one of {', '.join(DEVICE_POLICIES)}")
    difficulty = entry.get("difficulty")
    if isinstance(difficulty, bool) or difficulty not in (1, 2, 3):
        problems.append("difficulty must be 1, 2 or 3")
    limit = entry.get("time_limit", DEFAULT_TIME_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, (int, float)) or not 0 < limit < 3600:
        problems.append("time_limit must be a number of seconds (0 < s < 3600)")
    if not str(entry.get("title", "")).strip():
        problems.append("needs a title")
    return problems


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
