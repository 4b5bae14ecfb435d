"""What an exercise's check file is written against.

A check file (``exercises/checks/<topic>/<slug>.py``) defines ``cases(ctx)``, returning a
list of :class:`Case`. Each case's ``call`` receives the learner's module (and, separately,
the reference solution's module) inside a sandboxed child process and returns an
*observation*: tensors, numbers, strings, booleans, ``None`` and lists/tuples/dicts of them.
The grader compares the learner's observation with the reference's in a third process.

Example::

    def cases(ctx):
        x = ctx.randn(4, 3, seed=1)
        return [
            Case("4x3 input", lambda m: m.center(x), inputs=(x,)),
            Case("column means are zero", lambda m: m.center(x).mean(0), atol=1e-6),
        ]

For outcome-graded exercises (training loops) give ``verify="name"``: the check file's
module-level ``def name(got, expected)`` is called instead of the default comparison
and raises ``AssertionError("plain-words message")`` to fail the case.

Helpers for common checks (below the two classes):

- :func:`plain_words` decorates a verify function that reads values the learner returned.
- :func:`load_named_weights` (and :func:`check_parameter_names`) give a learner's module
  seeded weights under the parameter names its docstring documents.
- :func:`seeded_mlp`, :func:`model_snapshot`, :func:`assert_same_device` and
  :func:`assert_params_close` are the pieces of a training-trajectory check.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import torch
from torch import nn


@dataclass
class Case:
    name: str
    call: Callable[[ModuleType], Any]
    rtol: float | None = None  # None: torch.testing.assert_close's default for the dtype
    atol: float | None = None
    exact: bool = False  # tensors must be equal element for element
    verify: str | None = None  # name of a module-level verify(got, expected) in the check file
    inputs: tuple = ()  # tensors the learner's code must not change in place


class Ctx:
    """Seeded inputs: generated on the CPU with a ``torch.Generator``, then moved to
    ``ctx.device`` ("cpu", or "cuda" for ``cuda-if-available`` exercises on a GPU)."""

    def __init__(self, device: str = "cpu") -> None:
        self.device = torch.device(device)

    @staticmethod
    def generator(seed: int) -> torch.Generator:
        return torch.Generator().manual_seed(seed)

    def randn(self, *shape: int, seed: int, dtype: torch.dtype = torch.float32) -> torch.Tensor:
        return torch.randn(*shape, generator=self.generator(seed), dtype=dtype).to(self.device)

    def rand(self, *shape: int, seed: int, dtype: torch.dtype = torch.float32) -> torch.Tensor:
        return torch.rand(*shape, generator=self.generator(seed), dtype=dtype).to(self.device)

    def randint(self, low: int, high: int, shape: tuple[int, ...], *, seed: int) -> torch.Tensor:
        return torch.randint(low, high, shape, generator=self.generator(seed)).to(self.device)

    def tensor(self, data: Any, dtype: torch.dtype | None = None) -> torch.Tensor:
        return torch.tensor(data, dtype=dtype).to(self.device)

    def to(self, value: torch.Tensor) -> torch.Tensor:
        return value.to(self.device)


def plain_words(verify: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    """Decorate a verify function so that any exception other than AssertionError (the
    learner returned None, a string, a wrong type) fails the case with "your result does not
    have the documented form (TypeError: ...)". Without it the judge still fails the case,
    with its generic "the result could not be checked (...)"."""
    @functools.wraps(verify)
    def wrapper(got, expected):
        try:
            return verify(got, expected)
        except AssertionError:
            raise
        except Exception as exc:
            raise AssertionError(f"your result does not have the documented form "
                                 f"({type(exc).__name__}: {exc})") from None
    return wrapper


def check_parameter_names(module: nn.Module, spec: list[tuple[str, tuple[int, ...]]]) -> None:
    """Raise AssertionError unless ``module.state_dict()`` holds exactly the names in
    ``spec`` (``(name, shape)`` pairs, as the exercise's docstring fixes them), each with
    its shape."""
    have = {k: tuple(v.shape) for k, v in module.state_dict().items()}
    want = dict(spec)
    if set(have) != set(want):
        raise AssertionError(f"parameter names differ from the docstring: missing "
                             f"{sorted(set(want) - set(have))}, unexpected "
                             f"{sorted(set(have) - set(want))}")
    for key, shape in spec:
        if have[key] != shape:
            raise AssertionError(f"{key} has shape {have[key]}, expected {shape}")


def load_named_weights(module: nn.Module, spec: list[tuple[str, tuple[int, ...]]], ctx: Ctx,
                       seed: int, scale: float = 0.3) -> nn.Module:
    """:func:`check_parameter_names`, then load seeded values and return the module on
    ``ctx.device``. Entry ``i`` of ``spec`` gets ``scale * ctx.randn(*shape, seed=seed + i)``;
    batch-norm entries get usable values instead: ``running_var`` 0.5 + ``ctx.rand``,
    ``num_batches_tracked`` 0, a 1-D ``weight`` (a norm layer's scale) 1 + 0.2 * randn."""
    check_parameter_names(module, spec)
    module.load_state_dict({key: _seeded_value(key, shape, ctx, seed + i, scale)
                            for i, (key, shape) in enumerate(spec)})
    return module.to(ctx.device)


def _seeded_value(key: str, shape: tuple[int, ...], ctx: Ctx, seed: int,
                  scale: float) -> torch.Tensor:
    if key.endswith("num_batches_tracked"):
        return torch.tensor(0)
    if key.endswith("running_var"):
        return 0.5 + ctx.rand(*shape, seed=seed)
    if key.endswith("weight") and len(shape) == 1:  # batch norm scale
        return 1 + 0.2 * ctx.randn(*shape, seed=seed)
    return scale * ctx.randn(*shape, seed=seed)


def seeded_mlp(ctx: Ctx, d_in: int, hidden: int, d_out: int = 1, *, seed: int,
               activation: type[nn.Module] = nn.Tanh) -> nn.Sequential:
    """``Linear(d_in, hidden), activation(), Linear(hidden, d_out)`` initialised right after
    ``torch.manual_seed(seed)`` (so the learner and the reference train the same weights),
    on ``ctx.device``."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(d_in, hidden), activation(),
                         nn.Linear(hidden, d_out)).to(ctx.device)


def model_snapshot(model: nn.Module) -> dict:
    """``{"params": copies of the model's parameters, "device": "cpu" or "cuda"}`` after a
    training run, for :func:`assert_same_device` and :func:`assert_params_close`."""
    return {"params": [p.detach().clone() for p in model.parameters()],
            "device": next(model.parameters()).device.type}


def assert_same_device(got: dict, expected: dict) -> None:
    """Raise AssertionError unless the learner's model stayed where the reference's did
    (``got["device"]``, as recorded by :func:`model_snapshot`)."""
    if got["device"] != expected["device"]:
        raise AssertionError(f"the model moved to {got['device']!r}; leave it where it is")


def assert_params_close(got: list[torch.Tensor], expected: list[torch.Tensor],
                        message: str) -> None:
    """Raise ``AssertionError(message)`` unless every parameter is close to the reference's
    (rtol 1e-4, atol 1e-5: what float32 training runs agree to)."""
    for p, q in zip(got, expected, strict=True):
        try:
            torch.testing.assert_close(p, q, rtol=1e-4, atol=1e-5)
        except AssertionError:
            raise AssertionError(message) from None
