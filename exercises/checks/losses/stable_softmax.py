import torch

from studykit.grading.kit import Case, agrees_with_torch, gradient


def _both(m, x, dim=-1):
    return {"softmax": m.softmax(x, dim), "log_softmax": m.log_softmax(x, dim)}


def _grad(m, x):
    x = x.clone().requires_grad_(True)
    w = torch.linspace(-1, 1, x.shape[-1], dtype=x.dtype)
    (m.log_softmax(x, -1) * w).sum().backward()
    return x.grad


def cases(ctx):
    x = ctx.randn(4, 5, seed=1)
    x64 = ctx.randn(3, 7, seed=2, dtype=torch.float64)
    huge = ctx.tensor([[1000.0, 1001.0, 999.0], [-1000.0, -1001.0, -999.0],
                       [1000.0, -1000.0, 0.0]])
    rows = ctx.tensor([[1000.0, 1001.0], [-1000.0, -999.0]])  # needs a per-row max
    square = ctx.randn(4, 4, seed=3) * 20
    cube = ctx.randn(2, 3, 4, seed=4, dtype=torch.float64)
    masked = ctx.tensor([[0.0, float("-inf"), 2.0], [float("-inf"), 5.0, float("-inf")]])
    one = ctx.tensor([[3.0], [-1000.0]])
    equal = ctx.tensor([[7.0, 7.0, 7.0, 7.0]])
    return [
        Case("random 4x5 logits", lambda m: _both(m, x),),
        Case("random 3x7 logits (float64)", lambda m: _both(m, x64)),
        Case("huge magnitudes: 1000s, -1000s and mixed (no nan/inf)", lambda m: _both(m, huge),),
        Case("rows around +1000 and -1000 (max per row)", lambda m: _both(m, rows)),
        Case("4x4 scores of size ~20, along dim=-1 (keepdim matters)",
             lambda m: _both(m, square)),
        Case("4x4 scores along dim=0", lambda m: _both(m, square, 0)),
        Case("3-D input along dim=1", lambda m: _both(m, cube, 1),),
        Case("-inf scores get probability 0", lambda m: _both(m, masked)),
        Case("a single class gives probability 1", lambda m: _both(m, one)),
        Case("equal scores give a uniform distribution", lambda m: _both(m, equal)),
        Case("softmax rows sum to 1", lambda m: m.softmax(x64 * 50, -1).sum(-1)),
        Case("gradient of log_softmax (float64)", lambda m: _grad(m, x64)),
        agrees_with_torch("agrees with torch.log_softmax on huge magnitudes",
                          lambda m: m.log_softmax(huge, -1), lambda: torch.log_softmax(huge, -1)),
        agrees_with_torch("agrees with torch.softmax along dim 1 of a 3-D input",
                          lambda m: m.softmax(cube, 1), lambda: torch.softmax(cube, 1)),
        Case("gradient of softmax (float64, every output weighted)",
             gradient(lambda m, t: m.softmax(t, -1), x64)),
    ]
