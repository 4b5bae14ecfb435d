import torch

from studykit.grading.kit import Case, plain_words
from studykit.grading.optim_trajectory import trajectory, trajectory_verifier

_HINT = ("decoupled=False: g = p.grad + wd * p goes into adam_direction; decoupled=True: "
         "p *= 1 - lr * wd first, then p -= lr * adam_direction(p.grad)")
verify_trajectory = trajectory_verifier(_HINT)


def _case(m, ctx, steps, decoupled, lr=0.05, wd=0.5, betas=(0.9, 0.999), **kw):
    torch_cls = torch.optim.AdamW if decoupled else torch.optim.Adam
    return trajectory(
        ctx, lambda ps: m.AdamWD(ps, lr=lr, betas=betas, weight_decay=wd, decoupled=decoupled),
        lambda ps: torch_cls(ps, lr=lr, betas=betas, weight_decay=wd), steps, **kw)


def _zero_gradient(m, ctx, decoupled, steps=5, lr=0.1, wd=0.2):
    """The loss gradient is exactly zero: only the weight decay moves the parameters."""
    p = ctx.tensor([4.0, -2.0, 0.5, 0.01], dtype=torch.float64).requires_grad_()
    q = p.detach().clone().requires_grad_()
    mine = m.AdamWD([p], lr=lr, weight_decay=wd, decoupled=decoupled)
    theirs = (torch.optim.AdamW if decoupled else torch.optim.Adam)([q], lr=lr, weight_decay=wd)
    yours, torch_history = [], []
    for _ in range(steps):
        for t, opt, hist in ((p, mine, yours), (q, theirs, torch_history)):
            t.grad = torch.zeros_like(t)
            opt.step()
            hist.append(t.detach().clone())
    return {"yours": yours, "torch": torch_history}


@plain_words
def verify_zero_gradient(got, expected):
    for step, (a, b) in enumerate(zip(got["yours"], got["torch"], strict=True)):
        if not torch.allclose(a, b, rtol=1e-9, atol=1e-12):
            raise AssertionError(f"with a zero loss gradient, after step {step + 1} p is "
                                 f"{[round(v, 6) for v in a.tolist()]}, torch gives "
                                 f"{[round(v, 6) for v in b.tolist()]}: " + _HINT)


def cases(ctx):
    return [
        Case("decoupled=False matches torch.optim.Adam(weight_decay=0.5), 10 steps",
             lambda m: _case(m, ctx, 10, decoupled=False), verify=verify_trajectory),
        Case("decoupled=True matches torch.optim.AdamW(weight_decay=0.5), 10 steps",
             lambda m: _case(m, ctx, 10, decoupled=True), verify=verify_trajectory),
        Case("AdamWD(model.parameters()) with the defaults is plain Adam (lr 1e-3, eps 1e-8, "
             "no decay), on gradients of about 1e-8 where eps matters",
             lambda m: trajectory(ctx, lambda ps: m.AdamWD(iter(ps)),
                                  lambda ps: torch.optim.Adam(ps), 8, size=1e-8),
             verify=verify_trajectory),
        Case("weight_decay 0: both are plain Adam",
             lambda m: _case(m, ctx, 5, decoupled=True, wd=0.0), verify=verify_trajectory),
        Case("AdamW with a large lr * wd (the shrink comes before the Adam step)",
             lambda m: _case(m, ctx, 4, decoupled=True, lr=0.3, wd=1.0),
             verify=verify_trajectory),
        Case("AdamW reads the current lr for the shrink",
             lambda m: _case(m, ctx, 6, decoupled=True, lr_at=lambda t: 0.2 / (t + 1)),
             verify=verify_trajectory),
        Case("Adam + L2 on float32 with betas (0.8, 0.9)",
             lambda m: _case(m, ctx, 8, decoupled=False, betas=(0.8, 0.9), dtype=torch.float32),
             verify=verify_trajectory),
        Case("parameters without a gradient are skipped (no decay either)",
             lambda m: _case(m, ctx, 6, decoupled=True, extra=1, every_other=True),
             verify=verify_trajectory),
        Case("zero loss gradient, AdamW: p shrinks by (1 - lr * wd) per step",
             lambda m: _zero_gradient(m, ctx, decoupled=True), verify="verify_zero_gradient"),
        Case("zero loss gradient, Adam + L2: p moves by about lr per step, whatever its size",
             lambda m: _zero_gradient(m, ctx, decoupled=False), verify="verify_zero_gradient"),
    ]
