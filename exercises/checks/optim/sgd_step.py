import torch

from studykit.grading.kit import Case, plain_words
from studykit.grading.optim_trajectory import loss, seeded_params, trajectory, trajectory_verifier

_HINT = ("the update is p -= lr * (p.grad + weight_decay * p), or += with maximize; no "
         "division by a batch size")
verify_trajectory = trajectory_verifier(_HINT)


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
    return trajectory(
        ctx, lambda ps: _Yours(m, ps, lr, weight_decay, maximize),
        lambda ps: torch.optim.SGD(ps, lr=lr, weight_decay=weight_decay, maximize=maximize),
        steps, **kw)


def _zero_grad(m, ctx):
    params = seeded_params(ctx)
    loss(params, 0).backward()
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
             verify=verify_trajectory),
        Case("8 steps with weight_decay 0.05", lambda m: _case(m, ctx, 8, weight_decay=0.05),
             verify=verify_trajectory),
        Case("4 steps with maximize=True", lambda m: _case(m, ctx, 4, maximize=True),
             verify=verify_trajectory),
        Case("float32 parameters, lr 0.3",
             lambda m: _case(m, ctx, 6, lr=0.3, dtype=torch.float32),
             verify=verify_trajectory),
        Case("the lr may change between calls",
             lambda m: _case(m, ctx, 6, lr_at=lambda t: 0.2 / (1 + t)),
             verify=verify_trajectory),
        Case("parameters without a gradient (.grad None) are skipped",
             lambda m: _case(m, ctx, 4, weight_decay=0.1, extra=1, every_other=True),
             verify=verify_trajectory),
        Case("zero_grad sets every .grad to None", lambda m: _zero_grad(m, ctx)),
    ]
