"""Hints nudge, they do not paste the answer (`exercise solution` is for that).

A hint fails when it contains a whole line of the exercise's reference solution, compared
without whitespace; lines the starter's code already shows (signatures, given helpers)
are not part of the answer. A line counts by its expression: what follows `return` or an
assignment's `=`, so `flat_copy = x.clone().view(-1)` in a hint matches the reference line
`return x.clone().view(-1)`. Lines that only name something are left alone: shorter than
MIN_CHARS, a bare (dotted) name, or a call without arguments (`model.zero_grad()`,
`with torch.no_grad():`) — naming the API to use is what a hint is for.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

import pytest

from studykit.exercises.catalog import catalog_root, load_catalog

MIN_CHARS = 10
ASSIGNMENT = re.compile(r"^[\w.\[\], :*()]+?\s*(?:[-+*/@%]|//)?=(?!=)\s*")
STATEMENT_STARTS = ("def ", "class ", "if ", "elif ", "for ", "while ", "with ", "assert ")
NAMES_ONLY = (re.compile(r"^[\w.]+$"),                 # a name or an attribute
              re.compile(r"^[\w.]*(\(\)[\w.]*)*\(\)$"),  # a call without arguments
              re.compile(r"^with[\w.]*(\(\)[\w.]*)*\(\):$"))


def code_lines(source: str) -> list[str]:
    """The lines of a module that hold code: docstrings and comments dropped."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first = node.body[0] if node.body else None
            if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str)):
                skipped.update(range(first.lineno, first.end_lineno + 1))
    lines = source.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            row, col = token.start
            lines[row - 1] = lines[row - 1][:col]
    return [line for number, line in enumerate(lines, 1)
            if number not in skipped and line.strip()]


def expression(line: str) -> str:
    """The part of a code line an answer is made of, without any whitespace."""
    text = re.sub(r"^return\s+", "", line.strip())
    if not text.startswith(STATEMENT_STARTS):
        match = ASSIGNMENT.match(text)
        if match:
            text = text[match.end():]
    return re.sub(r"\s+", "", text)


def answer_lines(solution: str, starter: str = "") -> set[str]:
    given = {expression(line) for line in code_lines(starter)} if starter else set()
    found = {expression(line) for line in code_lines(solution)} - given
    return {e for e in found
            if len(e) >= MIN_CHARS and not any(p.match(e) for p in NAMES_ONLY)}


def pasted_lines(hint: str, answers: set[str]) -> list[str]:
    squeezed = re.sub(r"[\s`]+", "", hint)
    return sorted(a for a in answers if a in squeezed)


STARTER = '''"""A view shares memory, a clone does not."""

import torch


def flat_view(x: torch.Tensor) -> torch.Tensor:
    # TODO: return a flat tensor that shares memory with x
    raise NotImplementedError


def flat_copy(x: torch.Tensor) -> torch.Tensor:
    raise NotImplementedError
'''
REFERENCE = '''"""Reference solution: tensors/view_vs_copy."""

import torch


def flat_view(x: torch.Tensor) -> torch.Tensor:
    return x.view(-1)  # a view


def flat_copy(x: torch.Tensor) -> torch.Tensor:
    copy = x.clone()
    return copy.view(-1)
'''


def test_the_detector_finds_an_answer_line_in_a_hint():
    answers = answer_lines(REFERENCE, STARTER)
    assert answers == {"x.view(-1)", "copy.view(-1)"}  # docstring, comment, signatures out
    assert pasted_lines("`flat_view = x.view(-1)` and then clone", answers) == ["x.view(-1)"]
    assert pasted_lines("return  x.view( -1 )", answers) == ["x.view(-1)"]
    assert pasted_lines("a -1 in `view` lets PyTorch work out the size", answers) == []


def test_the_detector_leaves_names_alone():
    source = ("def f(model, optimizer):\n    with torch.no_grad():\n        model.zero_grad()\n"
              "    total = model.weight_decay\n    return super().__init__()\n")
    assert answer_lines(source, "def f(model, optimizer):\n    pass\n") == set()
    assert answer_lines(source) == {"deff(model,optimizer):"}


@pytest.mark.parametrize("exercise", load_catalog(catalog_root()), ids=lambda e: e.id)
def test_no_hint_pastes_a_line_of_the_reference(exercise):
    answers = answer_lines(exercise.solution.read_text("utf-8"),
                           exercise.starter.read_text("utf-8"))
    pasted = {number: pasted_lines(hint, answers)
              for number, hint in enumerate(exercise.hints, 1)}
    assert {n: lines for n, lines in pasted.items() if lines} == {}


def test_hints_are_two_to_four():
    counts = {e.id: len(e.hints) for e in load_catalog(catalog_root())}
    assert {i: n for i, n in counts.items() if not 2 <= n <= 4} == {}
