"""Compare the learner's observations with the reference's, in plain words.

Runs in its own sandboxed child (forked from a worker that never ran a torch op), after
every learner process is gone. It reads only bytes the worker hands it in memory, decodes
them with :func:`studykit.grading.channel.decode_case` (plain data only) and writes one
JSON list of tests to a pipe only the worker reads.
"""

from __future__ import annotations

import json
import math
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import torch

from studykit.grading import channel, sandbox
from studykit.grading.channel import ChannelError, Opaque, TensorObs
from studykit.grading.kit import Case, Ctx, plain_words

UNFINISHED = "the case did not finish"
FLOAT_TOLERANCE_CUDA = {torch.float32: (1e-4, 1e-5), torch.float16: (1e-2, 1e-3)}
DEFAULT_TOLERANCE = {torch.float16: (1e-3, 1e-5), torch.bfloat16: (1.6e-2, 1e-5),
                     torch.float32: (1.3e-6, 1e-5), torch.float64: (1e-7, 1e-7),
                     torch.complex64: (1.3e-6, 1e-5), torch.complex128: (1e-7, 1e-7)}


class Mismatch(AssertionError):
    """A case failed; the message is shown to the learner as is."""


def run_judge(*, check_path: Path, learner: dict[int, bytes], reference: dict[int, bytes],
              device: str, memory_mb: int, hidden: tuple[Path, ...], results_fd: int,
              join_group) -> None:
    """Entry point after fork: judge every case, write the tests as JSON, ``os._exit``."""
    code = 0
    try:
        join_group()
        from studykit.grading.child import load_module

        checks = load_module(check_path, "studykit_check")
        sandbox.confine(sandbox.Confinement("judge", None, hidden, memory_mb * 1024 * 1024,
                                            keep_fds=(results_fd,)))
        cases = checks.cases(Ctx("cpu"))
        tests = [_test(case.name, *judge_case(case, learner.get(i), reference.get(i),
                                              checks, device))
                 for i, case in enumerate(cases)]
        payload = json.dumps(tests).encode()
    except MemoryError:
        payload = json.dumps({"crash": "the judge ran out of memory reading the results"}).encode()
        code = 3
    except BaseException:  # noqa: BLE001 - reported as a grader failure, never a pass
        payload = json.dumps({"crash": traceback.format_exc()[-1500:]}).encode()
        code = 3
    view = memoryview(payload)
    while view:
        view = view[os.write(results_fd, view):]
    sys.stdout.flush()
    os._exit(code)


def _test(name: str, status: str, message: str) -> dict:
    return {"name": name, "status": status, "message": message}


def judge_case(case: Case, got_payload: bytes | None, expected_payload: bytes | None,
               checks, device: str) -> tuple[str, str]:
    """(status, message) of one case."""
    if got_payload is None:
        return "fail", UNFINISHED
    try:
        got = channel.decode_case(got_payload)
    except ChannelError as exc:
        return "fail", f"your code's results could not be read ({exc})"
    except MemoryError:
        return "fail", "your code's results are too large to compare"
    if "error" in got:
        return "fail", got["error"]
    if expected_payload is None:
        return "error", "the reference solution did not finish this case; please report this"
    expected = channel.decode_case(expected_payload)
    if "error" in expected:
        return "error", f"the reference solution failed this case: {expected['error']}"
    extra = [c for c in got["mutated"] if c not in expected["mutated"]]
    if extra:  # the reference changes what the task asks to change in place, nothing else
        return "fail", ("your code changed an input in place (" + "; ".join(extra)
                        + "); work on a copy or out of place")
    missing = [c for c in expected["mutated"] if c not in got["mutated"]]
    if missing:
        return "fail", ("your code should change an input in place, as the task says ("
                        + "; ".join(missing) + "), but left it unchanged")
    want = expected["expected"] if case.expected is not None else expected["value"]
    verify = _verifier(case.verify, checks) if case.verify is not None else None  # a check bug
    try:                                                                  # raises: grader error
        if verify is not None:
            verify(plain(got["value"]), plain(want))
        else:
            compare(got["value"], want, case, device)
    except AssertionError as exc:
        return "fail", str(exc) or "the result is not right"
    except Exception as exc:  # noqa: BLE001 - a result the check cannot even inspect
        return "fail", f"your result could not be checked ({type(exc).__name__}: {exc})"
    return "pass", ""


def _verifier(verify, checks):
    function = getattr(checks, verify) if isinstance(verify, str) else verify  # str: deprecated
    return function if getattr(function, "_plain_words", False) else plain_words(function)


def plain(value: Any) -> Any:
    """Observations as verify functions receive them: plain tensors (that never require
    grad, as before), each carrying what the code returned in ``returned_requires_grad``
    (read by :func:`studykit.grading.kit.assert_detached`)."""
    if isinstance(value, TensorObs):
        value.tensor.returned_requires_grad = value.requires_grad
        return value.tensor
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(plain(v) for v in value)
    return value


def compare(got: Any, expected: Any, case: Case, device: str, where: str = "") -> None:
    """Raise :class:`Mismatch` unless ``got`` is ``expected`` (type, then value)."""
    if isinstance(expected, TensorObs):
        _compare_tensor(got, expected, case, device, where)
    elif isinstance(expected, Opaque):
        if not isinstance(got, Opaque) or got.what != expected.what:
            _fail(where, f"expected {expected.what}, got {describe(got)}")
    elif expected is None or isinstance(expected, (bool, str)):
        if type(got) is not type(expected) or got != expected:
            _fail(where, f"expected {expected!r}, got {describe(got)}")
    elif isinstance(expected, (int, float)):
        _compare_number(got, expected, case, where)
    elif isinstance(expected, (list, tuple)):
        _compare_sequence(got, expected, case, device, where)
    elif isinstance(expected, dict):
        _compare_dict(got, expected, case, device, where)
    else:
        _fail(where, f"cannot compare {expected!r}")


def _fail(where: str, message: str) -> None:
    raise Mismatch(f"{where}: {message}" if where else message)


def _compare_number(got: Any, expected: int | float, case: Case, where: str) -> None:
    relaxed = "type" in case.relax
    if relaxed and isinstance(got, TensorObs) and got.tensor.numel() == 1:
        got = got.tensor.item()
    if type(got) is bool or type(got) not in (int, float):
        hint = " (use .item() for a Python number)" if isinstance(got, TensorObs) else ""
        _fail(where, f"expected the number {expected!r} ({_kind(expected)}), "
                     f"got {describe(got)}{hint}")
    if type(got) is not type(expected) and not relaxed:
        _fail(where, f"expected {_kind(expected)} ({expected!r}), got {_kind(got)} ({got!r})")
    if type(expected) is int and type(got) is int:
        if got != expected:
            _fail(where, f"expected {expected}, got {got}")
        return
    rtol = case.rtol if case.rtol is not None else 1e-6
    atol = case.atol if case.atol is not None else 1e-6
    if not math.isclose(got, expected, rel_tol=rtol, abs_tol=atol):
        _fail(where, f"expected {expected:.6g}, got {got:.6g}")


def _kind(value: Any) -> str:
    if type(value) is int:
        return "an int"
    if type(value) is float:
        return "a float"
    return describe(value)


def _compare_sequence(got, expected, case: Case, device: str, where: str) -> None:
    noun = type(expected).__name__
    if not isinstance(got, (list, tuple)):
        _fail(where, f"expected a {noun} of {len(expected)} items, got {describe(got)}")
    if type(got) is not type(expected) and "type" not in case.relax:
        _fail(where, f"expected a {noun} of {len(expected)} items, got {describe(got)}")
    if len(got) != len(expected):
        _fail(where, f"expected {len(expected)} items, got {len(got)}")
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        compare(g, e, case, device, _join(where, f"item {i}"))


def _compare_dict(got, expected, case: Case, device: str, where: str) -> None:
    if not isinstance(got, dict):
        _fail(where, f"expected a dict with keys {sorted(expected)}, got {describe(got)}")
    if set(got) != set(expected):
        missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
        _fail(where, "the keys differ: " + "; ".join(
            part for part in (f"missing {missing}" if missing else "",
                              f"unexpected {extra}" if extra else "") if part))
    for key in expected:
        compare(got[key], expected[key], case, device, _join(where, str(key)))


def _join(where: str, part: str) -> str:
    return f"{where}, {part}" if where else part


def _compare_tensor(got, expected: TensorObs, case: Case, device: str, where: str) -> None:
    want = expected.tensor
    if not isinstance(got, TensorObs):
        _fail(where, f"expected a tensor of shape {tuple(want.shape)}, got {describe(got)}")
    have = got.tensor
    if have.shape != want.shape:
        _fail(where, f"expected shape {tuple(want.shape)}, got {tuple(have.shape)}")
    if have.dtype != want.dtype and "dtype" not in case.relax:
        _fail(where, f"expected dtype {want.dtype}, got {have.dtype}")
    if got.device != expected.device and "device" not in case.relax:
        _fail(where, f"expected the tensor on {expected.device}, got it on {got.device}")
    if got.requires_grad != expected.requires_grad and "requires_grad" not in case.relax:
        _fail(where, "expected a tensor that requires grad, got one that does not"
              if expected.requires_grad else
              "expected a tensor that does not require grad (detach it, or compute it under "
              "torch.no_grad()), got one that does")
    if have.dtype != want.dtype:
        have = have.to(want.dtype)
    if case.exact or not (want.is_floating_point() or want.is_complex()):
        _compare_exact(have, want, where)
    else:
        _compare_close(have, want, case, device, where)


def _compare_exact(have: torch.Tensor, want: torch.Tensor, where: str) -> None:
    if torch.equal(have, want):
        return
    wrong = (have != want).nonzero()
    first = tuple(wrong[0].tolist()) if len(wrong) else ()
    _fail(where, f"{len(wrong)} of {want.numel()} values differ; the first at index "
                 f"{_index(first)}: expected {_value(want[first])}, got {_value(have[first])}")


def tolerances(case: Case, dtype: torch.dtype, device: str) -> tuple[float, float]:
    rtol, atol = case.rtol, case.atol
    if rtol is None and atol is None and device == "cuda":
        rtol, atol = FLOAT_TOLERANCE_CUDA.get(dtype, (None, None))
    default = DEFAULT_TOLERANCE.get(dtype, (1.3e-6, 1e-5))
    return (rtol if rtol is not None else default[0]), (atol if atol is not None else default[1])


def _compare_close(have: torch.Tensor, want: torch.Tensor, case: Case, device: str,
                   where: str) -> None:
    rtol, atol = tolerances(case, want.dtype, device)
    close = torch.isclose(have, want, rtol=rtol, atol=atol, equal_nan=False)
    if bool(close.all()):
        return
    diff = (have.to(torch.complex128 if want.is_complex() else torch.float64)
            - want.to(torch.complex128 if want.is_complex() else torch.float64)).abs()
    diff = torch.where(close, torch.zeros_like(diff), diff.nan_to_num(nan=math.inf))
    worst = _unravel(int(diff.argmax()), tuple(want.shape))
    count = int((~close).sum())
    _fail(where, f"{count} of {want.numel()} values differ; the largest difference is at "
                 f"index {_index(worst)}: expected {_value(want[worst])}, got "
                 f"{_value(have[worst])} (allowed: {atol:g} + {rtol:g} x |expected|)")


def _unravel(flat: int, shape: tuple[int, ...]) -> tuple[int, ...]:
    index = []
    for size in reversed(shape):
        flat, rest = divmod(flat, size)
        index.append(rest)
    return tuple(reversed(index))


def _index(index: tuple) -> str:
    return str(index[0]) if len(index) == 1 else str(index) if index else "()"


def _value(t: torch.Tensor) -> str:
    value = t.item()
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def describe(value: Any) -> str:
    """What the learner returned, in words."""
    if isinstance(value, TensorObs):
        return f"a tensor of shape {tuple(value.tensor.shape)} ({value.tensor.dtype})"
    if isinstance(value, Opaque):
        return value.what
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} items"
    if isinstance(value, dict):
        return f"a dict with keys {sorted(value)}"
    if type(value) in (int, float):
        return f"{_kind(value)} ({value!r})"
    return repr(value)[:80]
