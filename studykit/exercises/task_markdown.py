"""An exercise's task (the starter's docstring) as Markdown that keeps its layout.

The docstrings are laid out as plain text: prose wrapped by hand, `Label: text` lines,
`* ` items, and indented blocks (signatures, shape tables, formulas) whose line breaks and
alignment carry the meaning. Read as Markdown as they are, the indented blocks run into
the paragraph above them, `<bos>` vanishes as an HTML tag and `a * b * c` turns italic.
Here:

* an indented block becomes a fenced block, dedented as a whole (alignment kept);
* prose is escaped (only `code spans` stay Markdown) and may reflow to the width;
* a `Label: text` line or a `* ` item starts a new line (a hard break); the indented lines
  that continue it (aligned with its text) join it;
* the first line, the summary, is bold.

No rich here: the CLI renders the result with rich's Markdown.
"""

from __future__ import annotations

import re
import textwrap

LABEL = re.compile(r"^[A-Z][\w'()/ -]{0,40}?:( +)(?=\S)")  # "Inputs:  x ..." -> text column
ITEM = re.compile(r"^(?:[-*]|\d+[.)]) +(?=\S)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&=:])")
HARD_BREAK = "\\\n"


def task_markdown(docstring: str) -> str:
    """The docstring as Markdown; empty text gives an empty string."""
    lines = docstring.expandtabs().strip("\n").splitlines()
    if not lines:
        return ""
    blocks = [f"**{_escape(lines[0].strip())}**"] if lines[0].strip() else []
    blocks += [_render(kind, body) for kind, body in _blocks(lines[1:])]
    return "\n\n".join(b for b in blocks if b) + "\n"


def _blocks(lines: list[str]) -> list[tuple[str, list]]:
    """("prose", [logical lines]) and ("code", [raw lines]) blocks, in order."""
    blocks: list[tuple[str, list]] = []
    prose: list[str] = []          # logical lines of the current paragraph
    code: list[str] = []           # raw lines of the current indented block (blanks kept)
    text_column = None             # where the text of the last label / item line starts

    def close_prose():
        nonlocal prose
        if prose:
            blocks.append(("prose", prose))
            prose = []

    def close_code():
        nonlocal code
        while code and not code[-1].strip():
            code.pop()
        if code:
            blocks.append(("code", code))
            code = []

    for index, line in enumerate(lines):
        indent = len(line) - len(line.lstrip())
        if not line.strip():
            if code and _code_goes_on(lines, index):
                code.append("")
            else:
                close_code()
                close_prose()
                text_column = None
        elif indent and not code and prose and indent == text_column:
            prose[-1] += "\n" + line.strip()            # continues a label or an item
        elif indent:
            close_prose()
            code.append(line)
            text_column = None
        else:
            close_code()
            starts = LABEL.match(line) or ITEM.match(line)
            if starts or not prose:                     # a new line of the paragraph
                prose.append(line)
                text_column = starts.end() if starts else None
            else:                                       # wrapped prose: may reflow
                prose[-1] += "\n" + line
    close_code()
    close_prose()
    return blocks


def _code_goes_on(lines: list[str], index: int) -> bool:
    """A blank line stays inside an indented block when the block resumes after it."""
    for line in lines[index + 1:]:
        if line.strip():
            return line[0].isspace()
    return False


def _render(kind: str, body: list[str]) -> str:
    if kind == "code":
        text = textwrap.dedent("\n".join(body))
        fence = "`" * max(3, _longest_backtick_run(text) + 1)
        return f"{fence}text\n{text}\n{fence}"
    return HARD_BREAK.join(_escape(logical) for logical in body)


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)


def _escape(text: str) -> str:
    """Every Markdown character escaped, except inside `code spans`."""
    parts, last = [], 0
    for span in CODE_SPAN.finditer(text):
        parts.append(SPECIAL.sub(r"\\\1", text[last:span.start()]))
        parts.append(span.group(0))
        last = span.end()
    parts.append(SPECIAL.sub(r"\\\1", text[last:]))
    return "".join(parts)
