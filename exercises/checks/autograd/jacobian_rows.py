import torch

from studykit.grading.kit import Case

F64 = torch.float64


class Counted:
    """Wraps f and counts how often it is evaluated."""

    def __init__(self, f):
        self.f = f
        self.calls = 0

    def __call__(self, t):
        self.calls += 1
        return self.f(t)


def _jac(m, f, x):
    return m.jacobian(f, x)


def _calls(m, f, x):
    counted = Counted(f)
    m.jacobian(counted, x)
    return counted.calls


def verify_matches_autograd(got, expected):
    yours, truth = got
    if not isinstance(yours, torch.Tensor):
        raise AssertionError("jacobian did not return a tensor")
    if tuple(yours.shape) != tuple(truth.shape):
        raise AssertionError(f"expected a Jacobian of shape {tuple(truth.shape)}, "
                             f"got {tuple(yours.shape)}")
    if not torch.allclose(yours, truth, rtol=1e-7, atol=1e-9):
        bad = (yours - truth).abs().amax(dim=1).argmax().item()
        raise AssertionError(f"row {bad} of your Jacobian differs from the analytic Jacobian")


def _nonlinear_jacobian(W, x):
    """d/dx [tanh(W x) * sum(x)] = diag(sum(x) * (1 - tanh²(W x))) W + tanh(W x) 1ᵀ."""
    h = torch.tanh(W @ x)
    return (x.sum() * (1 - h**2))[:, None] * W + h[:, None] * torch.ones_like(x)[None, :]


def cases(ctx):
    xg = ctx.randn(4, seed=9, dtype=F64).requires_grad_(True)
    W = ctx.randn(3, 4, seed=1, dtype=F64)
    x = ctx.randn(4, seed=2, dtype=F64)
    x2 = ctx.tensor([1.5, -2.0], dtype=F64)
    x1 = ctx.tensor([0.7], dtype=F64)
    x6 = ctx.randn(6, seed=3, dtype=F64)

    def linear(t):
        return W @ t

    def nonlinear(t):
        return torch.tanh(W @ t) * t.sum()

    def book(t):  # y1 = x1^2 + 3 x2, y2 = x1 * x2
        return torch.stack([t[0] ** 2 + 3 * t[1], t[0] * t[1]])

    def wide(t):
        return torch.stack([t[0] * t[1] * t[2], (t**2).sum(), t[2].exp(), t[1].sin(),
                            t.prod()])

    return [
        Case("Jacobian of W x is W (3x4)", lambda m: _jac(m, linear, x),),
        Case("y = (x1² + 3·x2, x1·x2) at (1.5, -2)", lambda m: _jac(m, book, x2)),
        Case("nonlinear tanh(W x) * sum(x)", lambda m: _jac(m, nonlinear, x)),
        Case("one input, one output (1x1)", lambda m: _jac(m, lambda t: t**3, x1)),
        Case("a single output: the Jacobian is one row", lambda m: _jac(m, lambda t: t.sum(0,
             keepdim=True) * t.norm(), x6)),
        Case("more outputs than inputs (5x3)", lambda m: _jac(m, wide, x6[:3])),
        Case("element-wise function: a diagonal Jacobian (6x6)",
             lambda m: _jac(m, torch.sin, x6)),
        Case("matches the analytic Jacobian of tanh(W x) * sum(x)",
             lambda m: (_jac(m, nonlinear, x), _nonlinear_jacobian(W, x)),
             verify=verify_matches_autograd),
        Case("f is evaluated once (reuse the graph with retain_graph=True)",
             lambda m: _calls(m, nonlinear, x)),
        Case("f is evaluated once for a 5-output function", lambda m: _calls(m, wide, x6[:3])),
        Case("Jacobian where x itself requires grad (x untouched)",
             lambda m: _jac(m, nonlinear, xg)),
    ]
