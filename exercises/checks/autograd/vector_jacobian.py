import torch

from studykit.grading.kit import Case

F64 = torch.float64


def _mix(W):
    return lambda t: torch.tanh(W @ t) * t.sum()


def _truth(f, x, v):
    """vᵀJ is the gradient of the scalar (v * f(x)).sum()."""
    x = x.detach().clone().requires_grad_(True)
    (v * f(x)).sum().backward()
    return x.grad


def verify_matches_autograd(got, expected):
    yours, truth = got
    if yours is None:
        raise AssertionError("vjp returned None")
    if tuple(yours.shape) != tuple(truth.shape):
        raise AssertionError(f"expected shape {tuple(truth.shape)}, got {tuple(yours.shape)}")
    if not torch.allclose(yours, truth, rtol=1e-7, atol=1e-9):
        raise AssertionError("your vᵀJ differs from the gradient of (v * f(x)).sum() "
                             f"(largest difference {(yours - truth).abs().max().item():.3g})")


def cases(ctx):
    xg = ctx.randn(4, seed=9, dtype=F64).requires_grad_(True)
    W = ctx.randn(3, 4, seed=1, dtype=F64)
    x = ctx.randn(4, seed=2, dtype=F64)
    v = ctx.randn(3, seed=3, dtype=F64)
    ones = torch.ones(3, dtype=F64)
    e1 = torch.tensor([0.0, 1.0, 0.0], dtype=F64)
    mat = ctx.randn(2, 3, seed=4, dtype=F64)
    v_mat = ctx.randn(2, 3, seed=5, dtype=F64)
    big = ctx.randn(50, seed=6, dtype=F64)
    v_big = ctx.randn(50, seed=7, dtype=F64)
    f = _mix(W)

    def cum(t):
        return t.cumsum(0) * t

    return [
        Case("vjp of tanh(W x) * sum(x) with a random v", lambda m: m.vjp(f, x, v),),
        Case("vjp with v = ones equals the gradient of y.sum()", lambda m: m.vjp(f, x, ones)),
        Case("vjp with a one-hot v gives one row of the Jacobian", lambda m: m.vjp(f, x, e1)),
        Case("vjp of a 2x3 output with a 2x3 v", lambda m: m.vjp(lambda t: t @ t.T @ t, mat, mat),),
        Case("vjp of an element-wise square on a 2x3 input",
             lambda m: m.vjp(lambda t: t**2, mat, v_mat),),
        Case("vjp of a cumulative sum times x, 50 elements", lambda m: m.vjp(cum, big, v_big)),
        Case("vjp equals the gradient of (v * f(x)).sum()",
             lambda m: (m.vjp(cum, big, v_big), _truth(cum, big, v_big)),
             verify=verify_matches_autograd),
        Case("elementwise_derivative of sin is cos",
             lambda m: m.elementwise_derivative(torch.sin, big),),
        Case("elementwise_derivative of x**3 on a 2x3 input",
             lambda m: m.elementwise_derivative(lambda t: t**3, mat)),
        Case("elementwise_derivative of sigmoid",
             lambda m: m.elementwise_derivative(torch.sigmoid, x)),
        Case("elementwise_derivative called twice on the same x gives the same result",
             lambda m: [m.elementwise_derivative(torch.exp, x).clone(),
                        m.elementwise_derivative(torch.exp, x)]),
        Case("vjp where x itself requires grad (x untouched)", lambda m: m.vjp(f, xg, v)),
        Case("elementwise_derivative where x itself requires grad (x untouched)",
             lambda m: m.elementwise_derivative(torch.sin, xg)),
    ]
