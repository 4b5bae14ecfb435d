"""What an exercise's check file is written against (the authoring kit).

A check file (``exercises/checks/<topic>/<slug>.py``) defines ``cases(ctx)``, returning a
list of :class:`Case`. Each case's ``call`` receives the learner's module (and, separately,
the reference solution's module) inside a sandboxed child process and returns an
*observation*: tensors, numbers, strings, booleans, ``None`` and lists/tuples/dicts of them.
A judge in a third process compares the learner's observation with the reference's.

Example::

    def cases(ctx):
        x = ctx.randn(4, 3, seed=1)
        return [
            Case("4x3 input", lambda m: m.center(x)),
            Case("column means are zero", lambda m: m.center(x).mean(0), atol=1e-6),
            agrees_with_torch("same as torch.softmax", lambda m: m.softmax(x, 1),
                              lambda: torch.softmax(x, 1)),
            Case("gradient", gradient(lambda m, x: m.center(x), x)),
        ]

What the judge checks by default, in plain words: the type (an ``int`` is not a 0-d
tensor, a tuple is not a list, a generator is not a list), a tensor's shape, dtype, device
and ``requires_grad``, then the values (``torch.testing.assert_close`` tolerances, exact for
integers). ``relax=("requires_grad", "dtype", "type", "device")`` loosens one of them for
a case. Every tensor made by ``ctx`` is watched: a case fails when the code under test
changed one in place (values, ``requires_grad`` or ``.grad``) where the reference did not,
or left one unchanged that the reference changes (an exercise about in-place updates), so
there is no need to list ``inputs=(x,)`` any more (still accepted). A case whose own
``call`` changes ctx tensors in a way that differs between the two may say
``changes_inputs=True`` to turn the watch off.

Outcome-graded cases pass ``verify=function`` (``function(got, expected)`` raising
``AssertionError("plain words")``; any other exception fails the case with "your result
does not have the documented form"). ``verify="name"`` (a module-level function's name)
still works but is deprecated.

Helpers: :func:`agrees_with_torch`, :func:`gradient`, :func:`rows_agree`,
:func:`assert_floats`, :func:`assert_float`, :func:`assert_detached`,
:func:`load_named_weights` (and :func:`check_parameter_names`), :func:`seeded_mlp`,
:func:`model_snapshot`, :func:`assert_same_device`, :func:`assert_params_close`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import torch
from torch import nn

RELAXABLE = frozenset({"requires_grad", "dtype", "type", "device"})


@dataclass
class Case:
    name: str
    call: Callable[[ModuleType], Any]
    rtol: float | None = None  # None: torch.testing.assert_close's default for the dtype
    atol: float | None = None
    exact: bool = False  # tensors must be equal element for element
    verify: Callable[[Any, Any], None] | str | None = None  # str: deprecated
    inputs: tuple = ()  # deprecated: ctx tensors are watched anyway; extra tensors to watch
    relax: tuple[str, ...] = ()  # strict checks this case skips (see RELAXABLE)
    changes_inputs: bool = False  # the case's own call changes ctx tensors on purpose
    expected: Callable[[], Any] | None = None  # compare with this (run by the reference)

    def __post_init__(self) -> None:
        unknown = set(self.relax) - RELAXABLE
        if unknown:
            raise ValueError(f"relax: unknown {sorted(unknown)}; use {sorted(RELAXABLE)}")
        if callable(self.verify) and not getattr(self.verify, "_plain_words", False):
            self.verify = plain_words(self.verify)


class Ctx:
    """Seeded inputs: generated on the CPU with a ``torch.Generator``, then moved to
    ``ctx.device`` ("cpu", or "cuda" for ``cuda-if-available`` exercises on a GPU).
    Every tensor it makes is watched for in-place changes while a case runs."""

    def __init__(self, device: str = "cpu") -> None:
        self.device = torch.device(device)
        self._made: list[torch.Tensor] = []

    @staticmethod
    def generator(seed: int) -> torch.Generator:
        return torch.Generator().manual_seed(seed)

    def track(self, value: torch.Tensor) -> torch.Tensor:
        """Watch a tensor made some other way; returns it."""
        self._made.append(value)
        return value

    def randn(self, *shape: int, seed: int, dtype: torch.dtype = torch.float32) -> torch.Tensor:
        return self.track(torch.randn(*shape, generator=self.generator(seed),
                                      dtype=dtype).to(self.device))

    def rand(self, *shape: int, seed: int, dtype: torch.dtype = torch.float32) -> torch.Tensor:
        return self.track(torch.rand(*shape, generator=self.generator(seed),
                                     dtype=dtype).to(self.device))

    def randint(self, low: int, high: int, shape: tuple[int, ...], *, seed: int) -> torch.Tensor:
        return self.track(torch.randint(low, high, shape,
                                        generator=self.generator(seed)).to(self.device))

    def tensor(self, data: Any, dtype: torch.dtype | None = None) -> torch.Tensor:
        return self.track(torch.tensor(data, dtype=dtype).to(self.device))

    def to(self, value: torch.Tensor) -> torch.Tensor:
        return self.track(value.to(self.device))

    def watch(self, case: Case) -> _Watch:
        """Snapshot the watched tensors before ``case`` runs (see :meth:`_Watch.changes`)."""
        if case.changes_inputs:
            return _Watch([])
        tensors = {id(t): t for t in [*self._made, *case.inputs] if isinstance(t, torch.Tensor)}
        return _Watch(list(tensors.values()))


class _Watch:
    def __init__(self, tensors: list[torch.Tensor]) -> None:
        self.before = [(t, _state(t)) for t in tensors]

    def changes(self) -> list[str]:
        """Plain-words descriptions of the watched tensors changed since the snapshot."""
        found = []
        for tensor, (version, values, requires_grad, grad) in self.before:
            what = []
            if tensor._version != version or not _same_values(tensor.detach(), values):
                what.append("its values")
            if tensor.requires_grad != requires_grad:
                what.append(f"requires_grad ({requires_grad} -> {tensor.requires_grad})")
            if not _same_grad(tensor.grad, grad):
                what.append(".grad")
            if what:
                found.append(f"the input tensor of shape {tuple(values.shape)}: "
                             + ", ".join(what))
        return found


def _state(t: torch.Tensor) -> tuple:
    grad = t.grad.detach().clone() if t.grad is not None else None
    return t._version, t.detach().clone(), t.requires_grad, grad


def _same_values(now: torch.Tensor, before: torch.Tensor) -> bool:
    if now.shape != before.shape or now.dtype != before.dtype:
        return False
    if now.is_floating_point() or now.is_complex():
        return bool(((now == before) | (now.isnan() & before.isnan())).all())
    return torch.equal(now, before)


def _same_grad(now: torch.Tensor | None, before: torch.Tensor | None) -> bool:
    if now is None or before is None:
        return now is None and before is None
    return _same_values(now.detach(), before)


def plain_words(verify: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    """Wrap a verify function so that any exception other than AssertionError (the
    learner returned None, a string, a wrong type) fails the case with "your result does
    not have the documented form (TypeError: ...)". :class:`Case` applies it to every
    ``verify=`` function; decorating by hand is harmless."""
    @functools.wraps(verify)
    def wrapper(got, expected):
        try:
            return verify(got, expected)
        except AssertionError:
            raise
        except Exception as exc:
            raise AssertionError(f"your result does not have the documented form "
                                 f"({type(exc).__name__}: {exc})") from None
    wrapper._plain_words = True  # type: ignore[attr-defined]
    return wrapper


def agrees_with_torch(name: str, call: Callable[[ModuleType], Any],
                      torch_call: Callable[[], Any], **options: Any) -> Case:
    """A case comparing the learner's result with torch's own function (computed in the
    reference's process, never the learner's): ``agrees_with_torch("softmax rows",
    lambda m: m.softmax(x), lambda: torch.softmax(x, dim=1))``."""
    return Case(name, call, expected=torch_call, **options)


def gradient(call: Callable[..., torch.Tensor], *inputs: torch.Tensor,
             seed: int = 1234) -> Callable[[ModuleType], Any]:
    """A ``call`` returning the gradients of ``call(m, *inputs)`` with respect to each
    input: every input is cloned into a fresh leaf that requires grad, the output is
    weighted by a seeded random tensor (so every element matters) and summed, then
    ``backward()``. One input gives one gradient tensor, several give a tuple."""
    def run(m: ModuleType):
        leaves = [t.detach().clone().requires_grad_(True) for t in inputs]
        out = call(m, *leaves)
        weight = torch.randn(out.shape, generator=torch.Generator().manual_seed(seed),
                             dtype=out.dtype).to(out.device)
        (out * weight).sum().backward()
        grads = tuple(leaf.grad for leaf in leaves)
        return grads[0] if len(grads) == 1 else grads
    return run


def rows_agree(rtol: float = 1.3e-6, atol: float = 1e-5) -> Callable[[Any, Any], None]:
    """A verify function comparing two tensors row by row, naming the first row that
    differs ("row 3 differs: expected [..], got [..]") instead of one flat element index."""
    def verify(got, expected):
        if not isinstance(got, torch.Tensor):
            raise AssertionError(f"expected a tensor of shape {tuple(expected.shape)}, "
                                 f"got {type(got).__name__}")
        if got.shape != expected.shape:
            raise AssertionError(f"expected shape {tuple(expected.shape)}, "
                                 f"got {tuple(got.shape)}")
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            if not torch.allclose(g.double(), e.double(), rtol=rtol, atol=atol):
                raise AssertionError(f"row {i} differs: expected {_short(e)}, got {_short(g)}")
    return verify


def _short(t: torch.Tensor) -> str:
    values = [round(v, 4) for v in t.flatten()[:6].tolist()]
    return str(values)[:-1] + (", …]" if t.numel() > 6 else "]")


def assert_floats(values: Any, what: str) -> None:
    """Raise AssertionError unless ``values`` is a list or tuple of Python floats (what
    ``loss.item()`` gives; a 0-d tensor is not one)."""
    if not isinstance(values, (list, tuple)) or not all(type(v) is float for v in values):
        kinds = sorted({type(v).__name__ for v in values}) if isinstance(
            values, (list, tuple)) else type(values).__name__
        raise AssertionError(f"{what} should be a list of Python floats (loss.item()), got "
                             f"{kinds}")


def assert_float(value: Any, what: str) -> None:
    """Raise AssertionError unless ``value`` is a Python float."""
    if type(value) is not float:
        raise AssertionError(f"{what} should be a Python float (.item()), got "
                             f"{'a tensor' if isinstance(value, torch.Tensor) else type(value).__name__}")


def assert_detached(value: Any, what: str) -> None:
    """Raise AssertionError if ``value`` is a tensor that still requires grad."""
    if isinstance(value, torch.Tensor) and getattr(value, "returned_requires_grad",
                                                   value.requires_grad):
        raise AssertionError(f"{what} still requires grad: return it detached (.detach())")


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
