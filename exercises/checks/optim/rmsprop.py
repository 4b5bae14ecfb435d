import torch

from studykit.grading.kit import Case
from studykit.grading.optim_trajectory import trajectory, trajectory_verifier

_HINT = ("s = alpha * s + (1 - alpha) * g * g from zeros, then "
         "p -= lr * g / (sqrt(s) + eps), eps outside the root")
verify_trajectory = trajectory_verifier(_HINT)


def _case(m, ctx, steps, lr=0.01, alpha=0.99, eps=1e-8, **kw):
    return trajectory(
        ctx, lambda ps: m.RMSProp(ps, lr=lr, alpha=alpha, eps=eps),
        lambda ps: torch.optim.RMSprop(ps, lr=lr, alpha=alpha, eps=eps),
        steps, **kw)


def cases(ctx):
    return [
        Case("10 steps with the defaults (lr 0.01, alpha 0.99, eps 1e-8) vs torch.optim.RMSprop",
             lambda m: _case(m, ctx, 10), verify=verify_trajectory),
        Case("RMSProp(model.parameters()) with its own defaults (lr 0.01, alpha 0.99, eps "
             "1e-8), on gradients of about 1e-7 where eps matters",
             lambda m: trajectory(ctx, lambda ps: m.RMSProp(iter(ps)),
                                  lambda ps: torch.optim.RMSprop(ps), 8, size=1e-7),
             verify=verify_trajectory),
        Case("alpha 0.9, lr 0.05", lambda m: _case(m, ctx, 10, lr=0.05, alpha=0.9),
             verify=verify_trajectory),
        Case("a large eps = 0.5 (eps goes outside the square root)",
             lambda m: _case(m, ctx, 6, lr=0.1, eps=0.5), verify=verify_trajectory),
        Case("the lr changes between steps",
             lambda m: _case(m, ctx, 8, lr_at=lambda t: 0.02 * (t + 1)),
             verify=verify_trajectory),
        Case("float32 parameters", lambda m: _case(m, ctx, 10, dtype=torch.float32),
             verify=verify_trajectory),
        Case("parameters without a gradient are skipped",
             lambda m: _case(m, ctx, 7, alpha=0.9, extra=1, every_other=True),
             verify=verify_trajectory),
    ]
