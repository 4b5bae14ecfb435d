import torch
import torch.nn.functional as F

from studykit.grading.kit import Case

F64 = torch.float64


def _grad(m, x, beta=1.0, weights=None):
    x = x.detach().clone().requires_grad_(True)
    y = m.smooth_relu(x, beta)
    w = torch.ones_like(y) if weights is None else weights
    (y * w).sum().backward()
    return x.grad


def _versus_autograd(m, x, beta, weights):
    """The hand-written gradient against autograd's gradient of F.softplus."""
    ref = x.detach().clone().requires_grad_(True)
    (F.softplus(ref, beta=beta) * weights).sum().backward()
    return {"yours": _grad(m, x, beta, weights), "autograd": ref.grad}


def verify_close(got, expected):
    yours, truth = got["yours"], got["autograd"]
    if yours is None:
        raise AssertionError("x.grad is None: backward did not return a gradient for x")
    if not torch.allclose(yours, truth, rtol=1e-7, atol=1e-10):
        raise AssertionError("your backward differs from autograd's gradient of softplus "
                             f"(largest difference {(yours - truth).abs().max().item():.3g})")


def _gradcheck(m, x, beta):
    x = x.detach().clone().requires_grad_(True)
    return torch.autograd.gradcheck(lambda t: m.smooth_relu(t, beta), (x,),
                                    raise_exception=False)


def verify_gradcheck(got, expected):
    if got is not True:
        raise AssertionError("torch.autograd.gradcheck failed: your backward does not match "
                             "the finite-difference gradient of your forward")


def _is_custom(m):
    x = torch.randn(3, requires_grad=True)
    y = m.smooth_relu(x)
    return {"SmoothReLU is an autograd.Function":
            isinstance(m.SmoothReLU, type) and issubclass(m.SmoothReLU, torch.autograd.Function),
            "the output's grad_fn comes from SmoothReLU":
            type(y.grad_fn).__name__ if y.grad_fn is not None else None}


def _finite(m, x, beta=1.0):
    y = m.smooth_relu(x, beta)
    g = _grad(m, x, beta)
    return {"output finite": bool(torch.isfinite(y).all()),
            "gradient finite": bool(torch.isfinite(g).all())}


def cases(ctx):
    x = ctx.randn(4, 5, seed=1)
    x64 = ctx.randn(10, seed=2, dtype=F64) * 3
    huge = ctx.tensor([-1000.0, -100.0, -20.0, -1.0, 0.0, 1.0, 20.0, 100.0, 1000.0])
    huge64 = huge.double()
    w = ctx.randn(10, seed=3, dtype=F64)
    small = ctx.randn(6, seed=4, dtype=F64)
    return [
        Case("SmoothReLU is a custom autograd.Function used by smooth_relu", _is_custom),
        Case("forward on a random 4x5 float32 input", lambda m: m.smooth_relu(x),),
        Case("forward in float64", lambda m: m.smooth_relu(x64)),
        Case("forward with beta=2", lambda m: m.smooth_relu(x64, 2.0)),
        Case("forward at ±1000 (float32): no overflow", lambda m: m.smooth_relu(huge),),
        Case("no inf or nan at ±1000 in float32, forward and backward",
             lambda m: _finite(m, huge)),
        Case("no inf or nan at ±1000 with beta=3", lambda m: _finite(m, huge, 3.0)),
        Case("gradient (ones upstream) is sigmoid(x)", lambda m: _grad(m, x64)),
        Case("gradient with a random upstream gradient", lambda m: _grad(m, x64, 1.0, w)),
        Case("gradient with beta=0.5", lambda m: _grad(m, x64, 0.5, w)),
        Case("gradient at ±1000 is 0 and 1", lambda m: _grad(m, huge64)),
        Case("backward matches autograd's gradient of F.softplus (beta=1)",
             lambda m: _versus_autograd(m, x64, 1.0, w), verify=verify_close),
        Case("backward matches autograd's gradient of F.softplus (beta=2.5)",
             lambda m: _versus_autograd(m, x64, 2.5, w), verify=verify_close),
        Case("torch.autograd.gradcheck passes (float64, beta=1)",
             lambda m: _gradcheck(m, small, 1.0), verify=verify_gradcheck),
        Case("torch.autograd.gradcheck passes (float64, beta=2)",
             lambda m: _gradcheck(m, small, 2.0), verify=verify_gradcheck),
    ]
