import torch
import torch.nn.functional as F

from studykit.grading.kit import Case, plain_words


@plain_words
def verify_agrees(got, expected):
    """got = list of {"what", "yours", "torch"}: the learner's tensors against PyTorch's."""
    for item in got:
        what, yours, theirs = item["what"], item["yours"], item["torch"]
        if not isinstance(yours, torch.Tensor):
            raise AssertionError(f"{what}: expected a tensor, got {type(yours).__name__}")
        if yours.shape != theirs.shape or yours.dtype != theirs.dtype:
            raise AssertionError(f"{what}: got shape {tuple(yours.shape)} {yours.dtype}, "
                                 f"PyTorch gives {tuple(theirs.shape)} {theirs.dtype}")
        tol = 1e-12 if theirs.dtype == torch.float64 else 2e-6
        bad = ~torch.isclose(yours, theirs, rtol=tol, atol=tol)
        if bad.any():
            i = tuple(bad.nonzero()[0].tolist())
            raise AssertionError(f"{what}: {int(bad.sum())} of {yours.numel()} values differ; "
                                 f"first at index {i} (x = {item['x'][i].item():.4g}): yours "
                                 f"{yours[i].item():.10g}, PyTorch {theirs[i].item():.10g}")


def _vs_torch(m, x):
    return [{"what": "gelu(x) vs F.gelu(x)", "x": x, "yours": m.gelu(x), "torch": F.gelu(x)},
            {"what": "gelu_tanh(x) vs F.gelu(x, approximate='tanh')", "x": x,
             "yours": m.gelu_tanh(x), "torch": F.gelu(x, approximate="tanh")}]


def _grad(fn, x):
    x = x.detach().clone().requires_grad_(True)
    out = fn(x)
    if not (isinstance(out, torch.Tensor) and out.requires_grad):
        raise AssertionError("the output has no autograd history: build it from torch "
                             "operations on x (no Python numbers, NumPy or detach)")
    out.sum().backward()
    return x.grad


def _grads_vs_torch(m, x):
    return [{"what": "the gradient of gelu vs F.gelu's", "x": x, "yours": _grad(m.gelu, x),
             "torch": _grad(F.gelu, x)},
            {"what": "the gradient of gelu_tanh vs F.gelu(approximate='tanh')'s", "x": x,
             "yours": _grad(m.gelu_tanh, x),
             "torch": _grad(lambda t: F.gelu(t, approximate="tanh"), x)}]


def _gap(m, x):
    """The two forms are close but not equal: the largest gap on [-6, 6]."""
    return (m.gelu(x) - m.gelu_tanh(x)).abs().max()


def cases(ctx):
    x = ctx.randn(4, 6, seed=1) * 2
    grid = torch.linspace(-6, 6, 121, dtype=torch.float64).to(ctx.device)
    cube = ctx.randn(2, 3, 5, seed=2, dtype=torch.float64) * 3
    tails = ctx.tensor([-30.0, -10.0, -5.0, 0.0, 5.0, 10.0, 30.0], dtype=torch.float64)
    return [
        Case("gelu of a 4x6 input", lambda m: m.gelu(x), inputs=(x,)),
        Case("gelu_tanh of a 4x6 input", lambda m: m.gelu_tanh(x), inputs=(x,)),
        Case("both on a float64 grid -6..6 agree with F.gelu",
             lambda m: _vs_torch(m, grid), verify="verify_agrees"),
        Case("both on a float64 3-D input agree with F.gelu",
             lambda m: _vs_torch(m, cube), verify="verify_agrees"),
        Case("both in float32 agree with F.gelu", lambda m: _vs_torch(m, x),
             verify="verify_agrees"),
        Case("the tails: GELU(x) -> x for large x and -> 0 for very negative x",
             lambda m: _vs_torch(m, tails), verify="verify_agrees"),
        Case("gradients agree with F.gelu's (float64)", lambda m: _grads_vs_torch(m, cube),
             verify="verify_agrees"),
        Case("the exact and tanh forms differ by under 1e-3 on -6..6", lambda m: _gap(m, grid),
             rtol=1e-6, atol=1e-12),
    ]
