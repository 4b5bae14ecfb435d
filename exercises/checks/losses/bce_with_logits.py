import torch

from studykit.grading.kit import Case


def _grad(m, z, y):
    z = z.clone().requires_grad_(True)
    m.bce_with_logits(z, y).backward()
    return z.grad


def cases(ctx):
    z = ctx.randn(12, seed=1) * 2
    y = (ctx.rand(12, seed=2) > 0.5).float()
    z64 = ctx.randn(4, 5, seed=3, dtype=torch.float64) * 3
    soft = ctx.rand(4, 5, seed=4, dtype=torch.float64)
    huge = ctx.tensor([1000.0, -1000.0, 1000.0, -1000.0, 40.0, -40.0])
    yh = ctx.tensor([1.0, 0.0, 0.0, 1.0, 0.0, 1.0])
    big = ctx.tensor([30.0, -30.0, 17.0, -17.0], dtype=torch.float64)
    tail = ctx.tensor([40.0, -40.0, 45.0, -38.0], dtype=torch.float64)  # 1 + e^-40 == 1
    yb = ctx.tensor([1.0, 0.0, 1.0, 0.0], dtype=torch.float64)
    half = ctx.tensor([1.0, 0.0, 0.5, 0.3, 0.9])
    return [
        Case("random logits, 0/1 targets", lambda m: m.bce_with_logits(z, y), inputs=(z, y)),
        Case("2-D logits with soft targets (float64)", lambda m: m.bce_with_logits(z64, soft)),
        Case("logits of ±1000, right and wrong (finite, exact)",
             lambda m: m.bce_with_logits(huge, yh),),
        Case("confident and right: losses near 0 (float64)",
             lambda m: m.bce_with_logits(big, yb), rtol=1e-6, atol=0.0),
        Case("far in the tail (|logit| ~ 40): log1p keeps the tiny losses (float64)",
             lambda m: m.bce_with_logits(tail, yb), rtol=1e-6, atol=0.0),
        Case("zero logits give ln 2", lambda m: m.bce_with_logits(torch.zeros(5), half)),
        Case("gradient sigmoid(z) - y over N (float64)", lambda m: _grad(m, z64, soft)),
        Case("gradient with logits of ±1000", lambda m: _grad(m, huge.double(), yh.double())),
    ]
