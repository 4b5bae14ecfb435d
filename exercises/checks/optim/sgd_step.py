import math

import torch

from studykit.grading.kit import Case, plain_words

SHAPES = [(4, 3), (3,), (2, 2, 2)]


def _params(ctx, dtype=torch.float64, seed=0, extra=0):
    """Seeded parameters (leaf tensors that require grad); `extra` more of shape (2,)."""
    shapes = SHAPES + [(2,)] * extra
    return [ctx.randn(*s, seed=seed + i, dtype=dtype).requires_grad_() for i, s in
            enumerate(shapes)]


def _loss(params, step, every_other=False):
    """A non-quadratic loss whose gradients change from step to step. With every_other,
    parameter 2 only takes part on even steps (on odd steps its .grad is None)."""
    scale = 1.0 + 0.5 * math.cos(step)
    total = 0.0
    for i, p in enumerate(params[:3]):
        if every_other and i == 2 and step % 2:
            continue
        total = total + scale * torch.sin((i + 1) * p).sum() + 0.5 * (p * p).sum()
    return total


def _clear(params, to_none):
    for p in params:
        if to_none:
            p.grad = None
        elif p.grad is not None:
            p.grad.zero_()


def _run(opt, params, steps, set_lr=None, every_other=False):
    history, grads_changed = [], False
    for t in range(steps):
        if set_lr is not None:
            set_lr(t)
        _clear(params, to_none=every_other)
        _loss(params, t, every_other).backward()
        grads = [None if p.grad is None else p.grad.clone() for p in params]
        opt.step()
        grads_changed |= any(g is not None and not torch.equal(p.grad, g)
                             for p, g in zip(params, grads, strict=True))
        history.append([p.detach().clone() for p in params])
    return history, grads_changed


def _trajectory(ctx, make_yours, make_torch, steps, dtype=torch.float64, lr_at=None,
                every_other=False, extra=0):
    """Run your optimizer and torch's from the same start on the same losses."""
    mine = _params(ctx, dtype, extra=extra)
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
    yours, changed = _run(opt_a, mine, steps, set_a, every_other)
    torch_history, _ = _run(opt_b, theirs, steps, set_b, every_other)
    return {"start": start,
            "yours": yours, "torch": torch_history,
            "same tensors": all(a is b for a, b in zip(mine, originals, strict=True)),
            "leaves": all(p.is_leaf and p.requires_grad for p in mine),
            "grads changed": changed, "torch name": type(opt_b).__name__}


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
                raise AssertionError(f"after step {t + 1}, parameter {i} (shape "
                                     f"{tuple(q.shape)}) differs from torch.optim.{name}'s by "
                                     f"up to {gap:.3g} (torch moved it by {moved:.3g} in "
                                     f"that step); " + _HINT)


_HINT = ("the update is p -= lr * (p.grad + weight_decay * p), or += with maximize; no "
         "division by a batch size")


class _Yours:
    def __init__(self, m, params, lr, weight_decay, maximize):
        self.m, self.params, self.lr = m, params, lr
        self.weight_decay, self.maximize = weight_decay, maximize

    def step(self):
        kwargs = {}
        if self.weight_decay:
            kwargs["weight_decay"] = self.weight_decay
        if self.maximize:
            kwargs["maximize"] = True
        self.m.sgd_step(self.params, self.lr, **kwargs)


def _case(m, ctx, steps, lr=0.1, weight_decay=0.0, maximize=False, **kw):
    return _trajectory(
        ctx, lambda ps: _Yours(m, ps, lr, weight_decay, maximize),
        lambda ps: torch.optim.SGD(ps, lr=lr, weight_decay=weight_decay, maximize=maximize),
        steps, **kw)


def _zero_grad(m, ctx):
    params = _params(ctx)
    _loss(params, 0).backward()
    keep = params[0]
    m.zero_grad(params)
    return {"grads": [p.grad is None for p in params], "same tensors": params[0] is keep}


def _one_step(m, ctx):
    """A single step on a known gradient: p = [1, 2], grad = [0.5, -1], lr 0.1."""
    p = ctx.tensor([1.0, 2.0]).requires_grad_()
    p.grad = ctx.tensor([0.5, -1.0])
    m.sgd_step([p], 0.1)
    return {"p": p.detach().clone(), "grad": p.grad}


@plain_words
def verify_one_step(got, expected):
    if not torch.allclose(got["p"], expected["p"]):
        raise AssertionError(f"after the step p is {got['p'].tolist()}, expected "
                             f"{expected['p'].tolist()}: update the caller's tensor in place")
    if got["grad"] is None or not torch.equal(got["grad"], expected["grad"]):
        raise AssertionError("sgd_step changed p.grad: leave the gradient as it is (clearing "
                             "it is zero_grad's job)")


def cases(ctx):
    return [
        Case("one step on a known gradient: [1, 2] - 0.1 * [0.5, -1]",
             lambda m: _one_step(m, ctx), verify="verify_one_step"),
        Case("5 steps, lr 0.1, vs torch.optim.SGD", lambda m: _case(m, ctx, 5),
             verify="verify_trajectory"),
        Case("8 steps with weight_decay 0.05", lambda m: _case(m, ctx, 8, weight_decay=0.05),
             verify="verify_trajectory"),
        Case("4 steps with maximize=True", lambda m: _case(m, ctx, 4, maximize=True),
             verify="verify_trajectory"),
        Case("float32 parameters, lr 0.3",
             lambda m: _case(m, ctx, 6, lr=0.3, dtype=torch.float32),
             verify="verify_trajectory"),
        Case("the lr may change between calls",
             lambda m: _case(m, ctx, 6, lr_at=lambda t: 0.2 / (1 + t)),
             verify="verify_trajectory"),
        Case("parameters without a gradient (.grad None) are skipped",
             lambda m: _case(m, ctx, 4, weight_decay=0.1, extra=1, every_other=True),
             verify="verify_trajectory"),
        Case("zero_grad sets every .grad to None", lambda m: _zero_grad(m, ctx)),
    ]
