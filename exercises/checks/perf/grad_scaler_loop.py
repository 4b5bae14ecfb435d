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


def _batches(ctx, n, bad=None):
    out = []
    for i in range(n):
        X = ctx.randn(16, 4, seed=10 + i)
        y = torch.sin(X.sum(dim=1, keepdim=True))
        if i == bad:
            y = y.clone()
            y[0, 0] = float("inf")
        out.append((X, y))
    return out


def _train(m, ctx, batches, lr, max_norm, use_scaler="default"):
    model = seeded_mlp(ctx, 4, 16, seed=3)
    kwargs = {} if use_scaler == "default" else {"use_scaler": use_scaler}
    result = m.train_mixed(model, batches, lr, max_norm, **kwargs)
    return {"result": result, **model_snapshot(model)}


@plain_words
def verify_run(got, expected):
    res, ref = got["result"], expected["result"]
    if not isinstance(res, dict) or set(res) != {"losses", "scales"}:
        raise AssertionError("return a dict with the keys 'losses' and 'scales'")
    assert_floats(res["losses"], "the losses")
    n = len(ref["losses"])
    if len(res["losses"]) != n or len(res["scales"]) != n:
        raise AssertionError(f"expected {n} losses and {n} scales (one per batch), got "
                             f"{len(res['losses'])} and {len(res['scales'])}")
    for i, (a, b) in enumerate(zip(res["scales"], ref["scales"], strict=True)):
        if float(a) != b:
            why = ("the scaler should be off here (get_scale() is then 1.0)" if b == 1.0 else
                   "after an inf/nan step update() halves the scale" if i and b <
                   ref["scales"][i - 1] else "create one GradScaler before the loop, "
                   "enabled as described, and call scaler.update() every step")
            raise AssertionError(f"after step {i} the scale is {float(a):g}, expected {b:g}: "
                                 f"{why}")
    for i, (a, b) in enumerate(zip(res["losses"], ref["losses"], strict=True)):
        if not math.isclose(float(a), b, rel_tol=1e-3, abs_tol=1e-5):
            why = ("the first loss differs: forward under autocast, F.mse_loss" if i == 0 else
                   "call scaler.unscale_(optimizer) BEFORE clipping, clip to max_norm, then "
                   "scaler.step(optimizer) (not optimizer.step(): it would use the scaled "
                   "gradients and would not skip an inf step), and zero_grad every step")
            raise AssertionError(f"step {i}: loss {float(a):.6g}, expected {b:.6g}; {why}")
    assert_same_device(got, expected)
    assert_params_close(got["params"], expected["params"],
                        "every loss matched but the final parameters differ: take the "
                        "last step too")


def cases(ctx):
    six = _batches(ctx, 6)
    return [
        Case(f"on {ctx.device.type} with the default scaler setting",
             lambda m: _train(m, ctx, six, 0.1, 1.0), verify="verify_run"),
        Case("scaler forced on, clipping at max_norm 0.3 (unscale_ before clipping)",
             lambda m: _train(m, ctx, six, 0.1, 0.3, use_scaler=True), verify="verify_run"),
        Case("scaler forced on, batch 2 has an inf target: that step is skipped, the scale "
             "halves", lambda m: _train(m, ctx, _batches(ctx, 5, bad=2), 0.1, 1.0,
                                        use_scaler=True), verify="verify_run"),
        Case("scaler off (use_scaler=False), no clipping in effect",
             lambda m: _train(m, ctx, six, 0.05, 100.0, use_scaler=False),
             verify="verify_run"),
    ]
