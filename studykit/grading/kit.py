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
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import torch


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
