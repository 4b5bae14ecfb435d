import torch
from torch import nn

from studykit.grading.kit import Case, plain_words


def _layer(ctx, fan_in, fan_out, seed, bias=True, dtype=torch.float64):
    torch.manual_seed(seed)
    return nn.Linear(fan_in, fan_out, bias=bias, dtype=dtype).to(ctx.device)


def _storages(module):
    return {p.untyped_storage().data_ptr() for p in module.parameters()}


def _describe(layer, originals, x):
    """What the merged layer looks like, and whether it leaves the originals alone."""
    if not isinstance(layer, nn.Linear):
        raise AssertionError(f"return an nn.Linear, got {type(layer).__name__}")
    shared = set().union(*(_storages(o) for o in originals)) & _storages(layer)
    if layer.weight.dtype != x.dtype:
        raise AssertionError(f"the merged layer is {layer.weight.dtype}, the given layers "
                             f"are {x.dtype}: create it with their dtype")
    if layer.weight.shape[1] != x.shape[1]:
        raise AssertionError(f"the merged weight has shape {tuple(layer.weight.shape)}; a "
                             f"layer from {x.shape[1]} inputs needs (out, {x.shape[1]})")
    return {
        "in_features": layer.in_features, "out_features": layer.out_features,
        "weight": layer.weight.detach().clone(),
        "bias": None if layer.bias is None else layer.bias.detach().clone(),
        "weight and bias are trainable Parameters": all(
            isinstance(p, nn.Parameter) and p.requires_grad and p.is_leaf
            for p in layer.parameters()),
        "shares a tensor with the given layers": bool(shared),
        "output on x": layer(x).detach(),
    }


def _unchanged(before, modules):
    after = [p.detach() for mod in modules for p in mod.parameters()]
    return len(after) == len(before) and all(
        a.shape == b.shape and torch.equal(a, b) for a, b in zip(after, before, strict=True))


def _merge(m, first, second, x):
    chain = second(first(x)).detach()
    before = [p.detach().clone() for mod in (first, second) for p in mod.parameters()]
    merged = m.merge_linear(first, second)
    if not _unchanged(before, (first, second)):
        raise AssertionError("merge_linear changed a given layer: build a new nn.Linear")
    return {**_describe(merged, (first, second), x), "given layers unchanged": True,
            "the two layers on x": chain}


def _collapse(m, net, x):
    chain = net(x).detach()
    before = [p.detach().clone() for p in net.parameters()]
    merged = m.collapse(net)
    if not _unchanged(before, [net]):
        raise AssertionError("collapse changed a layer of net: build a new nn.Linear")
    return {**_describe(merged, list(net), x), "given layers unchanged": True,
            "the whole chain on x": chain}


@plain_words
def verify_equivalent(got, expected):
    chain = "the two layers on x" if "the two layers on x" in got else "the whole chain on x"
    if got["shares a tensor with the given layers"]:
        raise AssertionError("the merged layer shares a weight or bias tensor with a given "
                             "layer: build it from new tensors")
    if not got["given layers unchanged"]:
        raise AssertionError("a given layer's weight or bias changed: leave them alone")
    if not got["weight and bias are trainable Parameters"]:
        raise AssertionError("the merged weight and bias must be Parameters that require "
                             "grad and have no autograd history (copy values in under "
                             "torch.no_grad())")
    for key in ("in_features", "out_features"):
        if got[key] != expected[key]:
            raise AssertionError(f"{key} is {got[key]}, expected {expected[key]}")
    if (got["bias"] is None) != (expected["bias"] is None):
        want = "no bias" if expected["bias"] is None else "a bias"
        raise AssertionError(f"the merged layer should have {want}")
    y, want = got["output on x"], got[chain]
    if y.dtype != want.dtype:
        raise AssertionError(f"the merged layer computes in {y.dtype}; the layers use "
                             f"{want.dtype}")
    if not torch.allclose(y, want, rtol=1e-5, atol=1e-6):
        raise AssertionError(f"merged(x) differs from {chain.replace(' on x', '')} applied to x "
                             f"by up to {(y - want).abs().max().item():.3g}: check "
                             "W = W2 @ W1 and b = W2 @ b1 + b2")
    torch.testing.assert_close(got["weight"], expected["weight"])
    if expected["bias"] is not None:
        torch.testing.assert_close(got["bias"], expected["bias"])


def cases(ctx):
    x5 = ctx.randn(7, 5, seed=1, dtype=torch.float64)
    x4 = ctx.randn(3, 4, seed=2, dtype=torch.float64)
    x6 = ctx.randn(5, 6, seed=3, dtype=torch.float64)
    x32 = ctx.randn(4, 8, seed=4)
    return [
        Case("merge Linear(5, 4) and Linear(4, 3)",
             lambda m: _merge(m, _layer(ctx, 5, 4, 10), _layer(ctx, 4, 3, 11), x5),
             verify="verify_equivalent"),
        Case("merge square layers 4 -> 4 -> 4 (the order of the product matters)",
             lambda m: _merge(m, _layer(ctx, 4, 4, 12), _layer(ctx, 4, 4, 13), x4),
             verify="verify_equivalent"),
        Case("merge: the first layer has no bias",
             lambda m: _merge(m, _layer(ctx, 5, 4, 14, bias=False), _layer(ctx, 4, 3, 15), x5),
             verify="verify_equivalent"),
        Case("merge: the second layer has no bias",
             lambda m: _merge(m, _layer(ctx, 5, 4, 16), _layer(ctx, 4, 2, 17, bias=False), x5),
             verify="verify_equivalent"),
        Case("merge: neither layer has a bias (bias=False)",
             lambda m: _merge(m, _layer(ctx, 5, 4, 18, bias=False),
                              _layer(ctx, 4, 6, 19, bias=False), x5),
             verify="verify_equivalent"),
        Case("merge float32 layers 8 -> 16 -> 3",
             lambda m: _merge(m, _layer(ctx, 8, 16, 20, dtype=torch.float32),
                              _layer(ctx, 16, 3, 21, dtype=torch.float32), x32),
             verify="verify_equivalent"),
        Case("collapse a chain 6 -> 5 -> 4 -> 2",
             lambda m: _collapse(m, nn.Sequential(_layer(ctx, 6, 5, 22), _layer(ctx, 5, 4, 23),
                                                  _layer(ctx, 4, 2, 24)), x6),
             verify="verify_equivalent"),
        Case("collapse a chain without biases 6 -> 4 -> 3: no bias either",
             lambda m: _collapse(m, nn.Sequential(_layer(ctx, 6, 4, 28, bias=False),
                                                  _layer(ctx, 4, 3, 29, bias=False)), x6),
             verify="verify_equivalent"),
        Case("collapse one layer without a bias",
             lambda m: _collapse(m, nn.Sequential(_layer(ctx, 6, 2, 30, bias=False)), x6),
             verify="verify_equivalent"),
        Case("collapse a chain of one layer gives a new, equal layer",
             lambda m: _collapse(m, nn.Sequential(_layer(ctx, 6, 3, 25)), x6),
             verify="verify_equivalent"),
        Case("merged weight and bias values",
             lambda m: {k: v for k, v in _merge(m, _layer(ctx, 3, 5, 26), _layer(ctx, 5, 2, 27),
                                                x6[:, :3]).items() if k in ("weight", "bias")}),
    ]
