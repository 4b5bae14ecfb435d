import math

import torch
from torch import nn

from studykit.grading.kit import (
    Case,
    assert_float,
    assert_floats,
    assert_params_close,
    assert_same_device,
    model_snapshot,
    plain_words,
    seeded_mlp,
)


def _params_with_grads(ctx, scale, seed, dtype=torch.float32):
    shapes = [(3, 4), (4,), (2, 2, 2)]
    params = []
    for i, shape in enumerate(shapes):
        p = ctx.randn(*shape, seed=seed + i, dtype=dtype).requires_grad_(True)
        p.grad = scale * ctx.randn(*shape, seed=seed + 10 + i, dtype=dtype)
        params.append(p)
    return params


def _clip(m, ctx, scale, max_norm, seed, dtype=torch.float32):
    params = _params_with_grads(ctx, scale, seed, dtype)
    norm = m.clip_gradients(params, max_norm)
    grads = [p.grad.detach().clone() for p in params]
    return {"norm": norm, "grads": grads,
            "norm after": float(torch.sqrt(sum((g.double() ** 2).sum() for g in grads)))}


@plain_words
def verify_clip(got, expected):
    assert_float(got["norm"], "the returned norm")
    if not math.isclose(got["norm"], expected["norm"], rel_tol=1e-5):
        raise AssertionError(f"returned norm {got['norm']:.6g}, expected {expected['norm']:.6g}: "
                             "the L2 norm of ALL gradients together (before clipping)")
    if not math.isclose(got["norm after"], expected["norm after"], rel_tol=1e-5):
        raise AssertionError(f"after clipping the gradients' total norm is "
                             f"{got['norm after']:.6g}, expected {expected['norm after']:.6g}: "
                             "scale every gradient by max_norm / total_norm, only when "
                             "total_norm > max_norm")
    for i, (g, e) in enumerate(zip(got["grads"], expected["grads"], strict=True)):
        try:
            torch.testing.assert_close(g, e, rtol=1e-5, atol=1e-6)
        except AssertionError:
            raise AssertionError(f"gradient {i} differs after clipping: scale all gradients by "
                                 "the same factor, keeping their direction") from None


def _train(m, ctx, X, y, lr, max_norm, steps):
    model = seeded_mlp(ctx, 4, 8, seed=5, activation=nn.ReLU)
    norms = m.train_with_clipping(model, X, y, lr, max_norm, steps)
    grads = [p.grad for p in model.parameters() if p.grad is not None]
    last = float(torch.sqrt(sum((g.double() ** 2).sum() for g in grads))) if grads else 0.0
    return {"norms": norms, "last grad norm": last, "max_norm": max_norm,
            **model_snapshot(model)}


@plain_words
def verify_training(got, expected):
    norms, want = got["norms"], expected["norms"]
    if not isinstance(norms, (list, tuple)) or len(norms) != len(want):
        raise AssertionError(f"return a list with one norm per step ({len(want)})")
    assert_floats(norms, "the returned norms")
    max_norm = expected["max_norm"]
    if max(want) > max_norm * 1.01 and max(norms) <= max_norm * (1 + 1e-5):
        raise AssertionError("every returned norm is <= max_norm: return the total norm "
                             "measured BEFORE clipping (what clip_grad_norm_ returns)")
    for i, (a, b) in enumerate(zip(norms, want, strict=True)):
        if not math.isclose(a, b, rel_tol=1e-3):
            raise AssertionError(f"step {i}: gradient norm {a:.6g}, expected {b:.6g}; call "
                                 "zero_grad every step (gradients accumulate), and clip between "
                                 "loss.backward() and optimizer.step() by the global norm of "
                                 "all parameters' gradients")
    if got["last grad norm"] > max_norm * (1 + 1e-4):
        raise AssertionError(f"the gradients used in the last step have norm "
                             f"{got['last grad norm']:.4g} > max_norm = {max_norm}: clip before "
                             "optimizer.step()")
    assert_same_device(got, expected)
    assert_params_close(got["params"], expected["params"], "the final parameters differ from "
                        "the reference: clip after backward() and before step(), every step")


def cases(ctx):
    X = ctx.randn(32, 4, seed=1)
    y = 20 * X[:, :1] - 10 * X[:, 1:2] + 5  # large targets: the first gradients are large
    return [
        Case("clip: a large gradient is scaled down to max_norm",
             lambda m: _clip(m, ctx, 10.0, 1.0, seed=1), verify=verify_clip),
        Case("clip: a small gradient is left alone",
             lambda m: _clip(m, ctx, 0.01, 1.0, seed=2), verify=verify_clip),
        Case("clip: float64 gradients, max_norm 5",
             lambda m: _clip(m, ctx, 3.0, 5.0, seed=3, dtype=torch.float64),
             verify=verify_clip),
        Case("train 40 steps with max_norm 5: norms before clipping and final parameters",
             lambda m: _train(m, ctx, X, y, 0.05, 5.0, 40), verify=verify_training,
             inputs=(X, y)),
        Case("train 30 steps with max_norm 50 (clipping only at first)",
             lambda m: _train(m, ctx, X, y, 0.02, 50.0, 30), verify=verify_training),
    ]
