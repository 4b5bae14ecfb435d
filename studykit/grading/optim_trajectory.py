"""The optim exercises' shared harness: an optimizer written from scratch and torch.optim's
own run side by side from the same start, on the same losses, and compared step by step.

A check builds a case with :func:`trajectory` (``make_yours(params)`` builds the learner's
optimizer, ``make_torch(params)`` torch's) and judges it with the function
:func:`trajectory_verifier` returns, whose message ends with the exercise's own hint.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch

from studykit.grading.kit import plain_words

SHAPES = [(4, 3), (3,), (2, 2, 2)]


def seeded_params(ctx, dtype=torch.float64, seed=0, extra=0) -> list[torch.Tensor]:
    """Seeded parameters (leaf tensors that require grad); `extra` more of shape (2,)."""
    shapes = SHAPES + [(2,)] * extra
    return [ctx.randn(*s, seed=seed + i, dtype=dtype).requires_grad_() for i, s in
            enumerate(shapes)]


def loss(params, step, every_other=False, size=1.0):
    """A non-quadratic loss whose gradients change from step to step. With every_other,
    parameter 2 only takes part on even steps (on odd steps its .grad is None). `size`
    scales the whole loss (tiny gradients show whether eps is the documented one)."""
    scale = 1.0 + 0.5 * math.cos(step)
    total = 0.0
    for i, p in enumerate(params[:3]):
        if every_other and i == 2 and step % 2:
            continue
        total = total + scale * torch.sin((i + 1) * p).sum() + 0.5 * (p * p).sum()
    return size * total


def _clear(params, to_none):
    for p in params:
        if to_none:
            p.grad = None
        elif p.grad is not None:
            p.grad.zero_()


def _run(opt, params, steps, set_lr=None, every_other=False, size=1.0):
    history, grads_changed = [], False
    for t in range(steps):
        if set_lr is not None:
            set_lr(t)
        _clear(params, to_none=every_other)
        loss(params, t, every_other, size).backward()
        grads = [None if p.grad is None else p.grad.clone() for p in params]
        opt.step()
        grads_changed |= any(g is not None and not torch.equal(p.grad, g)
                             for p, g in zip(params, grads, strict=True))
        history.append([p.detach().clone() for p in params])
    return history, grads_changed


def trajectory(ctx, make_yours, make_torch, steps, dtype=torch.float64, lr_at=None,
               every_other=False, extra=0, size=1.0) -> dict:
    """Run your optimizer and torch's from the same start on the same losses; ``lr_at(t)``
    sets the learning rate before step t (yours through ``.lr``, torch's through its
    param_groups)."""
    mine = seeded_params(ctx, dtype, extra=extra)
    theirs = [p.detach().clone().requires_grad_() for p in mine]
    originals = list(mine)
    start = [p.detach().clone() for p in mine]
    opt_a, opt_b = make_yours(mine), make_torch(theirs)
    set_a = set_b = None
    if lr_at is not None:
        def set_a(t):
            opt_a.lr = lr_at(t)

        def set_b(t):
            for group in opt_b.param_groups:
                group["lr"] = lr_at(t)
    yours, changed = _run(opt_a, mine, steps, set_a, every_other, size)
    torch_history, _ = _run(opt_b, theirs, steps, set_b, every_other, size)
    return {"start": start,
            "yours": yours, "torch": torch_history,
            "same tensors": all(a is b for a, b in zip(mine, originals, strict=True)),
            "leaves": all(p.is_leaf and p.requires_grad for p in mine),
            "grads changed": changed, "torch name": type(opt_b).__name__}


def trajectory_verifier(hint: str) -> Callable[[dict, dict], None]:
    """The verify function of a :func:`trajectory` case; a failure ends with ``hint``."""
    @plain_words
    def verify_trajectory(got, expected):
        name = got["torch name"]
        if not got["same tensors"] or not got["leaves"]:
            raise AssertionError("update the parameters in place (p.add_(...), p -= ... under "
                                 "torch.no_grad()): they must stay the same leaf tensors")
        if got["grads changed"]:
            raise AssertionError("step() changed p.grad: compute with new tensors and leave "
                                 ".grad as it is (torch.optim does not touch it)")
        for t, (row, want_row) in enumerate(zip(got["yours"], got["torch"], strict=True)):
            for i, (p, q) in enumerate(zip(row, want_row, strict=True)):
                tol = 1e-9 if q.dtype == torch.float64 else 2e-5
                if not torch.allclose(p, q, rtol=tol * 10, atol=tol):
                    gap = (p - q).abs().max().item()
                    before = got["torch"][t - 1][i] if t else got["start"][i]
                    moved = (q - before).abs().max().item()
                    raise AssertionError(
                        f"after step {t + 1}, parameter {i} (shape {tuple(q.shape)}) differs "
                        f"from torch.optim.{name}'s by up to {gap:.3g} (torch moved it by "
                        f"{moved:.3g} in that step); " + hint)
    return verify_trajectory
