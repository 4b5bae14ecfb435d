import copy

import torch
from torch import nn

from studykit.grading.kit import Case

F64 = torch.float64


def _regressor():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Linear(8, 3)).double()


def _classifier():
    torch.manual_seed(1)
    return nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 5)).double()


def _stale(model, x):
    """Leave gradients from an 'earlier step' in .grad, as a real training loop would."""
    model(x[:2]).pow(2).sum().mul(3.0).backward()


def _run(m, make, loss_fn, x, y, size):
    model = make()
    _stale(model, x)
    loss = m.accumulate_gradients(model, loss_fn, x, y, size)
    return {"returned loss": loss,
            "grads": {name: p.grad for name, p in model.named_parameters()}}


def _versus_full(m, make, loss_fn, x, y, size):
    model = make()
    full = copy.deepcopy(model)
    loss_fn(full(x), y).backward()
    _stale(model, x)
    m.accumulate_gradients(model, loss_fn, x, y, size)
    return {"size": size, "n": x.shape[0],
            "yours": {name: p.grad for name, p in model.named_parameters()},
            "full": {name: p.grad for name, p in full.named_parameters()}}


def verify_full_batch(got, expected):
    where = f"{got['n']} examples in micro-batches of {got['size']}"
    for name, full in got["full"].items():
        yours = got["yours"][name]
        if yours is None:
            raise AssertionError(f"{where}: parameter {name} has no gradient")
        if not torch.allclose(yours, full, rtol=1e-9, atol=1e-12):
            ratio = (yours.norm() / full.norm()).item()
            raise AssertionError(f"{where}: the gradient of {name} differs from the full-batch "
                                 f"gradient (its norm is {ratio:.3f} times the full-batch one)")


def cases(ctx):
    x = ctx.randn(12, 5, seed=1, dtype=F64)
    y = ctx.randn(12, 3, seed=2, dtype=F64)
    x10, y10 = x[:10], y[:10]
    cx = ctx.randn(9, 4, seed=3, dtype=F64)
    cy = ctx.randint(0, 5, (9,), seed=4)
    mse = nn.MSELoss()
    ce = nn.CrossEntropyLoss()
    return [
        Case("12 examples in 3 micro-batches of 4 (MSE)",
             lambda m: _run(m, _regressor, mse, x, y, 4),),
        Case("10 examples in micro-batches of 4, 4 and 2 (uneven)",
             lambda m: _run(m, _regressor, mse, x10, y10, 4)),
        Case("micro-batches of size 1", lambda m: _run(m, _regressor, mse, x10, y10, 1)),
        Case("micro-batch larger than the batch (one chunk)",
             lambda m: _run(m, _regressor, mse, x, y, 50)),
        Case("9 examples, cross-entropy, micro-batches of 2",
             lambda m: _run(m, _classifier, ce, cx, cy, 2),),
        Case("uneven micro-batches equal the full-batch gradient",
             lambda m: _versus_full(m, _regressor, mse, x10, y10, 3),
             verify=verify_full_batch),
        Case("cross-entropy micro-batches of 4 equal the full-batch gradient",
             lambda m: _versus_full(m, _classifier, ce, cx, cy, 4),
             verify=verify_full_batch),
    ]
