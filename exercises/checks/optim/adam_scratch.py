import torch

from studykit.grading.kit import Case
from studykit.grading.optim_trajectory import trajectory, trajectory_verifier

_HINT = ("m and v start at zeros; t is the parameter's own step count from 1; "
         "m_hat = m / (1 - beta1 ** t), v_hat = v / (1 - beta2 ** t); "
         "p -= lr * m_hat / (sqrt(v_hat) + eps)")
verify_trajectory = trajectory_verifier(_HINT)


def _case(m, ctx, steps, lr=0.05, betas=(0.9, 0.999), eps=1e-8, **kw):
    return trajectory(
        ctx, lambda ps: m.Adam(ps, lr=lr, betas=betas, eps=eps),
        lambda ps: torch.optim.Adam(ps, lr=lr, betas=betas, eps=eps),
        steps, **kw)


def cases(ctx):
    return [
        Case("one step: with bias correction the first step moves each coordinate by ~lr",
             lambda m: _case(m, ctx, 1), verify=verify_trajectory),
        Case("20 steps, lr 0.05, betas (0.9, 0.999), vs torch.optim.Adam",
             lambda m: _case(m, ctx, 20), verify=verify_trajectory),
        Case("Adam(model.parameters()) with the defaults (lr 1e-3, betas (0.9, 0.999), eps "
             "1e-8), on gradients of about 1e-8 where eps matters",
             lambda m: trajectory(ctx, lambda ps: m.Adam(iter(ps)),
                                  lambda ps: torch.optim.Adam(ps), 8, size=1e-8),
             verify=verify_trajectory),
        Case("betas (0.5, 0.8), lr 0.1", lambda m: _case(m, ctx, 10, lr=0.1, betas=(0.5, 0.8)),
             verify=verify_trajectory),
        Case("a large eps = 0.5 (outside the square root)",
             lambda m: _case(m, ctx, 6, lr=0.1, eps=0.5), verify=verify_trajectory),
        Case("float32 parameters", lambda m: _case(m, ctx, 15, dtype=torch.float32),
             verify=verify_trajectory),
        Case("a parameter with a gradient every other step keeps its own step count",
             lambda m: _case(m, ctx, 8, extra=1, every_other=True),
             verify=verify_trajectory),
        Case("the lr changes between steps",
             lambda m: _case(m, ctx, 6, lr_at=lambda t: 0.1 / (t + 1)),
             verify=verify_trajectory),
    ]
