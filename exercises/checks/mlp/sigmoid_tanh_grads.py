import torch

from studykit.grading.kit import Case, plain_words


@plain_words
def verify_agrees(got, expected):
    """got = {"what", "yours", "torch"}: the learner's tensor against PyTorch's."""
    what, yours, theirs = got["what"], got["yours"], got["torch"]
    if not isinstance(yours, torch.Tensor):
        raise AssertionError(f"{what}: expected a tensor, got {type(yours).__name__}")
    if yours.shape != theirs.shape or yours.dtype != theirs.dtype:
        raise AssertionError(f"{what}: got shape {tuple(yours.shape)} {yours.dtype}, PyTorch "
                             f"gives {tuple(theirs.shape)} {theirs.dtype}")
    if torch.isnan(yours).any():
        raise AssertionError(f"{what}: your result has nan where PyTorch has none")
    bad = ~torch.isclose(yours, theirs, rtol=1e-5, atol=1e-7)
    if bad.any():
        i = tuple(bad.nonzero()[0].tolist())
        raise AssertionError(f"{what}: {int(bad.sum())} of {yours.numel()} values differ from "
                             f"autograd's; first at index {i}: yours {yours[i].item():.6g}, "
                             f"PyTorch {theirs[i].item():.6g}")


def _autograd(fn, x):
    x = x.detach().clone().requires_grad_(True)
    fn(x).sum().backward()
    return x.grad


def _vs_autograd(m, name, x):
    with torch.no_grad():
        yours = getattr(m, name)(x)
    fn = torch.sigmoid if name == "sigmoid_grad" else torch.tanh
    return {"what": f"{name}(x) under torch.no_grad() vs autograd of {fn.__name__}",
            "yours": yours, "torch": _autograd(fn, x)}


def _peak(m):
    zero = torch.zeros(1, dtype=torch.float64)
    return {"sigmoid'(0)": m.sigmoid_grad(zero).item(), "tanh'(0)": m.tanh_grad(zero).item()}


def cases(ctx):
    x = ctx.randn(4, 5, seed=1) * 3
    x64 = ctx.randn(3, 2, 4, seed=2, dtype=torch.float64) * 4
    huge = ctx.tensor([-1000.0, -100.0, -30.0, 0.0, 30.0, 100.0, 1000.0])
    grid = torch.linspace(-12, 12, 25, dtype=torch.float64).to(ctx.device)
    fine = torch.linspace(-9, 9, 73, dtype=torch.float64).to(ctx.device)  # steps of 0.25
    peak = ctx.tensor([-1.0, 0.0, 1.0], dtype=torch.float64)
    return [
        Case("sigmoid of a 4x5 input", lambda m: m.sigmoid(x), inputs=(x,)),
        Case("sigmoid of ±1000 has no nan", lambda m: m.sigmoid(huge), inputs=(huge,)),
        Case("sigmoid keeps float64", lambda m: m.sigmoid(x64)),
        Case("sigmoid_grad of a 4x5 input", lambda m: m.sigmoid_grad(x), inputs=(x,)),
        Case("sigmoid_grad of a float64 3-D input", lambda m: m.sigmoid_grad(x64)),
        Case("sigmoid_grad far out in the tails is 0, not nan", lambda m: m.sigmoid_grad(huge)),
        Case("tanh_grad of a 4x5 input", lambda m: m.tanh_grad(x), inputs=(x,)),
        Case("tanh_grad of a float64 grid -12..12", lambda m: m.tanh_grad(grid),
             inputs=(grid,)),
        Case("tanh_grad far out in the tails", lambda m: m.tanh_grad(huge)),
        Case("the peaks: sigmoid'(0) = 0.25 and tanh'(0) = 1", _peak),
        Case("sigmoid_grad agrees with autograd (float64)",
             lambda m: _vs_autograd(m, "sigmoid_grad", x64), verify="verify_agrees"),
        Case("tanh_grad agrees with autograd (float64)",
             lambda m: _vs_autograd(m, "tanh_grad", grid), verify="verify_agrees"),
        Case("saturated(x) on a grid -12..12 (tol 1e-3)", lambda m: m.saturated(grid),
             inputs=(grid,)),
        Case("saturated(x) with the default tol 1e-3 on a grid -9..9 in steps of 0.25",
             lambda m: m.saturated(fine)),
        Case("saturated with tol 0.25 at x = 0: sigmoid'(0) = 0.25 is not below 0.25",
             lambda m: m.saturated(peak, 0.25)),
        Case("saturated with tol 0.1 on a 4x5 input", lambda m: m.saturated(x, tol=0.1)),
        Case("saturated with a tiny tol 1e-6 on ±1000 ... ±30",
             lambda m: m.saturated(huge, 1e-6)),
    ]
