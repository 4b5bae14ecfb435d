import math

import torch

from studykit.grading.kit import (
    Case,
    assert_floats,
    assert_params_close,
    assert_same_device,
    model_snapshot,
    plain_words,
    seeded_mlp,
)


def _train(m, ctx, X, y, steps, switch, adam_lr, sgd_lr):
    model = seeded_mlp(ctx, 3, 8, seed=4)
    result = m.train_adam_then_sgd(model, X, y, steps, switch, adam_lr, sgd_lr)
    return {"result": result, **model_snapshot(model)}


@plain_words
def verify_trajectory(got, expected):
    res, ref = got["result"], expected["result"]
    if not isinstance(res, dict) or set(res) != {"losses", "optimizers"}:
        raise AssertionError("return a dict with the keys 'losses' and 'optimizers'")
    names, want = list(res["optimizers"]), list(ref["optimizers"])
    if len(names) != len(want):
        raise AssertionError(f"expected {len(want)} optimizer names (one per step), "
                             f"got {len(names)}")
    if names != want:
        first = next(i for i, (a, b) in enumerate(zip(names, want, strict=True)) if a != b)
        switch = want.count("Adam")
        raise AssertionError(f"step {first} was taken by {names[first]!r}, expected "
                             f"{want[first]!r}: Adam must take exactly the first {switch} step(s) "
                             "(steps 0 .. switch_step - 1), then SGD")
    assert_floats(res["losses"], "'losses'")
    losses = list(res["losses"])
    if len(losses) != len(ref["losses"]):
        raise AssertionError(f"expected {len(ref['losses'])} losses, got {len(losses)}")
    for i, (a, b) in enumerate(zip(losses, ref["losses"], strict=True)):
        if not math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-6):
            why = ("call zero_grad every step (gradients accumulate), create each optimizer "
                   "once (a new one every step loses Adam's moment estimates and SGD's "
                   "momentum), and check the learning rates and momentum=0.9")
            if i == 0:
                why = "the first loss differs: use nn.MSELoss() on the full batch"
            raise AssertionError(f"step {i} ({names[i]}): loss {a:.6g}, expected {b:.6g}; "
                                 f"{why}")
    assert_same_device(got, expected)
    assert_params_close(got["params"], expected["params"],
                        "every loss matched but the final parameters differ: take the "
                        "optimizer step after recording the last loss")


def cases(ctx):
    X = ctx.randn(40, 3, seed=1)
    y = torch.sin(2 * X[:, :1]) + X[:, 1:2] * X[:, 2:3]
    return [
        Case("10 Adam steps, then 15 SGD steps",
             lambda m: _train(m, ctx, X, y, 25, 10, 0.01, 0.05), verify=verify_trajectory,
             inputs=(X, y)),
        Case("switch after 1 step",
             lambda m: _train(m, ctx, X, y, 8, 1, 0.05, 0.1), verify=verify_trajectory),
        Case("switch_step 0: SGD only",
             lambda m: _train(m, ctx, X, y, 6, 0, 0.01, 0.1), verify=verify_trajectory),
        Case("switch_step equal to num_steps: Adam only",
             lambda m: _train(m, ctx, X, y, 6, 6, 0.02, 0.1), verify=verify_trajectory),
    ]
