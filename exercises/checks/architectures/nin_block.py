import torch
from torch import nn

from studykit.grading.kit import Case, load_named_weights


def _spec(c_in, c_out, k, prefix=""):
    return [(f"{prefix}0.weight", (c_out, c_in, k, k)), (f"{prefix}0.bias", (c_out,)),
            (f"{prefix}2.weight", (c_out, c_out, 1, 1)), (f"{prefix}2.bias", (c_out,)),
            (f"{prefix}4.weight", (c_out, c_out, 1, 1)), (f"{prefix}4.bias", (c_out,))]


def _describe(block):
    out = []
    for layer in block:
        if isinstance(layer, nn.Conv2d):
            out.append(("Conv2d", layer.in_channels, layer.out_channels,
                        tuple(layer.kernel_size), tuple(layer.stride), tuple(layer.padding)))
        elif isinstance(layer, nn.Sequential):
            out.append(("Sequential", _describe(layer)))
        else:
            out.append(type(layer).__name__)
    return out


def _block(m, ctx, c_in, c_out, k, s, p, x):
    block = load_named_weights(m.nin_block(c_in, c_out, k, s, p), _spec(c_in, c_out, k), ctx, 3,
                               scale=0.4)
    return block(x)


def _head(m, ctx, c_in, classes, x):
    head = load_named_weights(m.nin_head(c_in, classes), _spec(c_in, classes, 3, "0."), ctx, 5,
                              scale=0.4)
    return head(x)


def _pixelwise(m, ctx, x):
    """1x1 convolutions mix channels at each pixel: shuffling pixels commutes with them."""
    block = load_named_weights(m.nin_block(3, 6, 1, 1, 0), _spec(3, 6, 1), ctx, 9, scale=0.4)
    perm = torch.randperm(x.shape[2] * x.shape[3], generator=torch.Generator().manual_seed(0))
    flat = x.flatten(2)[:, :, perm].reshape(x.shape)
    a = block(flat).flatten(2)
    b = block(x).flatten(2)[:, :, perm]
    return bool(torch.allclose(a, b, atol=1e-6))


def cases(ctx):
    x = ctx.randn(2, 3, 21, 21, seed=1)
    x2 = ctx.randn(1, 4, 10, 12, seed=2)
    x3 = ctx.randn(3, 8, 6, 6, seed=3)
    return [
        Case("layers of nin_block(3, 16, 5, 2, 0)",
             lambda m: _describe(m.nin_block(3, 16, 5, 2, 0))),
        Case("layers of nin_head(8, 10)", lambda m: _describe(m.nin_head(8, 10))),
        Case("nin_block output shape: 21x21, kernel 5, stride 2 -> 9x9",
             lambda m: tuple(m.nin_block(3, 16, 5, 2, 0).to(ctx.device)(x).shape)),
        Case("nin_block forward with given weights (kernel 5, stride 2)",
             lambda m: _block(m, ctx, 3, 6, 5, 2, 0, x), rtol=1e-5, atol=1e-5),
        Case("nin_block forward with given weights (kernel 3, padding 1, 10x12)",
             lambda m: _block(m, ctx, 4, 5, 3, 1, 1, x2), rtol=1e-5, atol=1e-5),
        Case("a 1x1-only NiN block treats every pixel separately",
             lambda m: _pixelwise(m, ctx, x2[:, :3])),
        Case("nin_head: (3, 8, 6, 6) -> (3, 10) class scores",
             lambda m: _head(m, ctx, 8, 10, x3), rtol=1e-5, atol=1e-5),
        Case("nin_head on a 1x1 input, 1 class",
             lambda m: _head(m, ctx, 4, 1, ctx.randn(2, 4, 1, 1, seed=4)), rtol=1e-5,
             atol=1e-5),
        Case("parameter count of nin_block(96, 256, 5, 1, 2)",
             lambda m: sum(p.numel() for p in m.nin_block(96, 256, 5, 1, 2).parameters())),
    ]
