import math

import torch
from torch import nn

from studykit.grading.kit import (
    Case,
    assert_params_close,
    assert_same_device,
    model_snapshot,
    seeded_mlp,
)


def _train(m, ctx, X, y, lr, micro, accum, epochs, stale=False):
    model = seeded_mlp(ctx, 3, 8, seed=6)
    if stale:  # gradients left over from earlier work: training must start from zero
        nn.functional.mse_loss(model(X[:5]), y[:5] + 3).backward()
    losses = m.train_with_accumulation(model, X, y, lr, micro, accum, epochs)
    return {"losses": losses, **model_snapshot(model)}


def _big_batches(ctx, X, y, lr, batch, epochs):
    """Plain SGD with large batches: what accumulation must reproduce."""
    model = seeded_mlp(ctx, 3, 8, seed=6)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(epochs):
        for i in range(0, len(X), batch):
            optimizer.zero_grad()
            nn.functional.mse_loss(model(X[i:i + batch]), y[i:i + batch]).backward()
            optimizer.step()
    return [p.detach().clone() for p in model.parameters()]


def verify_accumulation(got, expected):
    losses, want = got["losses"], expected["losses"]
    if not isinstance(losses, (list, tuple)) or len(losses) != len(want):
        raise AssertionError(f"expected {len(want)} losses (one per optimizer step: "
                             f"micro-batches / accum_steps), got "
                             f"{len(losses) if isinstance(losses, (list, tuple)) else losses!r}")
    if not all(type(v) is float for v in losses):
        raise AssertionError("expected a list of Python floats (loss.item()), got "
                             f"{sorted({type(v).__name__ for v in losses})}")
    if not math.isclose(losses[0], want[0], rel_tol=1e-4, abs_tol=1e-7):
        ratio = losses[0] / want[0] if want[0] else float("nan")
        raise AssertionError(f"the first step's loss is {losses[0]:.6g}, expected {want[0]:.6g} "
                             f"({ratio:.3g} times): divide every micro-batch loss by "
                             "accum_steps and add them up")
    for i, (a, b) in enumerate(zip(losses, want, strict=True)):
        if not math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-7):
            raise AssertionError(f"optimizer step {i}: loss {a:.6g}, expected {b:.6g}; the "
                                 "gradients must add up over accum_steps micro-batches (no "
                                 "zero_grad in between), one step, then zero_grad")
    assert_same_device(got, expected)
    assert_params_close(got["params"], expected["params"], "every loss matched but the final "
                        "parameters differ: take the last optimizer step too")


def verify_equivalent(got, expected):
    assert_params_close(got["accumulated"], got["big batches"],
                        "accumulating 3 micro-batches of 4 should give the same parameters as "
                        "plain SGD on batches of 12; it does not")


def cases(ctx):
    X = ctx.randn(48, 3, seed=1)
    y = torch.sin(X[:, :1]) - 0.5 * X[:, 1:2] + 0.1 * ctx.randn(48, 1, seed=2)
    return [
        Case("micro-batches of 4, 3 accumulation steps, 2 epochs",
             lambda m: _train(m, ctx, X, y, 0.1, 4, 3, 2), verify=verify_accumulation),
        Case("stale gradients before training are cleared first (one zero_grad)",
             lambda m: _train(m, ctx, X, y, 0.1, 4, 3, 1, stale=True),
             verify=verify_accumulation),
        Case("micro-batches of 2, 8 accumulation steps",
             lambda m: _train(m, ctx, X, y, 0.2, 2, 8, 2), verify=verify_accumulation),
        Case("micro-batches of a single example, 4 accumulation steps",
             lambda m: _train(m, ctx, X, y, 0.1, 1, 4, 1), verify=verify_accumulation),
        Case("accum_steps 1 is plain minibatch SGD",
             lambda m: _train(m, ctx, X, y, 0.05, 6, 1, 1), verify=verify_accumulation),
        Case("3 micro-batches of 4 end where plain SGD with batches of 12 ends",
             lambda m: {"accumulated": _train(m, ctx, X, y, 0.1, 4, 3, 2)["params"],
                        "big batches": _big_batches(ctx, X, y, 0.1, 12, 2)},
             verify=verify_equivalent),
    ]
