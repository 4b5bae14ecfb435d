import math

import torch

from studykit.grading.kit import Case, plain_words

SHAPES = [(4, 3), (3,), (2, 2, 2)]


def _params(ctx, dtype=torch.float64, seed=0, extra=0):
    """Seeded parameters (leaf tensors that require grad); `extra` more of shape (2,)."""
    shapes = SHAPES + [(2,)] * extra
    return [ctx.randn(*s, seed=seed + i, dtype=dtype).requires_grad_() for i, s in
            enumerate(shapes)]


def _loss(params, step, every_other=False, size=1.0):
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
        _loss(params, t, every_other, size).backward()
        grads = [None if p.grad is None else p.grad.clone() for p in params]
        opt.step()
        grads_changed |= any(g is not None and not torch.equal(p.grad, g)
                             for p, g in zip(params, grads, strict=True))
        history.append([p.detach().clone() for p in params])
    return history, grads_changed


def _trajectory(ctx, make_yours, make_torch, steps, dtype=torch.float64, lr_at=None,
                every_other=False, extra=0, size=1.0):
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
    yours, changed = _run(opt_a, mine, steps, set_a, every_other, size)
    torch_history, _ = _run(opt_b, theirs, steps, set_b, every_other, size)
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


_HINT = ("s = alpha * s + (1 - alpha) * g * g from zeros, then "
         "p -= lr * g / (sqrt(s) + eps), eps outside the root")


def _case(m, ctx, steps, lr=0.01, alpha=0.99, eps=1e-8, **kw):
    return _trajectory(
        ctx, lambda ps: m.RMSProp(ps, lr=lr, alpha=alpha, eps=eps),
        lambda ps: torch.optim.RMSprop(ps, lr=lr, alpha=alpha, eps=eps),
        steps, **kw)


def cases(ctx):
    return [
        Case("10 steps with the defaults (lr 0.01, alpha 0.99, eps 1e-8) vs torch.optim.RMSprop",
             lambda m: _case(m, ctx, 10), verify="verify_trajectory"),
        Case("RMSProp(model.parameters()) with its own defaults (lr 0.01, alpha 0.99, eps "
             "1e-8), on gradients of about 1e-7 where eps matters",
             lambda m: _trajectory(ctx, lambda ps: m.RMSProp(iter(ps)),
                                   lambda ps: torch.optim.RMSprop(ps), 8, size=1e-7),
             verify="verify_trajectory"),
        Case("alpha 0.9, lr 0.05", lambda m: _case(m, ctx, 10, lr=0.05, alpha=0.9),
             verify="verify_trajectory"),
        Case("a large eps = 0.5 (eps goes outside the square root)",
             lambda m: _case(m, ctx, 6, lr=0.1, eps=0.5), verify="verify_trajectory"),
        Case("the lr changes between steps",
             lambda m: _case(m, ctx, 8, lr_at=lambda t: 0.02 * (t + 1)),
             verify="verify_trajectory"),
        Case("float32 parameters", lambda m: _case(m, ctx, 10, dtype=torch.float32),
             verify="verify_trajectory"),
        Case("parameters without a gradient are skipped",
             lambda m: _case(m, ctx, 7, alpha=0.9, extra=1, every_other=True),
             verify="verify_trajectory"),
    ]
