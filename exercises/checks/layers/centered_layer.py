import torch
from torch import nn

from studykit.grading.kit import Case, gradient


def _forward(m, x):
    return m.CenteredLayer()(x)


def _in_sequential(m, x):
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(8, 16), m.CenteredLayer())
    return net(x)


def cases(ctx):
    x = ctx.randn(4, 8, seed=1)
    offset = ctx.randn(6, 5, seed=2, dtype=torch.float64) * 3 + 50
    cube = ctx.randn(2, 3, 4, seed=3)
    one = ctx.tensor([[7.5]])
    xg = ctx.randn(4, 8, seed=5, dtype=torch.float64)
    return [
        Case("is an nn.Module", lambda m: isinstance(m.CenteredLayer(), nn.Module)),
        Case("has no parameters", lambda m: len(list(m.CenteredLayer().parameters()))),
        Case("output for a 4x8 input", lambda m: _forward(m, x),),
        Case("output mean is 0 for data around 50 (float64)",
             lambda m: _forward(m, offset).mean(), atol=1e-10, rtol=0),
        Case("values for data around 50 (float64)", lambda m: _forward(m, offset),),
        Case("3-D input keeps its shape", lambda m: _forward(m, cube),),
        Case("a single element becomes 0", lambda m: _forward(m, one),),
        Case("works after a Linear layer in nn.Sequential", lambda m: _in_sequential(m, x)),
        Case("gradient flows through the mean too",
             gradient(lambda m, t: m.CenteredLayer()(t), xg)),
    ]
