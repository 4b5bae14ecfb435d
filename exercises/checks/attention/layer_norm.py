import torch
from torch import nn
from torch.nn import functional as F

from studykit.grading.kit import Case, plain_words


def _vs_torch(m, X, shape, w, b, eps=1e-5):
    return {"yours": m.layer_norm(X, shape, w, b, eps),
            "torch": F.layer_norm(X, (shape,) if isinstance(shape, int) else shape, w, b, eps)}


@plain_words
def verify_vs_torch(got, expected):
    yours, want = got["yours"], got["torch"]
    if tuple(yours.shape) != tuple(want.shape) or yours.dtype != want.dtype:
        raise AssertionError(f"expected a {tuple(want.shape)} {want.dtype} result, got "
                             f"{tuple(yours.shape)} {yours.dtype}")
    if not torch.allclose(yours, want, rtol=1e-4, atol=1e-5):
        worst = (yours - want).abs().max().item()
        raise AssertionError(f"your result differs from F.layer_norm (worst difference "
                             f"{worst:.3g}): standardise over the last len(normalized_shape) "
                             "dims with the biased variance, eps inside the square root, "
                             "then * weight + bias")


def _independent(m, X):
    """Changing example 1 must not change example 0's output."""
    Y = m.layer_norm(X, X.shape[-1])
    X2 = X.clone()
    X2[1:] = X2[1:] * 5 + 3
    Y2 = m.layer_norm(X2, X.shape[-1])
    return bool(torch.allclose(Y[0], Y2[0], atol=1e-6))


def verify_independent(got, expected):
    if not got:
        raise AssertionError("changing the other examples of the batch changed example 0's "
                             "output: layer norm uses each example's own features (the last "
                             "dims), not statistics over the batch as batch norm does")


def _grads(m, X, shape, w, b):
    leaves = [t.clone().requires_grad_(True) for t in (X, w, b)]
    Y = m.layer_norm(leaves[0], shape, leaves[1], leaves[2])
    (Y * torch.linspace(-2, 2, Y.numel(), dtype=Y.dtype, device=Y.device).view_as(Y)) \
        .sum().backward()
    return {name: t.grad for name, t in zip(("X", "weight", "bias"), leaves, strict=True)}


def _module(m, X, shape, ctx):
    torch.manual_seed(3)
    theirs = nn.LayerNorm(shape).to(ctx.device)
    with torch.no_grad():
        theirs.weight.normal_()
        theirs.bias.normal_()
    mine = m.LayerNorm(shape).to(ctx.device)
    fresh = {k: (tuple(v.shape), v.tolist()) for k, v in mine.state_dict().items()}
    mine.load_state_dict(theirs.state_dict())
    quiet = X * 1e-3  # a variance near eps: the default eps shows
    with torch.no_grad():
        return {"fresh state_dict": fresh, "output": mine(X), "torch": theirs(X),
                "quiet output": mine(quiet), "quiet torch": theirs(quiet)}


@plain_words
def verify_module(got, expected):
    if set(got["fresh state_dict"]) != set(expected["fresh state_dict"]):
        raise AssertionError(f"LayerNorm's state_dict has {sorted(got['fresh state_dict'])}; "
                             "name the parameters weight and bias, as nn.LayerNorm does")
    for key, (shape, values) in expected["fresh state_dict"].items():
        if got["fresh state_dict"][key] != (shape, values):
            raise AssertionError(f"a new LayerNorm's {key} should be "
                                 f"{'ones' if key == 'weight' else 'zeros'} of shape {shape}")
    if not torch.allclose(got["output"], got["torch"], rtol=1e-4, atol=1e-5):
        raise AssertionError("with nn.LayerNorm's weights loaded, your module's output differs "
                             "from nn.LayerNorm's")
    if not torch.allclose(got["quiet output"], got["quiet torch"], rtol=1e-4, atol=1e-5):
        raise AssertionError("on an input whose variance is close to eps your module's output "
                             "differs from nn.LayerNorm's: its default eps is 1e-5")


def cases(ctx):
    X = ctx.randn(2, 3, 8, seed=1) * 3 + 1
    w, b = ctx.randn(8, seed=2), ctx.randn(8, seed=3)
    img = ctx.randn(2, 3, 4, 4, seed=4, dtype=torch.float64)
    wi, bi = ctx.randn(3, 4, 4, seed=5, dtype=torch.float64), \
        ctx.randn(3, 4, 4, seed=6, dtype=torch.float64)
    const = torch.cat([torch.full((1, 6), 2.5), torch.randn(1, 6, generator=ctx.generator(7))])
    const = const.to(ctx.device)
    w6, b6 = ctx.randn(6, seed=8), ctx.randn(6, seed=9)
    Xd = ctx.randn(3, 5, seed=10, dtype=torch.float64)
    wd, bd = ctx.randn(5, seed=11, dtype=torch.float64), ctx.randn(5, seed=12, dtype=torch.float64)
    return [
        Case("(2, 3, 8) token features, weight and bias",
             lambda m: m.layer_norm(X, 8, w, b), inputs=(X, w, b), rtol=1e-5, atol=1e-5),
        Case("agrees with F.layer_norm", lambda m: _vs_torch(m, X, 8, w, b),
             verify="verify_vs_torch"),
        Case("no weight, no bias; normalized_shape as a tuple",
             lambda m: m.layer_norm(X, (8,)), rtol=1e-5, atol=1e-5),
        Case("normalized_shape (3, 4, 4): whole images (float64)",
             lambda m: m.layer_norm(img, (3, 4, 4), wi, bi), inputs=(img, wi, bi)),
        Case("(3, 4, 4) agrees with F.layer_norm", lambda m: _vs_torch(m, img, (3, 4, 4), wi, bi),
             verify="verify_vs_torch"),
        Case("eps = 1.0 goes inside the square root",
             lambda m: _vs_torch(m, X, 8, w, b, eps=1.0), verify="verify_vs_torch"),
        Case("each example is normalised on its own",
             lambda m: _independent(m, X), verify="verify_independent"),
        Case("a constant row gives the bias, not NaN",
             lambda m: m.layer_norm(const, 6, w6, b6), rtol=1e-5, atol=1e-5),
        Case("gradients for X, weight and bias (float64)",
             lambda m: _grads(m, Xd, 5, wd, bd)),
        Case("LayerNorm module: names, initial values, loads nn.LayerNorm's state_dict",
             lambda m: _module(m, X, 8, ctx), verify="verify_module"),
        Case("LayerNorm module over (3, 4, 4)",
             lambda m: _module(m, img.float(), (3, 4, 4), ctx), verify="verify_module"),
    ]
