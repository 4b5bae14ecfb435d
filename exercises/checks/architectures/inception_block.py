import torch
from torch.nn import functional as F

from studykit.grading.kit import Case, load_named_weights


def _spec(c_in, c1, c2, c3, c4):
    return [("p1_1.weight", (c1, c_in, 1, 1)), ("p1_1.bias", (c1,)),
            ("p2_1.weight", (c2[0], c_in, 1, 1)), ("p2_1.bias", (c2[0],)),
            ("p2_2.weight", (c2[1], c2[0], 3, 3)), ("p2_2.bias", (c2[1],)),
            ("p3_1.weight", (c3[0], c_in, 1, 1)), ("p3_1.bias", (c3[0],)),
            ("p3_2.weight", (c3[1], c3[0], 5, 5)), ("p3_2.bias", (c3[1],)),
            ("p4_2.weight", (c4, c_in, 1, 1)), ("p4_2.bias", (c4,))]


def _loaded(m, ctx, c_in, c1, c2, c3, c4, seed=41):
    block = load_named_weights(m.Inception(c_in, c1, c2, c3, c4), _spec(c_in, c1, c2, c3, c4),
                               ctx, seed)
    return block, {k: v.clone() for k, v in block.state_dict().items()}


def _shape(m, ctx, c_in, c1, c2, c3, c4, h, w):
    block = m.Inception(c_in, c1, c2, c3, c4).to(ctx.device)
    return tuple(block(ctx.randn(2, c_in, h, w, seed=h * w)).shape)


def _path1_first(m, ctx, x):
    """The first c1 output channels are path 1: ReLU(1x1 conv), computed here by hand."""
    block, state = _loaded(m, ctx, 4, 3, (2, 5), (2, 3), 2)
    out = block(x)
    p1 = F.relu(F.conv2d(x, state["p1_1.weight"], state["p1_1.bias"]))
    p4 = F.relu(F.conv2d(F.max_pool2d(x, 3, 1, 1), state["p4_2.weight"], state["p4_2.bias"]))
    return {"path 1 first": bool(torch.allclose(out[:, :3], p1, atol=1e-5)),
            "path 4 last": bool(torch.allclose(out[:, -2:], p4, atol=1e-5))}


def verify_order(got, expected):
    if not got["path 1 first"]:
        raise AssertionError("the first c1 output channels are not ReLU(p1_1(x)): "
                             "concatenate the paths in the order p1, p2, p3, p4")
    if not got["path 4 last"]:
        raise AssertionError("the last c4 output channels are not ReLU(p4_2(p4_1(x))): "
                             "path 4 is max pooling (3x3, stride 1, padding 1) then a 1x1 "
                             "convolution and a ReLU, concatenated last")


def cases(ctx):
    x = ctx.randn(2, 4, 6, 6, seed=1)
    x1 = ctx.randn(1, 4, 1, 1, seed=2)
    return [
        Case("shape: GoogLeNet's first block, 192 -> 64+128+32+32 = 256 channels",
             lambda m: _shape(m, ctx, 192, 64, (96, 128), (16, 32), 32, 4, 4)),
        Case("shape: small block on a 7x5 input keeps 7x5",
             lambda m: _shape(m, ctx, 3, 2, (4, 6), (1, 2), 3, 7, 5)),
        Case("path order: path 1 first, path 4 last", lambda m: _path1_first(m, ctx, x),
             verify=verify_order),
        Case("forward with given weights",
             lambda m: _loaded(m, ctx, 4, 3, (2, 5), (2, 3), 2)[0](x),
             rtol=1e-5, atol=1e-5),
        Case("forward on a 1x1 input (padding keeps every path 1x1)",
             lambda m: _loaded(m, ctx, 4, 1, (3, 2), (1, 4), 1)[0](x1), rtol=1e-5, atol=1e-5),
        Case("the max-pool path has no parameters; the others do",
             lambda m: sorted({k.split(".")[0] for k in
                               m.Inception(4, 1, (1, 1), (1, 1), 1).state_dict()})),
        Case("parameter count of Inception(192, 64, (96, 128), (16, 32), 32)",
             lambda m: sum(p.numel()
                           for p in m.Inception(192, 64, (96, 128), (16, 32), 32).parameters())),
    ]
