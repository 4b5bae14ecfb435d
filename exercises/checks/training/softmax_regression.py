import math

import torch

from studykit.grading.kit import Case, assert_detached, assert_float, assert_floats, plain_words


def _circle(ctx, K, r):
    angles = torch.arange(K) * 2 * math.pi / K
    return ctx.to(r * torch.stack([angles.cos(), angles.sin()], dim=1))


def _clusters(ctx, centers, n, seed):
    """n points: a random cluster label each, its center plus unit Gaussian noise."""
    y = ctx.randint(0, len(centers), (n,), seed=seed)
    X = centers[y] + ctx.randn(n, centers.shape[1], seed=seed + 1)
    return X, y


def _train(m, X, y, K, lr, steps, max_loss, min_acc):
    return {"result": m.train_softmax_regression(X, y, K, lr, steps),
            "K": K, "steps": steps, "max_loss": max_loss, "min_acc": min_acc}


@plain_words
def verify_training(got, expected):
    res, ref = got["result"], expected["result"]
    K, steps = expected["K"], expected["steps"]
    if not isinstance(res, dict) or not {"losses", "accuracy", "weight", "device"} <= set(res):
        raise AssertionError("return a dict with keys 'losses', 'accuracy', 'weight', 'bias' "
                             "and 'device'")
    if res["device"] != ref["device"]:
        raise AssertionError(f"the model ended on {res['device']!r}, expected "
                             f"{ref['device']!r}: create it on X.device")
    assert_floats(res["losses"], "'losses'")
    assert_float(res["accuracy"], "'accuracy'")
    assert_detached(res["weight"], "'weight'")
    assert_detached(res.get("bias"), "'bias'")
    losses = list(res["losses"])
    if len(losses) != steps:
        raise AssertionError(f"expected {steps} losses (one per step), got {len(losses)}")
    if not all(math.isfinite(v) for v in losses):
        raise AssertionError("the loss became nan or inf")
    if abs(losses[0] - math.log(K)) > 1e-3:
        raise AssertionError(f"the first loss is {losses[0]:.4f}; with zero weights every class "
                             f"has probability 1/{K}, so it must be ln {K} = {math.log(K):.4f}. "
                             "Zero-initialise weight and bias, and give CrossEntropyLoss the "
                             "raw logits")
    if not losses[-1] < expected["max_loss"]:
        raise AssertionError(f"after {steps} steps the loss is still {losses[-1]:.3f}; it should "
                             f"fall below {expected['max_loss']}. Check that CrossEntropyLoss gets "
                             "the raw logits (no softmax before it), that SGD uses the given lr "
                             "and that zero_grad runs every step")
    acc = float(res["accuracy"])
    if not 0.0 <= acc <= 1.0:
        raise AssertionError(f"accuracy {acc} is not a fraction between 0 and 1")
    if acc < expected["min_acc"]:
        raise AssertionError(f"final training accuracy {acc:.3f} is below "
                             f"{expected['min_acc']}")
    for i in (1, 2):
        want = float(ref["losses"][i])
        if not math.isclose(losses[i], want, rel_tol=1e-3):
            raise AssertionError(f"step {i}: loss {losses[i]:.5f}, expected {want:.5f}; take "
                                 "plain SGD steps with the given lr on the full batch, calling "
                                 "zero_grad every step")


def cases(ctx):
    logits = ctx.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [0.1, 0.2, 3.0], [1.0, 0.0, -1.0]])
    labels = ctx.tensor([0, 1, 1, 2])
    big = ctx.randn(50, 7, seed=3)
    big_y = ctx.randint(0, 7, (50,), seed=4)
    X3, y3 = _clusters(ctx, _circle(ctx, 3, 3.0), 200, seed=10)
    basis = ctx.to(3.0 * torch.eye(5)[:4])
    X4, y4 = _clusters(ctx, basis, 300, seed=20)
    return [
        Case("accuracy: 2 of 4 correct", lambda m: m.accuracy(logits, labels)),
        Case("accuracy of 50 random predictions over 7 classes",
             lambda m: m.accuracy(big, big_y),),
        Case("3 clusters in 2-D: loss starts at ln 3, accuracy >= 0.95 after 60 steps",
             lambda m: _train(m, X3, y3, 3, 0.5, 60, 0.09, 0.95),
             verify=verify_training, inputs=(X3, y3)),
        Case("4 clusters in 5-D: loss starts at ln 4, accuracy >= 0.92 after 100 steps",
             lambda m: _train(m, X4, y4, 4, 0.5, 100, 0.2, 0.92),
             verify=verify_training, inputs=(X4, y4)),
    ]
