"""Code that runs in a forked grading child: limits, import a file, run the cases.

The child writes one ``case-<i>.pt`` per case and ``meta.json`` into its working folder;
the judge (another child) reads them. Nothing here compares anything.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import sys
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any

import torch

from studykit.grading.kit import Case, Ctx

OUTPUT_FILE_LIMIT = 256 * 1024 * 1024


def run_child(
    *, target: Path, check_path: Path, workdir: Path, device: str, memory_mb: int | None
) -> None:
    """Entry point after fork. Never returns: the process ends with ``os._exit``."""
    try:
        _confine(workdir, memory_mb if device == "cpu" else None)
        code = _grade_file(target, check_path, workdir, device)
    except BaseException:  # noqa: BLE001 - the harness itself must never escape
        traceback.print_exc()
        code = 3
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _confine(workdir: Path, memory_mb: int | None) -> None:
    os.setsid()
    os.chdir(workdir)
    os.environ["HOME"] = str(workdir)
    os.environ["TMPDIR"] = str(workdir)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_FILE_LIMIT, OUTPUT_FILE_LIMIT))
    if memory_mb:
        budget = _current_address_space() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (budget, budget))


def _current_address_space() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


def _grade_file(target: Path, check_path: Path, workdir: Path, device: str) -> int:
    torch.set_num_threads(1)  # the learner's and the reference's children run side by side
    if device == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    meta: dict[str, Any] = {"device": device, "cases": [], "import_error": None}
    checks = _load_module(check_path, "studykit_check")
    try:
        learner = _load_module(target, "solution")
    except BaseException as exc:  # noqa: BLE001 - report any failure to import
        meta["import_error"] = describe_exception(exc, target)
        _write_meta(workdir, meta)
        return 0
    cases = checks.cases(Ctx(device))
    _write_meta(workdir, meta | {"cases": [_case_info(c) for c in cases], "done": False})
    for index, case in enumerate(cases):
        torch.manual_seed(index)
        torch.save(_run_case(case, learner, target), workdir / f"case-{index}.pt")
    _write_meta(workdir, meta | {"cases": [_case_info(c) for c in cases], "done": True})
    return 0


def _case_info(case: Case) -> dict[str, Any]:
    return {
        "name": case.name,
        "rtol": case.rtol,
        "atol": case.atol,
        "exact": case.exact,
        "verify": case.verify,
    }


def _write_meta(workdir: Path, meta: dict[str, Any]) -> None:
    tmp = workdir / "meta.json.tmp"
    tmp.write_text(json.dumps(meta))
    tmp.replace(workdir / "meta.json")


def _load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _run_case(case: Case, learner: ModuleType, target: Path) -> dict[str, Any]:
    before = [t.detach().clone() for t in case.inputs]
    try:
        value = case.call(learner)
    except BaseException as exc:  # noqa: BLE001 - SystemExit and friends are failures too
        return {"error": describe_exception(exc, target)}
    changed = [
        i for i, (t, b) in enumerate(zip(case.inputs, before, strict=True))
        if t.shape != b.shape or not torch.equal(t.detach(), b)
    ]
    return {"value": observe(value), "mutated": changed}


def observe(value: Any, depth: int = 0) -> Any:
    """A learner's return value as plain data that ``torch.load(weights_only=True)`` reads."""
    if depth > 20:
        return {"__type__": "deeply nested value"}
    if isinstance(value, torch.Tensor):
        return {"__tensor__": value.detach().cpu().clone(), "device": value.device.type,
                "requires_grad": value.requires_grad}
    if isinstance(value, torch.Size):
        return tuple(int(v) for v in value)
    if isinstance(value, (bool, int, float, str, type(None))):
        return value
    if isinstance(value, (torch.dtype, torch.device)):
        return str(value)
    if isinstance(value, (list, tuple)):
        items = [observe(v, depth + 1) for v in value[:10_000]]
        return tuple(items) if isinstance(value, tuple) else items
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: observe(v, depth + 1) for k, v in value.items()}
    if hasattr(value, "item") and hasattr(value, "dtype"):  # numpy scalars
        return observe(value.item(), depth + 1)
    return {"__type__": type(value).__name__}


def describe_exception(exc: BaseException, target: Path) -> str:
    """The exception in plain words, with traceback lines from the learner's file only."""
    if isinstance(exc, SystemExit):
        return f"your code called exit({exc.code!r}) instead of returning a value"
    if isinstance(exc, NotImplementedError):
        return "not implemented yet: replace the `raise NotImplementedError` at the TODO"
    if isinstance(exc, AttributeError) and getattr(exc, "obj", None) is sys.modules.get("solution"):
        return f"your file does not define `{exc.name}`"
    if isinstance(exc, SyntaxError) and exc.filename == str(target):
        return f"syntax error at line {exc.lineno}: {exc.msg}\n    {(exc.text or '').strip()}"
    frames = [
        f"line {f.lineno}, in {f.name}: {(f.line or '').strip()}"
        for f in traceback.extract_tb(exc.__traceback__)
        if f.filename == str(target)
    ]
    head = f"{type(exc).__name__}: {exc}".strip()
    if len(head) > 600:
        head = head[:600] + " …"
    return "\n".join([*frames[-3:], head])
