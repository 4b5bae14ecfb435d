import torch

from studykit.grading.kit import Case

F64 = torch.float64


def _linear(m, w, x, b, x_grad=False):
    w = w.clone().requires_grad_(True)
    b = b.clone().requires_grad_(True)
    x = x.clone().requires_grad_(x_grad)
    z = m.linear_backward(w, x, b)
    out = {"z": z, "z is 0-d": tuple(z.shape) == (), "w.grad": w.grad, "b.grad": b.grad}
    if x_grad:
        out["x.grad"] = x.grad
    return out


def _grad(m, f, x):
    g = m.grad_at(f, x)
    return {"gradient": g, "x still has requires_grad False": not x.requires_grad,
            "x.grad untouched": x.grad is None}


def _grad_twice(m, f, x):
    """Calling grad_at twice on the same x must give the same answer (no accumulation)."""
    first = m.grad_at(f, x).clone()
    second = m.grad_at(f, x)
    return {"first": first, "second": second}


def cases(ctx):
    pg = ctx.randn(5, seed=9, dtype=F64).requires_grad_(True)
    w = ctx.tensor([1.0, -2.0, 3.0], dtype=F64)
    x = ctx.tensor([4.0, 5.0, -6.0], dtype=F64)
    b = ctx.tensor(0.5, dtype=F64)
    w7 = ctx.randn(7, seed=1, dtype=F64)
    x7 = ctx.randn(7, seed=2, dtype=F64)
    b7 = ctx.tensor(-1.25, dtype=F64)
    w1 = ctx.tensor([2.0], dtype=F64)
    x1 = ctx.tensor([-3.0], dtype=F64)
    zeros = torch.zeros(4, dtype=F64)
    p = ctx.randn(5, seed=4, dtype=F64)
    mat = ctx.randn(3, 4, seed=5, dtype=F64)
    return [
        Case("z = w·x + b for 3-vectors: z, w.grad, b.grad", lambda m: _linear(m, w, x, b)),
        Case("random 7-vectors", lambda m: _linear(m, w7, x7, b7)),
        Case("D == 1", lambda m: _linear(m, w1, x1, b)),
        Case("w = 0 and x = 0: z = b, w.grad = x = 0", lambda m: _linear(m, zeros, zeros, b)),
        Case("x also requires grad: x.grad = w", lambda m: _linear(m, w7, x7, b7, x_grad=True)),
        Case("grad_at of sum(x**3) is 3x**2", lambda m: _grad(m, lambda t: (t**3).sum(), p),),
        Case("grad_at of a 2-D function", lambda m: _grad(m, lambda t: (t.sin() * t).sum(), mat),),
        Case("grad_at of mean(x)", lambda m: _grad(m, lambda t: t.mean(), mat)),
        Case("grad_at twice on the same x gives the same gradient (no accumulation)",
             lambda m: _grad_twice(m, lambda t: (t**2).sum(), p)),
        Case("grad_at where x itself requires grad: x and x.grad stay untouched",
             lambda m: m.grad_at(lambda t: (t**3).sum(), pg)),
    ]
