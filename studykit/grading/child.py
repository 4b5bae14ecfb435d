"""Code that runs in a forked grading child: confine, import a file, run the cases.

The child builds the cases (the check file is loaded before the sandbox closes), imports
the file to grade from its own folder, runs each case and writes what it returned to the
results pipe (see :mod:`studykit.grading.channel`). Nothing here compares anything.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any

import torch

from studykit.grading import channel, sandbox
from studykit.grading.kit import Case, Ctx

LEARNER_MODULE = "solution"


def run_child(*, role: str, target: Path, check_path: Path, folder: Path, device: str,
              memory_mb: int | None, hidden: tuple[Path, ...], results_fd: int,
              join_group) -> None:
    """Entry point after fork. Never returns: the process ends with ``os._exit``."""
    code = 0
    try:
        join_group()
        checks = load_module(check_path, "studykit_check")
        sandbox.confine(sandbox.Confinement(
            role, folder, hidden, memory_mb * 1024 * 1024 if memory_mb and device == "cpu"
            else None, device, keep_fds=(results_fd,)))
        _grade_file(target, checks, device, results_fd, role)
    except BaseException:  # noqa: BLE001 - the harness itself must never escape
        _send(results_fd, channel.frame(channel.CRASH, traceback.format_exc()[-2000:].encode()))
        code = 3
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _send(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except OSError:
            return
        view = view[written:]


def _grade_file(target: Path, checks: ModuleType, device: str, fd: int, role: str) -> None:
    torch.set_num_threads(1)  # the learner's and the reference's children run side by side
    if device == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    ctx = Ctx(device)
    cases = checks.cases(ctx)  # before the graded file runs any code of its own
    try:
        module = load_module(target, LEARNER_MODULE)
    except BaseException as exc:  # noqa: BLE001 - report any failure to import
        meta = {"cases": len(cases), "import_error": describe_exception(exc, target)}
        _send(fd, channel.frame(channel.META, json.dumps(meta).encode()))
        return
    _send(fd, channel.frame(channel.META, json.dumps({"cases": len(cases),
                                                       "import_error": None}).encode()))
    for index, case in enumerate(cases):
        torch.manual_seed(index)
        blobs: list[bytes] = []
        result = _run_case(case, ctx, module, target, blobs)
        if role == "reference" and case.expected is not None and "error" not in result:
            result["expected"] = _observe_expected(case, blobs)
        _send(fd, channel.encode_case(index, result, blobs))
    _send(fd, channel.frame(channel.DONE, b""))


def load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _run_case(case: Case, ctx: Ctx, module: ModuleType, target: Path,
              blobs: list[bytes]) -> dict[str, Any]:
    watched = ctx.watch(case)
    try:
        value = case.call(module)
    except BaseException as exc:  # noqa: BLE001 - SystemExit and friends are failures too
        return {"error": describe_exception(exc, target)}
    try:
        observed = channel.observe(value, blobs)
    except Exception as exc:  # noqa: BLE001 - e.g. a tensor that cannot be read back
        return {"error": f"your result could not be read: {type(exc).__name__}: {exc}"}
    return {"value": observed, "mutated": watched.changes()}


def _observe_expected(case: Case, blobs: list[bytes]) -> Any:
    try:
        return channel.observe(case.expected(), blobs)
    except Exception as exc:  # noqa: BLE001 - reported by the judge as the reference's error
        return {"$": "opaque", "what": f"an error computing the expected value: {exc}"}


def describe_exception(exc: BaseException, target: Path) -> str:
    """The exception in plain words, with traceback lines from the learner's file only."""
    if isinstance(exc, SystemExit):
        return f"your code called exit({exc.code!r}) instead of returning a value"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == str(target)]
    if isinstance(exc, NotImplementedError) and _raised_by_a_todo(exc, target):
        return "not implemented yet: replace the `raise NotImplementedError` at the TODO"
    if isinstance(exc, AttributeError) and getattr(exc, "obj", None) is sys.modules.get(
            LEARNER_MODULE):
        return f"your file does not define `{exc.name}`"
    if isinstance(exc, SyntaxError) and exc.filename == str(target):
        return f"syntax error at line {exc.lineno}: {exc.msg}\n    {(exc.text or '').strip()}"
    lines = [f"line {f.lineno}, in {f.name}: {(f.line or '').strip()}" for f in frames]
    head = f"{type(exc).__name__}: {exc}".strip()
    if len(head) > 600:
        head = head[:600] + " …"
    return "\n".join([*lines[-3:], head])


def _raised_by_a_todo(exc: BaseException, target: Path) -> bool:
    """True when the innermost frame is a ``raise NotImplementedError`` line of the
    learner's own file (the starter's stub), not a library refusing an operation."""
    tb = traceback.extract_tb(exc.__traceback__)
    if not tb or tb[-1].filename != str(target):
        return False
    return (tb[-1].line or "").strip().startswith("raise NotImplementedError")
