import torch

from studykit.grading.kit import Case
from studykit.grading.optim_trajectory import trajectory, trajectory_verifier

_HINT = ("s += g * g (from initial_accumulator_value), lr_t = lr / (1 + (t - 1) * lr_decay) "
         "with t the parameter's own step count from 1, p -= lr_t * g / (sqrt(s) + eps)")
verify_trajectory = trajectory_verifier(_HINT)


def _case(m, ctx, steps, lr=0.1, lr_decay=0.0, eps=1e-10, init=0.0, **kw):
    return trajectory(
        ctx, lambda ps: m.Adagrad(ps, lr=lr, lr_decay=lr_decay, eps=eps,
                                  initial_accumulator_value=init),
        lambda ps: torch.optim.Adagrad(ps, lr=lr, lr_decay=lr_decay, eps=eps,
                                       initial_accumulator_value=init),
        steps, **kw)


def cases(ctx):
    return [
        Case("10 steps, lr 0.1, vs torch.optim.Adagrad", lambda m: _case(m, ctx, 10),
             verify=verify_trajectory),
        Case("Adagrad(model.parameters()) with the defaults (lr 0.01, eps 1e-10), on "
             "gradients of about 1e-10 where eps matters",
             lambda m: trajectory(ctx, lambda ps: m.Adagrad(iter(ps)),
                                  lambda ps: torch.optim.Adagrad(ps), 6, size=1e-10),
             verify=verify_trajectory),
        Case("a large eps = 0.5 (outside the square root)",
             lambda m: _case(m, ctx, 6, eps=0.5), verify=verify_trajectory),
        Case("initial_accumulator_value 0.5", lambda m: _case(m, ctx, 6, init=0.5),
             verify=verify_trajectory),
        Case("lr_decay 0.2 (t counts from 1)", lambda m: _case(m, ctx, 8, lr_decay=0.2),
             verify=verify_trajectory),
        Case("float32 parameters", lambda m: _case(m, ctx, 10, dtype=torch.float32),
             verify=verify_trajectory),
        Case("a parameter with a gradient every other step keeps its own step count",
             lambda m: _case(m, ctx, 8, lr_decay=0.3, extra=1, every_other=True),
             verify=verify_trajectory),
        Case("the lr changes between steps",
             lambda m: _case(m, ctx, 6, lr_at=lambda t: 0.3 / (t + 1)),
             verify=verify_trajectory),
    ]
