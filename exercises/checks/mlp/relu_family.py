import torch
import torch.nn.functional as F
from torch import nn

from studykit.grading.kit import Case, plain_words


@plain_words
def verify_agrees(got, expected):
    """got = {"what": ..., "yours": tensor, "torch": tensor} (or a dict of those)."""
    for item in (got if isinstance(got, list) else [got]):
        _agree(item["what"], item["yours"], item["torch"])


def _agree(what, yours, theirs):
    if not isinstance(yours, torch.Tensor):
        raise AssertionError(f"{what}: expected a tensor, got {type(yours).__name__}")
    if yours.shape != theirs.shape:
        raise AssertionError(f"{what}: shape {tuple(yours.shape)}, PyTorch gives "
                             f"{tuple(theirs.shape)}")
    if yours.dtype != theirs.dtype:
        raise AssertionError(f"{what}: dtype {yours.dtype}, PyTorch gives {theirs.dtype}")
    bad = ~torch.isclose(yours, theirs, rtol=1e-6, atol=1e-7)
    if bad.any():
        i = tuple(bad.nonzero()[0].tolist())
        raise AssertionError(f"{what}: {int(bad.sum())} of {yours.numel()} values differ "
                             f"from PyTorch's; first at index {i}: yours {yours[i].item():.6g}, "
                             f"PyTorch {theirs[i].item():.6g}")


def _autograd(fn, x):
    x = x.detach().clone().requires_grad_(True)
    fn(x).sum().backward()
    return x.grad


def _grad_vs_autograd(m, x, slope=None):
    if slope is None:
        return {"what": "relu_grad(x) vs autograd of F.relu",
                "yours": m.relu_grad(x), "torch": _autograd(F.relu, x)}
    return {"what": f"leaky_relu_grad(x, {slope}) vs autograd of F.leaky_relu",
            "yours": m.leaky_relu_grad(x, slope),
            "torch": _autograd(lambda t: F.leaky_relu(t, slope), x)}


def _values_vs_torch(m, x, slope):
    return [{"what": "relu(x) vs torch.relu", "yours": m.relu(x), "torch": torch.relu(x)},
            {"what": f"leaky_relu(x, {slope}) vs F.leaky_relu", "yours": m.leaky_relu(x, slope),
             "torch": F.leaky_relu(x, slope)}]


def _prelu_params(m):
    one, three = m.PReLU(), m.PReLU(3, init=0.1)
    return {"PReLU() parameters": {k: tuple(v.shape) for k, v in one.named_parameters()},
            "PReLU(3, init=0.1) parameters": {k: tuple(v.shape) for k, v in three.named_parameters()},
            "PReLU(3, init=0.1).weight": three.weight.detach().clone(),
            "PReLU().weight": one.weight.detach().clone(),
            "is an nn.Parameter": isinstance(three.weight, nn.Parameter),
            "requires grad": three.weight.requires_grad}


def _prelu_int_init(m):
    """init given as a Python int (an int is a fine float argument): still float32 slopes."""
    two = m.PReLU(2, init=1)
    return {"PReLU(2, init=1).weight": two.weight.detach().clone(),
            "is an nn.Parameter": isinstance(two.weight, nn.Parameter)}


def _prelu_pair(m, channels, slopes, dtype):
    mine, theirs = m.PReLU(channels), nn.PReLU(channels)
    mine, theirs = mine.to(dtype), theirs.to(dtype)
    with torch.no_grad():
        mine.weight.copy_(slopes)
        theirs.weight.copy_(slopes)
    return mine, theirs


def _prelu_forward(m, x, slopes):
    mine, theirs = _prelu_pair(m, slopes.numel(), slopes, x.dtype)
    return {"what": f"PReLU({slopes.numel()}) on input {tuple(x.shape)} vs nn.PReLU",
            "yours": mine(x), "torch": theirs(x)}


def _prelu_grads(m, x, slopes, g):
    mine, theirs = _prelu_pair(m, slopes.numel(), slopes, x.dtype)
    out = []
    for name, module in (("yours", mine), ("torch", theirs)):
        xi = x.detach().clone().requires_grad_(True)
        (module(xi) * g).sum().backward()
        out.append((name, xi.grad, module.weight.grad))
    return [{"what": "gradient with respect to x vs nn.PReLU", "yours": out[0][1],
             "torch": out[1][1]},
            {"what": "gradient with respect to the slopes (weight) vs nn.PReLU",
             "yours": out[0][2], "torch": out[1][2]}]


def cases(ctx):
    x = ctx.randn(4, 5, seed=1)
    x[0, :3] = 0.0  # exact zeros: ReLU'(0) = 0, LeakyReLU'(0) = slope
    grid = torch.arange(-3.0, 4.0, dtype=torch.float64).to(ctx.device)
    cube = ctx.randn(2, 3, 4, seed=2, dtype=torch.float64)
    cube[1, 1, 1] = 0.0
    img = ctx.randn(2, 3, 4, 4, seed=3, dtype=torch.float64)
    sq = ctx.randn(2, 3, 3, seed=4, dtype=torch.float64)  # last dim == channels
    slopes = ctx.tensor([0.1, -0.3, 0.6], dtype=torch.float64)
    g = ctx.randn(2, 3, 4, 4, seed=5, dtype=torch.float64)
    flat = ctx.randn(6, 3, seed=6)
    return [
        Case("relu on a 4x5 input with zeros", lambda m: m.relu(x), inputs=(x,)),
        Case("relu on a float64 grid -3..3", lambda m: m.relu(grid), inputs=(grid,)),
        Case("relu_grad on a 4x5 input with zeros (0 at x == 0)", lambda m: m.relu_grad(x),
             inputs=(x,)),
        Case("relu_grad on a float64 grid -3..3", lambda m: m.relu_grad(grid)),
        Case("leaky_relu (slope 0.01, the default)", lambda m: m.leaky_relu(x), inputs=(x,)),
        Case("leaky_relu with slope 0.2 (float64, 3-D)", lambda m: m.leaky_relu(cube, 0.2),
             inputs=(cube,)),
        Case("leaky_relu_grad (default slope) on a grid with 0",
             lambda m: m.leaky_relu_grad(grid), inputs=(grid,)),
        Case("leaky_relu_grad with slope 0.2 (3-D, float64)",
             lambda m: m.leaky_relu_grad(cube, 0.2)),
        Case("relu and leaky_relu agree with PyTorch", lambda m: _values_vs_torch(m, cube, 0.3),
             verify="verify_agrees"),
        Case("relu_grad agrees with autograd through F.relu",
             lambda m: _grad_vs_autograd(m, cube), verify="verify_agrees"),
        Case("leaky_relu_grad agrees with autograd through F.leaky_relu",
             lambda m: _grad_vs_autograd(m, grid, 0.05), verify="verify_agrees"),
        Case("PReLU: one parameter `weight` of shape (num_parameters,) filled with init",
             _prelu_params),
        Case("PReLU(2, init=1): an int init still gives float32 slopes", _prelu_int_init),
        Case("PReLU() on a 1-D input (no channel dim): same shape out, one slope",
             lambda m: _prelu_forward(m, flat[:, 0].double(), slopes[:1]),
             verify="verify_agrees"),
        Case("PReLU() with one slope on a 4x5 input vs nn.PReLU",
             lambda m: _prelu_forward(m, flat.double(), slopes[:1]), verify="verify_agrees"),
        Case("PReLU(3) on images (2, 3, 4, 4): one slope per channel (dim 1)",
             lambda m: _prelu_forward(m, img, slopes), verify="verify_agrees"),
        Case("PReLU(3) on (2, 3, 3): channels are dim 1, not the last dim",
             lambda m: _prelu_forward(m, sq, slopes), verify="verify_agrees"),
        Case("PReLU(3) on (6, 3) features", lambda m: _prelu_forward(m, flat.double(), slopes),
             verify="verify_agrees"),
        Case("PReLU gradients reach x and the slopes", lambda m: _prelu_grads(m, img, slopes, g),
             verify="verify_agrees"),
    ]
