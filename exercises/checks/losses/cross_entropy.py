import math

import torch

from studykit.grading.kit import Case


def _grad(m, logits, target):
    logits = logits.clone().requires_grad_(True)
    m.cross_entropy(logits, target).backward()
    return logits.grad


def _uniform(m, n, c):
    logits = torch.zeros(n, c)
    target = torch.arange(n) % c
    return {"loss": m.cross_entropy(logits, target), "ln C": math.log(c)}


def cases(ctx):
    logits = ctx.randn(6, 4, seed=1)
    target = ctx.randint(0, 4, (6,), seed=2)
    l64 = ctx.randn(10, 7, seed=3, dtype=torch.float64) * 3
    t64 = ctx.randint(0, 7, (10,), seed=4)
    square = ctx.randn(5, 5, seed=5, dtype=torch.float64)
    ts = ctx.tensor([4, 0, 2, 2, 1])
    huge = ctx.tensor([[1000.0, 0.0, -1000.0], [1000.0, 0.0, -1000.0], [-1000.0, -1000.0, 1000.0],
                       [500.0, 500.0, -1000.0]])
    th = ctx.tensor([0, 2, 2, 1])
    one = ctx.randn(1, 3, seed=6)
    t1 = ctx.tensor([2])
    return [
        Case("6 examples, 4 classes (mean)", lambda m: m.cross_entropy(logits, target),),
        Case("10 examples, 7 classes (float64)", lambda m: m.cross_entropy(l64, t64)),
        Case("reduction='sum'", lambda m: m.cross_entropy(l64, t64, reduction="sum")),
        Case("reduction='none' gives one loss per example",
             lambda m: m.cross_entropy(l64, t64, reduction="none")),
        Case("N == C: pick the target class in each row",
             lambda m: m.cross_entropy(square, ts, reduction="none")),
        Case("huge logits (±1000): no inf or nan",
             lambda m: m.cross_entropy(huge, th, reduction="none"),),
        Case("huge logits, mean", lambda m: m.cross_entropy(huge, th)),
        Case("a batch of one", lambda m: m.cross_entropy(one, t1)),
        Case("all-zero logits give ln C", lambda m: _uniform(m, 6, 5)),
        Case("gradient (softmax - one_hot) / N, float64", lambda m: _grad(m, l64, t64)),
        Case("gradient with huge logits", lambda m: _grad(m, huge.double(), th)),
    ]
