import torch
import torch.nn.functional as F

from studykit.grading.kit import Case

F64 = torch.float64


def _torch(X, K):
    """The same operation with F.conv2d (what the check compares with)."""
    if X.dim() == 2:
        return F.conv2d(X[None, None], K[None, None])[0, 0]
    if K.dim() == 3:
        return F.conv2d(X[None], K[None])[0, 0]
    return F.conv2d(X[None], K)[0]


def verify_conv2d(got, expected):
    yours, truth = got
    if not isinstance(yours, torch.Tensor):
        raise AssertionError("expected a tensor")
    if tuple(yours.shape) != tuple(truth.shape):
        raise AssertionError(f"F.conv2d gives shape {tuple(truth.shape)}, "
                             f"you gave {tuple(yours.shape)}")
    if not torch.allclose(yours.to(truth.dtype), truth, rtol=1e-7, atol=1e-9):
        raise AssertionError("your values differ from F.conv2d (did you flip the kernel?)")


def cases(ctx):
    edges = torch.ones(6, 8, dtype=F64)
    edges[:, 2:6] = 0
    edge_k = torch.tensor([[1.0, -1.0]], dtype=F64)
    X = torch.arange(9.0, dtype=F64).reshape(3, 3)
    K = torch.arange(4.0, dtype=F64).reshape(2, 2)
    asym = ctx.tensor([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]], dtype=F64)
    rx = ctx.randn(7, 9, seed=1, dtype=F64)
    rk = ctx.randn(3, 2, seed=2, dtype=F64)
    full = ctx.randn(4, 5, seed=3, dtype=F64)
    full_k = ctx.randn(4, 5, seed=4, dtype=F64)
    one = ctx.tensor([[2.5]], dtype=F64)
    f32x = ctx.randn(5, 6, seed=5)
    f32k = ctx.randn(2, 3, seed=6)
    mx = ctx.randn(3, 6, 5, seed=7, dtype=F64)
    mk = ctx.randn(3, 2, 3, seed=8, dtype=F64)
    mx1 = ctx.randn(1, 4, 4, seed=9, dtype=F64)
    mk1 = ctx.randn(1, 3, 3, seed=10, dtype=F64)
    ok = ctx.randn(4, 3, 2, 3, seed=11, dtype=F64)
    ok1 = ctx.randn(1, 3, 2, 2, seed=12, dtype=F64)
    return [
        Case("the 3x3 by 2x2 example (19, 25, 37, 43)", lambda m: m.corr2d(X, K)),
        Case("vertical edge detection with K = [[1, -1]]", lambda m: m.corr2d(edges, edge_k),
             inputs=(edges, edge_k)),
        Case("an asymmetric 2x3 kernel (no flipping)", lambda m: m.corr2d(rx, asym),),
        Case("random 7x9 input, 3x2 kernel", lambda m: m.corr2d(rx, rk)),
        Case("kernel as large as the input gives 1x1", lambda m: m.corr2d(full, full_k)),
        Case("a 1x1 kernel scales the input", lambda m: m.corr2d(rx, one)),
        Case("float32 in, float32 out", lambda m: m.corr2d(f32x, f32k)),
        Case("corr2d agrees with F.conv2d", lambda m: (m.corr2d(rx, rk), _torch(rx, rk)),
             verify=verify_conv2d),
        Case("corr2d_multi_in with 3 channels", lambda m: m.corr2d_multi_in(mx, mk),),
        Case("corr2d_multi_in with 1 channel", lambda m: m.corr2d_multi_in(mx1, mk1)),
        Case("corr2d_multi_in agrees with F.conv2d",
             lambda m: (m.corr2d_multi_in(mx, mk), _torch(mx, mk)), verify=verify_conv2d),
        Case("corr2d_multi_in_out: 3 -> 4 channels", lambda m: m.corr2d_multi_in_out(mx, ok),),
        Case("corr2d_multi_in_out: 3 -> 1 channel keeps the channel dim",
             lambda m: m.corr2d_multi_in_out(mx, ok1)),
        Case("corr2d_multi_in_out agrees with F.conv2d",
             lambda m: (m.corr2d_multi_in_out(mx, ok), _torch(mx, ok)), verify=verify_conv2d),
    ]
