import math

import torch

from studykit.grading.kit import (
    Case,
    assert_params_close,
    assert_same_device,
    model_snapshot,
    plain_words,
    seeded_mlp,
)


def _schedule(m, base_lr, drop, every, epochs):
    return [m.step_decay(base_lr, e, drop, every) for e in range(epochs)]


def _two_groups(m, ctx, make_optimizer, lr):
    """set_lr on an optimizer with two groups; then one step shows the new lr is used."""
    w = ctx.tensor([1.0, 2.0]).requires_grad_(True)
    b = ctx.tensor([0.5]).requires_grad_(True)
    optimizer = make_optimizer([{"params": [w], "lr": 0.1}, {"params": [b], "lr": 0.01}])
    m.set_lr(optimizer, lr)
    w.grad = ctx.tensor([1.0, -1.0])
    b.grad = ctx.tensor([2.0])
    optimizer.step()
    return {"lrs": [g["lr"] for g in optimizer.param_groups],
            "w": w.detach().clone(), "b": b.detach().clone()}


@plain_words
def verify_groups(got, expected):
    for i, (a, b) in enumerate(zip(got["lrs"], expected["lrs"], strict=True)):
        if not math.isclose(float(a), b, rel_tol=1e-9):
            raise AssertionError(f"after set_lr, param group {i} has lr {float(a):.6g}, expected "
                                 f"{b:.6g}: write the new lr into every dict of "
                                 "optimizer.param_groups")
    for key in ("w", "b"):
        try:
            torch.testing.assert_close(got[key], expected[key])
        except AssertionError:
            raise AssertionError("the lrs read back right, but the next step() did not use "
                                 "them") from None


def _train(m, ctx, X, y, base_lr, drop, every, epochs, batch_size):
    model = seeded_mlp(ctx, 3, 6, seed=3)
    lrs = m.train_with_step_decay(model, X, y, base_lr, drop, every, epochs, batch_size)
    return {"lrs": lrs, **model_snapshot(model)}


@plain_words
def verify_training(got, expected):
    lrs, want = got["lrs"], expected["lrs"]
    if not isinstance(lrs, (list, tuple)) or len(lrs) != len(want):
        raise AssertionError(f"return a list with one learning rate per epoch ({len(want)})")
    for epoch, (a, b) in enumerate(zip(lrs, want, strict=True)):
        if not math.isclose(float(a), b, rel_tol=1e-9):
            raise AssertionError(f"after epoch {epoch} the optimizer's lr is {float(a):.6g}, "
                                 f"expected {b:.6g}: set it through optimizer.param_groups "
                                 "at the start of every epoch")
    assert_same_device(got, expected)
    assert_params_close(
        got["params"], expected["params"],
        "the learning rates are right but the final parameters differ from the "
        "reference: create ONE SGD optimizer (momentum=0.9) before the epoch loop, so "
        "its momentum carries over, and per in-order minibatch call zero_grad, "
        "backward and step")


def cases(ctx):
    X = ctx.randn(24, 3, seed=1)
    y = torch.tanh(X.sum(dim=1, keepdim=True)) + 0.1 * ctx.randn(24, 1, seed=2)
    return [
        Case("step_decay: halve every 3 epochs, epochs 0-9",
             lambda m: _schedule(m, 0.1, 0.5, 3, 10), rtol=1e-9, atol=1e-12),
        Case("step_decay: x0.1 every epoch", lambda m: _schedule(m, 1.0, 0.1, 1, 5),
             rtol=1e-9, atol=1e-15),
        Case("step_decay: epochs_per_drop larger than the run (constant lr)",
             lambda m: _schedule(m, 0.05, 0.5, 100, 4), rtol=1e-9, atol=1e-12),
        Case("set_lr changes every param group of an SGD optimizer",
             lambda m: _two_groups(m, ctx, lambda g: torch.optim.SGD(g, lr=1.0), 0.25),
             verify=verify_groups),
        Case("set_lr works for Adam too",
             lambda m: _two_groups(m, ctx, lambda g: torch.optim.Adam(g, lr=1.0), 0.003),
             verify=verify_groups),
        Case("train 6 epochs, lr halved every 2: lrs per epoch and final parameters",
             lambda m: _train(m, ctx, X, y, 0.05, 0.5, 2, 6, 8), verify=verify_training,
             inputs=(X, y)),
        Case("train 5 epochs, lr x0.2 every epoch, batch 5 (last batch smaller)",
             lambda m: _train(m, ctx, X, y, 0.1, 0.2, 1, 5, 5), verify=verify_training),
        Case("train 3 epochs, batch 23: the last batch holds one example",
             lambda m: _train(m, ctx, X, y, 0.05, 0.5, 1, 3, 23), verify=verify_training),
    ]
