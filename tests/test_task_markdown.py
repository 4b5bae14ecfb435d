"""The task of an exercise (the starter's docstring) keeps its layout on screen:
indented blocks line by line, `Label:` lines apart, nothing lost to Markdown."""

from __future__ import annotations

import io
import re

import pytest
from conftest import run_cli
from rich.console import Console

from studykit.cli.exercise_render import TaskMarkdown
from studykit.exercises.catalog import catalog_root, get_exercise, load_catalog
from studykit.exercises.task_markdown import task_markdown

DOCSTRING = """\
Sums along a dim (求和).

Prose wrapped by hand
goes on here, with `x * y` and a_b * c <bos>.

Task:
    total(x, dim) -> (..., 1)
        the sum, keepdim kept

    ratio(x)      -> x / total(x)
Inputs:  x, a tensor;
         any shape.
Outputs: a tensor.
* first item
  goes on
* second item"""


def test_the_layout_becomes_markdown_that_keeps_it():
    assert task_markdown(DOCSTRING) == (
        "**Sums along a dim \\(求和\\)\\.**\n\n"
        "Prose wrapped by hand\ngoes on here, with `x * y` and a\\_b \\* c \\<bos\\>\\.\n\n"
        "Task\\:\n\n"
        "```text\ntotal(x, dim) -> (..., 1)\n    the sum, keepdim kept\n\n"
        "ratio(x)      -> x / total(x)\n```\n\n"
        "Inputs\\:  x, a tensor;\nany shape\\.\\\n"
        "Outputs\\: a tensor\\.\\\n"
        "\\* first item\ngoes on\\\n"
        "\\* second item\n")


def test_empty_docstrings_and_backticks_inside_blocks():
    assert task_markdown("") == ""
    assert task_markdown("Title.\n\n    a ```fence``` inside\n") == (
        "**Title\\.**\n\n````text\na ```fence``` inside\n````\n")


def rendered(docstring: str, width: int = 200) -> str:
    out = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    out.print(TaskMarkdown(task_markdown(docstring)))
    return out.export_text()


def test_blocks_wrap_under_their_own_start_on_a_narrow_screen():
    text = rendered("T.\n\nTask:\n    f(x) -> one two three four\n        five six seven eight\n",
                    24)
    assert [line.rstrip() for line in text.splitlines()[4:]] == [
        "  f(x) -> one two three", "  four", "      five six seven", "      eight"]


@pytest.mark.parametrize("exercise", load_catalog(catalog_root()), ids=lambda e: e.id)
def test_every_task_shows_every_character_in_order(exercise):
    """Nothing of the docstring is lost or added (backticks aside: they mark code)."""
    docstring = exercise.prompt()
    assert docstring
    visible = re.sub(r"[\s`]+", "", rendered(docstring))
    assert visible == re.sub(r"[\s`]+", "", docstring)


def task_block(docstring: str) -> list[str]:
    """The indented lines under `Task:`, without their common indent."""
    lines = docstring.split("\nTask:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    indent = min(len(line) - len(line.lstrip()) for line in lines)
    return [line[indent:] for line in lines]


@pytest.mark.parametrize("exercise_id", ["tensors/mm_bmm", "recurrent/teacher_forcing"])
def test_exercise_show_prints_the_task_lines_as_they_are(exercise_id, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    shown = run_cli("exercise", "show", exercise_id)
    assert shown.returncode == 0, shown.stderr
    screen = [line[2:-2].rstrip() for line in shown.stdout.splitlines()
              if line.startswith("│ ") and line.endswith(" │")]  # inside the panel
    docstring = get_exercise(exercise_id).prompt()
    block = ["  " + line for line in task_block(docstring)]  # the block, two in from the prose
    start = screen.index(block[0])
    assert screen[start:start + len(block)] == block
    for label in ("Inputs:", "Outputs:"):  # label lines stay lines of their own
        if f"\n{label}" in docstring:
            line = docstring.split(f"\n{label}", 1)[1].split("\n", 1)[0]
            assert f"{label}{line}".rstrip() in screen


def test_exercise_show_keeps_angle_brackets(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    shown = run_cli("exercise", "show", "recurrent/teacher_forcing").stdout
    assert "starting with <bos>, so" in shown
    assert "decoder_inputs(targets, bos) -> (B, T) int64: <bos> followed by targets[:, :-1]" \
        in shown
