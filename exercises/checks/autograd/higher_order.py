import torch

from studykit.grading.kit import Case

F64 = torch.float64


def verify_matches_autograd(got, expected):
    yours, truth = got
    if not isinstance(yours, torch.Tensor):
        raise AssertionError("hessian did not return a tensor")
    if tuple(yours.shape) != tuple(truth.shape):
        raise AssertionError(f"expected a Hessian of shape {tuple(truth.shape)}, "
                             f"got {tuple(yours.shape)}")
    if not torch.allclose(yours, truth, rtol=1e-7, atol=1e-9):
        raise AssertionError("your Hessian differs from torch.autograd.functional.hessian "
                             f"(largest difference {(yours - truth).abs().max().item():.3g})")


def cases(ctx):
    xg = ctx.randn(4, seed=9, dtype=F64).requires_grad_(True)
    x = ctx.randn(6, seed=1, dtype=F64)
    mat = ctx.randn(2, 3, seed=2, dtype=F64)
    A = ctx.randn(4, 4, seed=3, dtype=F64)
    p = ctx.randn(4, seed=4, dtype=F64)
    rb = ctx.tensor([0.5, -1.0], dtype=F64)

    def quad(t):
        return 0.5 * t @ A @ t

    def rosenbrock(t):
        return (1 - t[0]) ** 2 + 100 * (t[1] - t[0] ** 2) ** 2

    def mixed(t):
        return (t.sin() * t.roll(1)).sum() + t.pow(4).sum() / 12

    return [
        Case("second_derivative of x**3 is 6x", lambda m: m.second_derivative(lambda t: t**3, x),),
        Case("second_derivative of sin is -sin", lambda m: m.second_derivative(torch.sin, x)),
        Case("second_derivative of exp on a 2x3 input",
             lambda m: m.second_derivative(torch.exp, mat),),
        Case("second_derivative of tanh", lambda m: m.second_derivative(torch.tanh, mat)),
        Case("hessian of ½ xᵀA x is (A + Aᵀ)/2", lambda m: m.hessian(quad, p),),
        Case("hessian of the Rosenbrock function at (0.5, -1)",
             lambda m: m.hessian(rosenbrock, rb)),
        Case("hessian with off-diagonal terms (6x6)", lambda m: m.hessian(mixed, x)),
        Case("hessian matches torch.autograd.functional.hessian",
             lambda m: (m.hessian(mixed, x), torch.autograd.functional.hessian(mixed, x)),
             verify=verify_matches_autograd),
        Case("second_derivative where x itself requires grad (x untouched)",
             lambda m: m.second_derivative(torch.sin, xg)),
        Case("hessian where x itself requires grad (x untouched)",
             lambda m: m.hessian(quad, xg)),
    ]
