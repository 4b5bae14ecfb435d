import torch
import torch.nn.functional as F

from studykit.grading.kit import Case

F64 = torch.float64


def verify_conv2d(got, expected):
    yours, truth = got
    if not isinstance(yours, torch.Tensor):
        raise AssertionError("expected a tensor")
    if tuple(yours.shape) != tuple(truth.shape):
        raise AssertionError(f"F.conv2d with a 1x1 kernel gives shape {tuple(truth.shape)}, "
                             f"you gave {tuple(yours.shape)}")
    if not torch.allclose(yours, truth, rtol=1e-7, atol=1e-9):
        raise AssertionError("your values differ from F.conv2d with a 1x1 kernel")


def _vs_torch(m, X, W, b=None):
    return m.conv1x1(X, W, b), F.conv2d(X, W[:, :, None, None], b)


def cases(ctx):
    X = ctx.randn(2, 3, 4, 5, seed=1, dtype=F64)
    W = ctx.randn(6, 3, seed=2, dtype=F64)
    b = ctx.randn(6, seed=3, dtype=F64)
    reduce_x = ctx.randn(1, 100, 8, 8, seed=4, dtype=F64)
    reduce_w = ctx.randn(10, 100, seed=5, dtype=F64)
    one_px = ctx.randn(3, 4, 1, 1, seed=6, dtype=F64)
    w_one = ctx.randn(1, 4, seed=7, dtype=F64)
    sq = ctx.randn(2, 3, 3, 3, seed=8, dtype=F64)
    w_sq = ctx.randn(3, 3, seed=9, dtype=F64)
    eye = torch.eye(3, dtype=F64)
    return [
        Case("2x3x4x5 input, 3 -> 6 channels, no bias", lambda m: m.conv1x1(X, W),),
        Case("with a bias", lambda m: m.conv1x1(X, W, b),),
        Case("100 -> 10 channels on 8x8 (channel reduction)",
             lambda m: m.conv1x1(reduce_x, reduce_w)),
        Case("H = W = 1 and a single output channel", lambda m: m.conv1x1(one_px, w_one)),
        Case("3 -> 3 channels: W, not its transpose", lambda m: m.conv1x1(sq, w_sq)),
        Case("the identity matrix leaves the input unchanged", lambda m: m.conv1x1(sq, eye)),
        Case("agrees with F.conv2d and a 1x1 kernel", lambda m: _vs_torch(m, X, W, b),
             verify=verify_conv2d),
        Case("agrees with F.conv2d on the 100 -> 10 reduction",
             lambda m: _vs_torch(m, reduce_x, reduce_w), verify=verify_conv2d),
    ]
