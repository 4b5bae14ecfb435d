"""Systematic mutations of a reference solution, to measure what an exercise's check catches.

Each mutant changes one place in the reference's syntax tree the way a learner's plausible
slip would: a reduction over the other dimension, a constant off by one, a dropped call
(``zero_grad``, ``train``, ``eval``), a dropped ``detach``/``clamp``/``clone``, ``log1p`` for
``log``, ``n - 1`` for ``n``, ``children()`` for ``_modules.values()``, a list instead of a
generator, in-place instead of out-of-place (and back), a flipped flag or comparison, a
``torch.no_grad()`` block left out. A mutant the check fails is *killed*; a survivor is
either a gap in the check or equivalent to the reference, and then it is listed, with the
reason, in ``exercises/mutants.yaml``. No torch here.
"""

from __future__ import annotations

import ast
import copy
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from studykit.grading import mutation_ops as ops


@dataclass(frozen=True)
class Mutant:
    key: str  # stable: operator and the source it changes (no line number)
    line: int
    source: str  # the whole mutated file




def generate(source: str, given: str | None = None) -> list[Mutant]:
    """Every mutant of ``source`` (a Python file), in file order; mutants that do not
    change the code (or do not compile) are left out, and so is code the starter
    ``given`` already contains word for word (a provided class, a helper): the learner
    does not write it, so its mutants say nothing about the check."""
    tree = ast.parse(source)
    provided = _provided_nodes(tree, given)
    ops.NUMBER_NAMES.clear()
    ops.NUMBER_NAMES.update(ops.number_names(tree))
    nodes = list(ast.walk(tree))
    sites: list[tuple[int, str, ops.Change]] = []
    for index, node in enumerate(nodes):
        if id(node) in provided:
            continue
        for label, change in ops.sites(node):
            sites.append((index, label, change))
    baseline = ast.unparse(tree)
    seen_code: set[str] = {baseline}
    keys: Counter[str] = Counter()
    result = []
    for index, label, change in sites:
        mutated = copy.deepcopy(tree)
        mutated_nodes = list(ast.walk(mutated))
        parents = {id(child): parent for parent in mutated_nodes
                   for child in ast.iter_child_nodes(parent)}
        try:
            change(mutated_nodes[index], parents)
            ast.fix_missing_locations(mutated)
            code = ast.unparse(mutated)
            compile(code, "<mutant>", "exec")
        except (SyntaxError, ValueError, TypeError, AttributeError, KeyError):
            continue
        if code in seen_code:
            continue
        seen_code.add(code)
        keys[label] += 1
        key = label if keys[label] == 1 else f"{label} #{keys[label]}"
        result.append(Mutant(key, getattr(nodes[index], "lineno", 0), code))
    return result


def _provided_nodes(tree: ast.Module, given: str | None) -> set[int]:
    """ids of every node inside a top-level def or class the starter has unchanged."""
    if not given:
        return set()
    try:
        starter = {_without_docstrings(n) for n in ast.parse(given).body
                   if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    except SyntaxError:
        return set()
    return {id(inner) for top in tree.body if isinstance(top, (ast.FunctionDef, ast.ClassDef))
            and _without_docstrings(top) in starter for inner in ast.walk(top)}


def _without_docstrings(node: ast.AST) -> str:
    """``ast.dump`` of a def or class with every docstring left out."""
    copied = copy.deepcopy(node)
    for inner in ast.walk(copied):
        body = getattr(inner, "body", None)
        if isinstance(inner, (ast.FunctionDef, ast.ClassDef)) and body \
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            inner.body = body[1:] or [ast.Pass()]
    return ast.dump(copied)




def load_equivalents(path: Path) -> dict[str, dict[str, str]]:
    """``{exercise id: {mutant key: why it is equivalent}}`` from the reviewed file."""
    import yaml

    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    result: dict[str, dict[str, str]] = {}
    for entry in data.get("equivalent", []):
        result.setdefault(entry["id"], {})[entry["mutant"]] = entry["why"]
    return result


def load_reviewed(path: Path) -> set[str]:
    """The exercise ids whose mutants have been reviewed (``reviewed:`` in the file)."""
    import yaml

    if not path.exists():
        return set()
    return set((yaml.safe_load(path.read_text("utf-8")) or {}).get("reviewed") or [])
