import torch

from studykit.grading.kit import Case


def _grad(m, pred, target, delta):
    pred = pred.clone().requires_grad_(True)
    m.huber_loss(pred, target, delta).backward()
    return pred.grad


def cases(ctx):
    p = ctx.randn(16, seed=1, dtype=torch.float64) * 2
    t = ctx.randn(16, seed=2, dtype=torch.float64) * 2
    p2 = ctx.randn(8, 3, seed=3)
    t2 = ctx.randn(8, 3, seed=4)
    edge_p = ctx.tensor([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0], dtype=torch.float64)
    edge_t = torch.zeros_like(edge_p)
    far_p = ctx.tensor([1000.0, -2000.0, 0.25], dtype=torch.float64)
    far_t = ctx.tensor([0.0, 0.0, 0.0], dtype=torch.float64)
    return [
        Case("random residuals, delta=1 (float64)", lambda m: m.huber_loss(p, t),),
        Case("random residuals, delta=0.5", lambda m: m.huber_loss(p, t, 0.5)),
        Case("random residuals, delta=2.5", lambda m: m.huber_loss(p, t, 2.5)),
        Case("2-D float32 inputs, delta=1", lambda m: m.huber_loss(p2, t2),),
        Case("residuals on both sides of delta=1 (incl. exactly ±delta)",
             lambda m: m.huber_loss(edge_p, edge_t, 1.0)),
        Case("residuals around delta=0.5", lambda m: m.huber_loss(edge_p, edge_t, 0.5)),
        Case("perfect prediction gives 0", lambda m: m.huber_loss(t2, t2.clone())),
        Case("outliers grow linearly (residual 1000, -2000)",
             lambda m: m.huber_loss(far_p, far_t, 1.5)),
        Case("gradient is clipped to ±delta/N", lambda m: _grad(m, edge_p, edge_t, 0.5)),
        Case("gradient for random residuals, delta=2.5", lambda m: _grad(m, p, t, 2.5)),
    ]
