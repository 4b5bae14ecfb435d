"""What every reader shares: the title fallback, the front-matter reader, the chapter
tracker and the way a thought is attached to its highlight.

Readers hold only their format; anything two of them would otherwise write twice lives
here, so that, say, a file without a title gets the same fallback title whatever its format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from studykit.sources.models import Highlight, normalise_for_id

FALLBACK_TITLE = "untitled"
_NOTES_SUFFIX = re.compile(r"\.(?:md|markdown|txt|csv|tsv)$", re.IGNORECASE)


def title_from_name(name: str) -> str:
    """A book's title when its file names none: the file name without folder or notes
    suffix (``深度学习.md`` → ``深度学习``), else ``untitled``."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return _NOTES_SUFFIX.sub("", base).strip() or base or FALLBACK_TITLE


# --- front matter ----------------------------------------------------------------------

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # yaml.safe_load, in C when built
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")
_FENCE_CLOSE = ("---", "...")

# what is wrong with a block, worded to follow "the frontmatter ..."
NO_CLOSING_FENCE = "has no closing '---'"
NOT_A_MAPPING = "is not a YAML mapping"


@dataclass
class FrontMatter:
    """The ``---`` block at the top of a file.

    ``data`` is the YAML mapping (None when there is no block or it is not readable YAML),
    ``raw`` its ``key: value`` lines as written, ``body`` the index of the first line after
    the block (0 when there is none) and ``problem`` why the YAML could not be used, worded
    to follow "the frontmatter" (None when it could, or when there is no block)."""

    found: bool = False
    data: dict | None = None
    raw: dict[str, str] = field(default_factory=dict)
    body: int = 0
    problem: str | None = None

    def text(self, key: str, *, raw_fallback: bool = True) -> str | None:
        """A field as text: strings stripped, numbers and dates as written, lists joined
        by ``", "``. ``raw_fallback``: use the line as written when the YAML is unusable."""
        if self.data is None:
            return self.raw.get(key) or None if raw_fallback else None
        value = self.data.get(key)
        if isinstance(value, str):
            return value.strip() or None
        if isinstance(value, (list, tuple)):
            return ", ".join(t for t in (_scalar_text(item) for item in value) if t) or None
        if value is None or isinstance(value, dict):
            return None
        return self.raw.get(key) or str(value)  # a number, date or yes/no: as written


def _scalar_text(value: object) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    return ""


def read_front_matter(lines: list[str], *, stop_at=None) -> FrontMatter:
    """Read a front-matter block that opens on the first non-blank line.

    Without a closing fence the block ends at the first line ``stop_at(line)`` accepts
    (the body has started); when ``stop_at`` is None such a block is no front matter."""
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first == len(lines) or lines[first].rstrip() != "---":
        return FrontMatter()
    end, closed = None, False
    for index in range(first + 1, len(lines)):
        if lines[index].rstrip() in _FENCE_CLOSE:
            end, closed = index, True
            break
        if stop_at is not None and stop_at(lines[index]):
            end = index
            break
    if end is None:
        if stop_at is None:
            return FrontMatter()
        end = len(lines)
    block = lines[first + 1 : end]
    matter = FrontMatter(found=True, raw=_raw_fields(block), body=end + 1 if closed else end)
    if not closed:
        matter.problem = NO_CLOSING_FENCE
    else:
        _load_yaml(matter, block)
    return matter


def _load_yaml(matter: FrontMatter, block: list[str]) -> None:
    try:
        data = yaml.load("\n".join(block), Loader=_SAFE_LOADER)
    except Exception as exc:  # yaml errors, and RecursionError on deep nesting
        problem = getattr(exc, "problem", None) or str(exc).strip().split("\n")[0]
        matter.problem = f"is not valid YAML ({problem or type(exc).__name__})"
        return
    if data is None:
        matter.data = {}
    elif isinstance(data, dict):
        matter.data = data
    else:
        matter.problem = NOT_A_MAPPING


def _raw_fields(block: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in block:
        match = _KEY_VALUE.match(line)
        if match and match.group(1) not in fields:
            fields[match.group(1)] = _unquote(match.group(2).strip())
    return fields


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


# --- chapters --------------------------------------------------------------------------


class Chapters:
    """The open headings, outermost first, each with the depth it was written at.

    A heading closes every open heading as deep or deeper. ``level`` is how deep the
    innermost chapter is: its written depth when the format numbers its levels itself
    (``absolute_levels``, WeRead's chapter levels), else the number of open headings."""

    def __init__(self, *, absolute_levels: bool = False) -> None:
        self.stack: list[tuple[int, str]] = []
        self.absolute_levels = absolute_levels
        self.path: tuple[str, ...] = ()  # kept in step with the stack: read for every item
        self.level = 0

    def enter(self, depth: int, title: str) -> None:
        while self.stack and self.stack[-1][0] >= depth:
            self.stack.pop()
        if title:
            self.stack.append((depth, title))
        self._changed()

    def reset(self) -> None:
        self.stack = []
        self._changed()

    @property
    def current(self) -> str:
        return self.path[-1] if self.path else ""

    def snapshot(self) -> tuple[tuple[int, str], ...]:
        return tuple(self.stack)

    def restore(self, snapshot: tuple[tuple[int, str], ...]) -> None:
        self.stack = list(snapshot)
        self._changed()

    def _changed(self) -> None:
        self.path = tuple(title for _, title in self.stack)
        if self.absolute_levels:
            self.level = self.stack[-1][0] if self.stack else 0
        else:
            self.level = len(self.stack)

    def highlight(self, text: str, kind: str = "text", language: str | None = None,
                  **fields) -> Highlight:
        """A highlight placed in the current chapter."""
        path = self.path
        return Highlight(text=text, chapter=path[-1] if path else "", chapter_path=path,
                         chapter_level=self.level, kind=kind, language=language, **fields)


# --- thoughts --------------------------------------------------------------------------


class Thoughts:
    """Attaches the reader's thoughts to highlights, each thought once per highlight
    (whitespace, full/half width and case aside); several thoughts are joined by a blank
    line in ``Highlight.note``."""

    def __init__(self) -> None:
        self._keys: dict[int, set[str]] = {}

    def attach(self, highlight: Highlight, thought: str) -> None:
        thought = thought.strip()
        key = normalise_for_id(thought)
        keys = self._keys.setdefault(id(highlight), set())
        if not key or key in keys:
            return
        keys.add(key)
        highlight.note = thought if highlight.note is None else f"{highlight.note}\n\n{thought}"

    def carries(self, highlight: Highlight, thoughts: list[str]) -> bool:
        """Whether ``highlight`` already carries every one of ``thoughts``."""
        wanted = {normalise_for_id(t) for t in thoughts}
        return wanted <= self._keys.get(id(highlight), set())
