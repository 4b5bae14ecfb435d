import torch
from torch import nn

from studykit.grading.kit import Case


def _param_shapes(m):
    layer = m.MyLinear(5, 3)
    return {name: tuple(p.shape) for name, p in layer.named_parameters()}


def _requires_grad(m):
    return {name: p.requires_grad for name, p in m.MyLinear(5, 3).named_parameters()}


def _with_weights(m, x, w, b, double=False):
    layer = m.MyLinear(w.shape[0], w.shape[1]).to(x.device)
    if double:
        layer = layer.double()
    with torch.no_grad():
        layer.weight.copy_(w)
        layer.bias.copy_(b)
    return layer(x)


def _grads(m, x, w, b, g):
    layer = m.MyLinear(w.shape[0], w.shape[1]).to(x.device)
    with torch.no_grad():
        layer.weight.copy_(w)
        layer.bias.copy_(b)
    (layer(x) * g).sum().backward()
    return {"weight.grad": layer.weight.grad, "bias.grad": layer.bias.grad}


def _in_sequential(m, x):
    net = nn.Sequential(m.MyLinear(64, 8), nn.ReLU(), m.MyLinear(8, 1))
    return {"parameter count": sum(p.numel() for p in net.parameters()),
            "state_dict keys": sorted(net.state_dict()),
            "output shape": tuple(net(x).shape)}


def cases(ctx):
    x = ctx.randn(4, 5, seed=1)
    w = ctx.randn(5, 3, seed=2)
    b = ctx.randn(3, seed=3)
    x1 = ctx.randn(1, 5, seed=4)
    x64 = ctx.randn(6, 5, seed=5, dtype=torch.float64)
    w64 = ctx.randn(5, 3, seed=6, dtype=torch.float64)
    b64 = ctx.randn(3, seed=7, dtype=torch.float64)
    g = ctx.randn(4, 3, seed=8)
    xs = ctx.randn(2, 64, seed=9)
    return [
        Case("parameters() lists weight (5, 3) and bias (3,)", _param_shapes),
        Case("the parameters require grad", _requires_grad),
        Case("state_dict keys", lambda m: sorted(m.MyLinear(5, 3).state_dict())),
        Case("forward with given weights (4x5 input)",
             lambda m: _with_weights(m, x, w, b),),
        Case("forward on a batch of one", lambda m: _with_weights(m, x1, w, b)),
        Case(".double() converts the parameters (float64 forward)",
             lambda m: _with_weights(m, x64, w64, b64, double=True)),
        Case("gradients reach weight and bias", lambda m: _grads(m, x, w, b, g)),
        Case("two MyLinear layers in nn.Sequential", lambda m: _in_sequential(m, xs)),
    ]
