import torch
from torch import nn

from studykit.grading.kit import Case

F64 = torch.float64


def _w():
    return torch.tensor([1.0, 2.0, 3.0], requires_grad=True)


def _plain():
    return torch.tensor([1.0, 2.0, 3.0])


def cases(ctx):
    xg = ctx.randn(4, seed=9, dtype=F64).requires_grad_(True)
    x = ctx.randn(4, seed=1, dtype=F64)
    mat = ctx.randn(2, 3, seed=2, dtype=F64)
    return [
        Case("a user-created tensor with requires_grad=True", lambda m: m.describe(_w())),
        Case("a plain tensor (no requires_grad)", lambda m: m.describe(_plain())),
        Case("w * 2 where w requires grad", lambda m: m.describe(_w() * 2)),
        Case("(w * 2).sum(): the root of the graph", lambda m: m.describe((_w() * 2).sum())),
        Case("w + plain", lambda m: m.describe(_w() + _plain())),
        Case("w[0]: indexing is an operation too", lambda m: m.describe(_w()[0])),
        Case("plain * 2: computed, but nothing requires grad, so still a leaf",
             lambda m: m.describe(_plain() * 2)),
        Case("(w * 2).detach()", lambda m: m.describe((_w() * 2).detach())),
        Case("an nn.Parameter", lambda m: m.describe(nn.Parameter(torch.zeros(2)))),
        Case("a Linear layer's output", lambda m: m.describe(nn.Linear(3, 2)(_plain()))),
        Case("backward twice accumulates: second gradient is double",
             lambda m: m.grads_after_two_backwards(x),),
        Case("backward twice on a 2x3 tensor", lambda m: m.grads_after_two_backwards(mat)),
        Case("intermediate_grad: dz/dy = 2y and dz/dx = 8x",
             lambda m: m.intermediate_grad(x),),
        Case("intermediate_grad on a 2x3 tensor", lambda m: m.intermediate_grad(mat)),
        Case("grads_after_two_backwards where x itself requires grad (x untouched)",
             lambda m: m.grads_after_two_backwards(xg)),
        Case("intermediate_grad where x itself requires grad (x untouched)",
             lambda m: m.intermediate_grad(xg)),
    ]
