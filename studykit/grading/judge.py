"""Compare the learner's observations with the reference's, in plain words.

Runs in its own child (forked from a worker that never ran a torch op), reading the
``case-<i>.pt`` files the two grading children wrote.
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path
from typing import Any

import torch

UNFINISHED = "the case did not finish"
FLOAT_TOLERANCE_CUDA = {torch.float32: (1e-4, 1e-5), torch.float16: (1e-2, 1e-3)}


class Mismatch(AssertionError):
    """A case failed; the message is shown to the learner as is."""


def judge_case(info: dict, got_file: Path, expected_file: Path, check_path: Path,
               device: str) -> tuple[str, str]:
    """(status, message) of one case."""
    got = _load(got_file)
    expected = _load(expected_file)
    if got is None:
        return "fail", UNFINISHED
    if "error" in got:
        return "fail", got["error"]
    if expected is None or "error" in expected:
        return "error", f"the reference solution failed this case: {expected}"
    if got["mutated"]:
        return "fail", "your code changed its input in place; work on a copy or out of place"
    try:
        if info["verify"]:
            _verifier(check_path, info["verify"])(_plain(got["value"]), _plain(expected["value"]))
        else:
            compare(got["value"], expected["value"], info, device)
    except AssertionError as exc:
        return "fail", str(exc) or "the result is not right"
    except Exception as exc:  # noqa: BLE001 - a result the check cannot even inspect
        return "fail", f"the result could not be checked ({type(exc).__name__}: {exc})"
    return "pass", ""


def _load(path: Path) -> dict | None:
    if not path.exists():
        return None
    return torch.load(path, weights_only=True)


def _verifier(check_path: Path, name: str):
    spec = importlib.util.spec_from_file_location("studykit_check", check_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def _plain(value: Any) -> Any:
    """Observations with tensor wrappers removed (what verify functions receive)."""
    if isinstance(value, dict) and "__tensor__" in value:
        return value["__tensor__"]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    return value


def compare(got: Any, expected: Any, info: dict, device: str, where: str = "result") -> None:
    if isinstance(expected, dict) and "__tensor__" in expected:
        _compare_tensor(got, expected, info, device, where)
    elif isinstance(expected, bool) or expected is None or isinstance(expected, str):
        if got != expected or type(got) is not type(expected):
            raise Mismatch(f"{where}: expected {expected!r}, got {_describe(got)}")
    elif isinstance(expected, (int, float)):
        _compare_number(got, expected, info, where)
    elif isinstance(expected, (list, tuple)):
        _compare_sequence(got, expected, info, device, where)
    elif isinstance(expected, dict):
        _compare_dict(got, expected, info, device, where)
    else:
        raise Mismatch(f"{where}: cannot compare {expected!r}")


def _compare_number(got: Any, expected: float, info: dict, where: str) -> None:
    if isinstance(got, dict) and "__tensor__" in got and got["__tensor__"].numel() == 1:
        got = got["__tensor__"].item()
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        raise Mismatch(f"{where}: expected the number {expected!r}, got {_describe(got)}")
    if isinstance(expected, int) and not isinstance(expected, bool) and isinstance(got, int):
        if got != expected:
            raise Mismatch(f"{where}: expected {expected}, got {got}")
        return
    rtol = info.get("rtol") or 1e-6
    atol = info.get("atol") or 1e-6
    if not math.isclose(got, expected, rel_tol=rtol, abs_tol=atol):
        raise Mismatch(f"{where}: expected {expected:.6g}, got {got:.6g}")


def _compare_sequence(got, expected, info, device, where) -> None:
    if not isinstance(got, (list, tuple)):
        raise Mismatch(f"{where}: expected a sequence of {len(expected)} items, got {_describe(got)}")
    if len(got) != len(expected):
        raise Mismatch(f"{where}: expected {len(expected)} items, got {len(got)}")
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        compare(g, e, info, device, f"{where}[{i}]")


def _compare_dict(got, expected, info, device, where) -> None:
    if not isinstance(got, dict) or "__tensor__" in got or "__type__" in got:
        raise Mismatch(f"{where}: expected a dict with keys {sorted(expected)}, got {_describe(got)}")
    if set(got) != set(expected):
        raise Mismatch(f"{where}: expected keys {sorted(expected)}, got {sorted(got)}")
    for key in expected:
        compare(got[key], expected[key], info, device, f"{where}[{key!r}]")


def _compare_tensor(got, expected, info, device, where) -> None:
    want = expected["__tensor__"]
    if not (isinstance(got, dict) and "__tensor__" in got):
        raise Mismatch(f"{where}: expected a tensor of shape {tuple(want.shape)}, "
                       f"got {_describe(got)}")
    have = got["__tensor__"]
    if have.shape != want.shape:
        raise Mismatch(f"{where}: expected shape {tuple(want.shape)}, got {tuple(have.shape)}")
    if have.dtype != want.dtype:
        raise Mismatch(f"{where}: expected dtype {want.dtype}, got {have.dtype}")
    if got["device"] != expected["device"]:
        raise Mismatch(f"{where}: expected the tensor on {expected['device']}, "
                       f"got it on {got['device']}")
    if info.get("exact") or not (want.is_floating_point() or want.is_complex()):
        if not torch.equal(have, want):
            wrong = (have != want).nonzero()
            first = tuple(wrong[0].tolist()) if len(wrong) else ()
            raise Mismatch(f"{where}: {len(wrong)} of {want.numel()} values differ; first at "
                           f"index {first}: expected {want[first].item()}, got {have[first].item()}")
        return
    _assert_close(have, want, info, device, where)


def _assert_close(have, want, info, device, where) -> None:
    rtol, atol = info.get("rtol"), info.get("atol")
    if rtol is None and atol is None and device == "cuda":
        rtol, atol = FLOAT_TOLERANCE_CUDA.get(want.dtype, (None, None))
    if (rtol is None) != (atol is None):
        rtol = rtol if rtol is not None else 1.3e-6
        atol = atol if atol is not None else 1e-5
    try:
        torch.testing.assert_close(have, want, rtol=rtol, atol=atol, equal_nan=False)
    except AssertionError as exc:
        lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
        keep = [ln for ln in lines if ln.startswith(("Mismatched", "Greatest"))]
        raise Mismatch(f"{where}: values differ. " + "; ".join(keep or lines[:2])) from None


def _describe(value: Any) -> str:
    if isinstance(value, dict) and "__tensor__" in value:
        t = value["__tensor__"]
        return f"a tensor of shape {tuple(t.shape)} ({t.dtype})"
    if isinstance(value, dict) and "__type__" in value:
        return f"a {value['__type__']} object"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} items"
    return repr(value)[:80]
