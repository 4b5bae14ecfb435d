import torch

from studykit.grading.kit import Case
from studykit.grading.optim_trajectory import trajectory, trajectory_verifier

_HINT = ("PyTorch's momentum is v = momentum * v + g (v = g at the first step), then "
         "p -= lr * v, with g = p.grad + weight_decay * p")
verify_trajectory = trajectory_verifier(_HINT)


def _case(m, ctx, steps, lr=0.05, momentum=0.9, weight_decay=0.0, **kw):
    return trajectory(
        ctx, lambda ps: m.MomentumSGD(ps, lr, momentum=momentum, weight_decay=weight_decay),
        lambda ps: torch.optim.SGD(ps, lr=lr, momentum=momentum, weight_decay=weight_decay),
        steps, **kw)


def cases(ctx):
    return [
        Case("10 steps, momentum 0.9, vs torch.optim.SGD(momentum=0.9)",
             lambda m: _case(m, ctx, 10), verify=verify_trajectory),
        Case("built from a generator (like model.parameters()), default momentum 0.9",
             lambda m: trajectory(ctx, lambda ps: m.MomentumSGD(iter(ps), 0.05),
                                  lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9), 6),
             verify=verify_trajectory),
        Case("momentum 0 is plain SGD", lambda m: _case(m, ctx, 5, lr=0.1, momentum=0.0),
             verify=verify_trajectory),
        Case("momentum 0.5 with weight_decay 0.1",
             lambda m: _case(m, ctx, 8, momentum=0.5, weight_decay=0.1),
             verify=verify_trajectory),
        Case("the lr changes every step (a schedule): v must not contain the lr",
             lambda m: _case(m, ctx, 8, lr_at=lambda t: 0.1 * 0.7 ** t),
             verify=verify_trajectory),
        Case("float32 parameters", lambda m: _case(m, ctx, 10, dtype=torch.float32),
             verify=verify_trajectory),
        Case("parameters without a gradient are skipped (their velocity waits)",
             lambda m: _case(m, ctx, 7, extra=1, every_other=True),
             verify=verify_trajectory),
    ]
