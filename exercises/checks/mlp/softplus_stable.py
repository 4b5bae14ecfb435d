import torch
import torch.nn.functional as F

from studykit.grading.kit import Case, plain_words


def _agree(item, rtol, atol):
    what, yours, theirs, x = item["what"], item["yours"], item["torch"], item["x"]
    if not isinstance(yours, torch.Tensor):
        raise AssertionError(f"{what}: expected a tensor, got {type(yours).__name__}")
    if yours.shape != theirs.shape or yours.dtype != theirs.dtype:
        raise AssertionError(f"{what}: got shape {tuple(yours.shape)} {yours.dtype}, "
                             f"PyTorch gives {tuple(theirs.shape)} {theirs.dtype}")
    if not torch.isfinite(yours).all():
        i = tuple((~torch.isfinite(yours)).nonzero()[0].tolist())
        why = ("an intermediate overflowed; torch.where differentiates the branch it did "
               "not pick too" if "gradient" in what else
               "overflow or log(0); split off the large part")
        raise AssertionError(f"{what}: at x = {x[i].item():.6g} you return "
                             f"{yours[i].item()}, PyTorch {theirs[i].item():.6g}: {why}")
    bad = ~torch.isclose(yours, theirs, rtol=rtol, atol=atol)
    if bad.any():
        i = tuple(bad.nonzero()[0].tolist())
        raise AssertionError(f"{what}: at x = {x[i].item():.6g} you return "
                             f"{yours[i].item():.10g}, PyTorch {theirs[i].item():.10g} "
                             f"({int(bad.sum())} of {yours.numel()} values differ)")


@plain_words
def verify_close(got, expected):
    for item in got:
        tight = item["torch"].dtype == torch.float64
        _agree(item, 1e-10 if tight else 2e-6, 1e-12 if tight else 1e-6)


@plain_words
def verify_relative(got, expected):
    """Tails: relative precision only (atol = 0), so a tiny answer rounded to 0 fails."""
    for item in got:
        tight = item["torch"].dtype == torch.float64
        _agree(item, 1e-10 if tight else 1e-5, 0.0)


def _vs_torch(m, x, beta=1.0):
    return [{"what": f"softplus(x, beta={beta}) vs F.softplus", "x": x,
             "yours": m.softplus(x, beta), "torch": F.softplus(x, beta)},
            {"what": "log_sigmoid(x) vs F.logsigmoid", "x": x,
             "yours": m.log_sigmoid(x), "torch": F.logsigmoid(x)}]


def _grad(fn, x):
    x = x.detach().clone().requires_grad_(True)
    out = fn(x)
    if not (isinstance(out, torch.Tensor) and out.requires_grad):
        raise AssertionError("the output has no autograd history: build it from torch "
                             "operations on x")
    out.sum().backward()
    return x.grad


def _grads_vs_torch(m, x, beta):
    return [{"what": f"the gradient of softplus(x, beta={beta}) vs F.softplus's", "x": x,
             "yours": _grad(lambda t: m.softplus(t, beta), x),
             "torch": _grad(lambda t: F.softplus(t, beta), x)},
            {"what": "the gradient of log_sigmoid vs F.logsigmoid's", "x": x,
             "yours": _grad(m.log_sigmoid, x), "torch": _grad(F.logsigmoid, x)}]


def cases(ctx):
    x = ctx.randn(4, 5, seed=1) * 3
    cube = ctx.randn(2, 3, 4, seed=2, dtype=torch.float64) * 5
    huge = ctx.tensor([-1000.0, -100.0, -1.5, 0.0, 2.5, 100.0, 1000.0])
    huge64 = huge.double()
    left64 = ctx.tensor([-40.0, -60.0, -100.0, -700.0], dtype=torch.float64)
    left32 = ctx.tensor([-20.0, -30.0, -50.0])
    grad_x = ctx.tensor([-1000.0, -50.0, -3.0, -0.5, 0.7, 4.0, 50.0, 1000.0],
                        dtype=torch.float64)
    return [
        Case("softplus of a 4x5 input", lambda m: m.softplus(x), inputs=(x,)),
        Case("log_sigmoid of a 4x5 input", lambda m: m.log_sigmoid(x), inputs=(x,)),
        Case("softplus with beta=2 on a float64 3-D input", lambda m: m.softplus(cube, 2.0),
             inputs=(cube,)),
        Case("both on ±1000 (float32): no inf or nan", lambda m: _vs_torch(m, huge),
             verify="verify_close"),
        Case("both on ±1000 (float64), beta=0.5", lambda m: _vs_torch(m, huge64, 0.5),
             verify="verify_close"),
        Case("both agree with PyTorch on a float64 3-D input", lambda m: _vs_torch(m, cube),
             verify="verify_close"),
        Case("softplus far in the left tail keeps its relative precision (float64)",
             lambda m: [_vs_torch(m, left64)[0]], verify="verify_relative"),
        Case("softplus far in the left tail keeps its relative precision (float32)",
             lambda m: [_vs_torch(m, left32)[0]], verify="verify_relative"),
        Case("log_sigmoid far in the right tail keeps its relative precision",
             lambda m: [_vs_torch(m, -left64)[1]], verify="verify_relative"),
        Case("gradients are finite and agree with PyTorch's (beta=1)",
             lambda m: _grads_vs_torch(m, grad_x, 1.0), verify="verify_close"),
        Case("gradients with beta=3", lambda m: _grads_vs_torch(m, grad_x, 3.0),
             verify="verify_close"),
    ]
