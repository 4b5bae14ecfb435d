import torch

from studykit.grading.kit import Case
from studykit.grading.optim_trajectory import trajectory, trajectory_verifier

_HINT = ("first v = momentum * v + g (v = g at the first step), then step along "
         "d = g + momentum * v (the NEW v): p -= lr * d")
verify_trajectory = trajectory_verifier(_HINT)


def _case(m, ctx, steps, lr=0.05, momentum=0.9, **kw):
    return trajectory(
        ctx, lambda ps: m.NesterovSGD(ps, lr, momentum=momentum),
        lambda ps: torch.optim.SGD(ps, lr=lr, momentum=momentum, nesterov=True),
        steps, **kw)


def cases(ctx):
    return [
        Case("10 steps, momentum 0.9, vs SGD(nesterov=True)", lambda m: _case(m, ctx, 10),
             verify=verify_trajectory),
        Case("built from a generator (like model.parameters()), default momentum 0.9",
             lambda m: trajectory(ctx, lambda ps: m.NesterovSGD(iter(ps), 0.05),
                                  lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9,
                                                             nesterov=True), 6),
             verify=verify_trajectory),
        Case("one step: the first direction is g + momentum * g",
             lambda m: _case(m, ctx, 1, lr=0.1), verify=verify_trajectory),
        Case("momentum 0.5, lr 0.1", lambda m: _case(m, ctx, 8, lr=0.1, momentum=0.5),
             verify=verify_trajectory),
        Case("the lr changes between steps",
             lambda m: _case(m, ctx, 8, lr_at=lambda t: 0.08 / (1 + t)),
             verify=verify_trajectory),
        Case("float32 parameters", lambda m: _case(m, ctx, 10, dtype=torch.float32),
             verify=verify_trajectory),
        Case("parameters without a gradient are skipped",
             lambda m: _case(m, ctx, 7, extra=1, every_other=True),
             verify=verify_trajectory),
    ]
