import torch

from studykit.grading.kit import Case, assert_detached, assert_float, plain_words


def _data(ctx, true_w, true_b, n, seed):
    w = ctx.tensor(true_w)
    X = ctx.randn(n, len(true_w), seed=seed)
    y = X @ w + true_b + 0.01 * ctx.randn(n, seed=seed + 1)
    return X, y


def _sgd_step(m, ctx):
    w = ctx.tensor([1.0, -2.0, 3.0]).requires_grad_(True)
    b = ctx.tensor(0.5).requires_grad_(True)
    w.grad = ctx.tensor([4.0, 8.0, -2.0])
    b.grad = ctx.tensor(-6.0)
    m.sgd([w, b], 0.1, 4)
    return [w.detach().clone(), b.detach().clone()]


def _sgd_zeroes(m, ctx):
    w = ctx.tensor([1.0, -2.0]).requires_grad_(True)
    b = ctx.tensor(0.5).requires_grad_(True)
    (w.sum() * 3 + b * 2).backward()
    m.sgd([w, b], 0.1, 1)
    return [p.grad is None or bool((p.grad == 0).all()) for p in (w, b)]


def verify_zeroed(got, expected):
    if got != [True, True]:
        raise AssertionError("after sgd the gradients are not zero: call p.grad.zero_() for "
                             "every parameter, or the next backward() adds to the old gradient")


def _train(m, X, y, true_w, true_b, lr, epochs, batch_size):
    return {"result": m.train_linear_regression(X, y, lr, epochs, batch_size),
            "true_w": torch.tensor(true_w), "true_b": true_b}


@plain_words
def verify_recovered(got, expected):
    res = got["result"]
    if not isinstance(res, dict) or not {"w", "b", "loss", "device"} <= set(res):
        raise AssertionError("return a dict with keys 'w', 'b', 'loss' and 'device'")
    true_w, true_b = expected["true_w"], expected["true_b"]
    w, b = res["w"], res["b"]
    if not isinstance(w, torch.Tensor) or tuple(w.shape) != tuple(true_w.shape):
        raise AssertionError(f"w should be a tensor of shape {tuple(true_w.shape)}")
    if not isinstance(b, torch.Tensor) or b.numel() != 1:
        raise AssertionError("b should be a tensor with a single value")
    if res["device"] != expected["result"]["device"]:
        raise AssertionError(f"the parameters ended on {res['device']!r}, expected "
                             f"{expected['result']['device']!r}: create w and b on X.device")
    w_err = (w.double() - true_w.double()).abs().max().item()
    b_err = abs(b.double().item() - true_b)
    if not (w_err < 0.01 and b_err < 0.01):
        raise AssertionError(
            f"the learned parameters are too far from the true ones: max |w - true_w| = "
            f"{w_err:.3g}, |b - true_b| = {b_err:.3g} (should both be < 0.01). "
            "Check the update p -= lr * p.grad / batch_size and that gradients are zeroed "
            "after every step")
    assert_float(res["loss"], "'loss'")
    assert_detached(w, "'w'")
    assert_detached(b, "'b'")
    loss = res["loss"]
    if not loss < 1e-3:
        raise AssertionError(f"the final mean squared loss is {loss:.3g}; with noise of std "
                             "0.01 it should be about 5e-5 (is 'loss' the mean over all data?)")


def _initial(m, X, y):
    """num_epochs=0: the parameters as created (w ~ N(0, 0.01), b a 0-d zero)."""
    res = m.train_linear_regression(X, y, 0.03, 0, 10)
    return {"w": res["w"], "b": res["b"]}


def verify_initial(got, expected):
    w, b = got["w"], got["b"]
    if not isinstance(b, torch.Tensor) or b.shape != () or float(b) != 0.0:
        raise AssertionError(f"b should start as a 0-d zero tensor, got {b!r}")
    if not isinstance(w, torch.Tensor) or w.shape != expected["w"].shape \
            or float(w.abs().max()) > 0.1:
        raise AssertionError("w should start small: torch.normal(0, 0.01, size=(d,))")


def _initial_spread(m, ctx):
    X = ctx.randn(3, 2000, seed=30)
    w = m.train_linear_regression(X, ctx.randn(3, seed=31), 0.03, 0, 3)["w"]
    return {"std": float(w.double().std()), "mean": float(w.double().mean())}


def verify_spread(got, expected):
    if not (0.008 < got["std"] < 0.012 and abs(got["mean"]) < 0.002):
        raise AssertionError(f"the starting w has mean {got['mean']:.3g} and standard deviation "
                             f"{got['std']:.3g}; torch.normal(0, 0.01, ...) gives about 0 and "
                             "0.01")


def _two_steps(m, X, y, batch_size=2):
    res = m.train_linear_regression(X, y, 0.1, 1, batch_size)
    return {"w": res["w"], "b": res["b"]}


def verify_two_steps(got, expected):
    """After two minibatch steps the parameters depend on lr * grad / batch_size, not on
    the (random, 0.01-sized) start: 0.05 tells a wrong step size from a different start."""
    for key in ("w", "b"):
        diff = float((got[key].double() - expected[key].double()).abs().max())
        if diff > 0.05:
            raise AssertionError(f"after two minibatch steps {key} is off by {diff:.3g}: "
                                 "update p -= lr * p.grad / batch_size with batch_size the "
                                 "number of examples in that minibatch")


def cases(ctx):
    X = ctx.randn(4, 3, seed=1)
    w = ctx.randn(3, seed=2)
    b = ctx.tensor(0.7)
    y_hat = ctx.randn(5, seed=3)
    y = ctx.randn(5, seed=4)
    X2, y2 = _data(ctx, [2.0, -3.4], 4.2, 1000, seed=10)
    X5, y5 = _data(ctx, [0.5, -1.0, 1.5, 3.0, -2.5], -1.3, 503, seed=20)
    X4 = ctx.tensor([[3.0, -1.0], [2.0, 4.0], [-2.0, 1.0], [1.0, 3.0]])
    y4 = ctx.tensor([5.0, -3.0, 2.0, 6.0])
    return [
        Case("num_epochs=0 returns the parameters as created", lambda m: _initial(m, X4, y4),
             verify=verify_initial),
        Case("w starts from N(0, 0.01): 2000 weights, their spread",
             lambda m: _initial_spread(m, ctx), verify=verify_spread),
        Case("two minibatch steps of 2 examples (lr 0.1)", lambda m: _two_steps(m, X4, y4),
             verify=verify_two_steps),
        Case("minibatches of 3 then 1: the last step divides by 1",
             lambda m: _two_steps(m, X4, y4, 3), verify=verify_two_steps),
        Case("linreg on a 4x3 batch", lambda m: m.linreg(X, w, b),),
        Case("squared_loss is one value per example", lambda m: m.squared_loss(y_hat, y),),
        Case("sgd updates in place: p -= lr * grad / batch_size", lambda m: _sgd_step(m, ctx)),
        Case("sgd zeroes the gradients", lambda m: _sgd_zeroes(m, ctx), verify=verify_zeroed),
        Case("recovers w = [2, -3.4], b = 4.2 (3 epochs, batch 10)",
             lambda m: _train(m, X2, y2, [2.0, -3.4], 4.2, 0.03, 3, 10),
             verify=verify_recovered, inputs=(X2, y2)),
        Case("recovers 5 weights (503 examples, last batch smaller)",
             lambda m: _train(m, X5, y5, [0.5, -1.0, 1.5, 3.0, -2.5], -1.3, 0.1, 5, 16),
             verify=verify_recovered, inputs=(X5, y5)),
    ]
