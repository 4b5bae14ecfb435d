import math

import torch
from torch import nn

from studykit.grading.kit import Case, assert_floats, model_snapshot, plain_words, seeded_mlp


def _linear(ctx, d):
    torch.manual_seed(100 + d)
    return nn.Linear(d, 1).to(ctx.device)


def _mlp(ctx, d):
    return seeded_mlp(ctx, d, 8, seed=200 + d)


def _data(ctx, n, d, seed):
    X = ctx.randn(n, d, seed=seed)
    w = ctx.randn(d, 1, seed=seed + 1)
    y = torch.sin(X @ w) + 0.1 * ctx.randn(n, 1, seed=seed + 2)
    return X, y


def _run(m, model, X, y, lr, epochs, batch_size):
    losses = m.train(model, X, y, lr, epochs, batch_size)
    return {"losses": losses, **model_snapshot(model),
            "steps": epochs * math.ceil(len(X) / batch_size)}


def _floats(values):
    if not isinstance(values, (list, tuple)):
        raise AssertionError("train must return a list of floats (one loss per step)")
    try:
        return [float(v) for v in values]
    except (TypeError, ValueError, RuntimeError):
        raise AssertionError("train must return a list of floats (use loss.item())") from None


@plain_words
def verify_trajectory(got, expected):
    if got["device"] != expected["device"]:
        raise AssertionError(f"the model ended on {got['device']!r}, expected "
                             f"{expected['device']!r}: keep the model and data where they are")
    assert_floats(got["losses"], "the returned losses")
    mine, ref = _floats(got["losses"]), _floats(expected["losses"])
    if len(mine) != len(ref):
        raise AssertionError(f"expected {len(ref)} losses (one per minibatch step: epochs x "
                             f"ceil(n / batch_size)), got {len(mine)}")
    for i, (a, b) in enumerate(zip(mine, ref, strict=True)):
        if not math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-6):
            if i == 0:
                why = ("the very first loss differs: use nn.MSELoss() (mean) and start with "
                       "the minibatch X[0:batch_size], no shuffling")
            elif i == 1:
                why = ("the first update differs: check the learning rate and that "
                       "optimizer.step() runs after loss.backward()")
            else:
                why = ("the first updates match, then the trajectory drifts: gradients "
                       "accumulate across backward() calls unless you call "
                       "optimizer.zero_grad() at every step")
            raise AssertionError(f"step {i}: loss {a:.6g}, expected {b:.6g}; {why}")
    for k, (p, q) in enumerate(zip(got["params"], expected["params"], strict=True)):
        try:
            torch.testing.assert_close(p, q, rtol=1e-4, atol=1e-5)
        except AssertionError:
            raise AssertionError(f"the final value of parameter {k} differs from the "
                                 "reference although every loss matched") from None


def cases(ctx):
    X3, y3 = _data(ctx, 20, 3, seed=1)
    X4, y4 = _data(ctx, 30, 4, seed=5)
    X2, y2 = _data(ctx, 6, 2, seed=9)
    return [
        Case("linear model, 20 examples, batch 5, 3 epochs",
             lambda m: _run(m, _linear(ctx, 3), X3, y3, 0.1, 3, 5),
             verify=verify_trajectory, inputs=(X3, y3)),
        Case("MLP, 30 examples, batch 8 (last batch of 6), 4 epochs",
             lambda m: _run(m, _mlp(ctx, 4), X4, y4, 0.05, 4, 8),
             verify=verify_trajectory, inputs=(X4, y4)),
        Case("a larger learning rate (0.3)",
             lambda m: _run(m, _mlp(ctx, 4), X4, y4, 0.3, 2, 10), verify=verify_trajectory),
        Case("batch size 1 (one example per step)",
             lambda m: _run(m, _linear(ctx, 2), X2, y2, 0.1, 2, 1), verify=verify_trajectory),
        Case("one full batch per epoch",
             lambda m: _run(m, _mlp(ctx, 4), X4, y4, 0.1, 5, 30), verify=verify_trajectory),
    ]
