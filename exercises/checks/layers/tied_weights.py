import copy

import torch
from torch import nn

from studykit.grading.kit import Case


def _set_params(net, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(torch.randn(p.shape, generator=g, dtype=p.dtype) * 0.5)
    return net


def _structure(m):
    return [type(layer).__name__ for layer in m.make_tied_net(4, 8, 1)]


def _identity(m):
    net = m.make_tied_net(4, 8, 1)
    return {"net[2] is net[4]": net[2] is net[4],
            "net[2].weight is net[4].weight": net[2].weight is net[4].weight,
            "net[2].bias is net[4].bias": net[2].bias is net[4].bias}


def _write_through(m):
    net = m.make_tied_net(4, 8, 1)
    with torch.no_grad():
        net[2].weight[0, 0] = 100.0
    return float(net[4].weight.detach()[0, 0])


def _unique(m):
    net = m.make_tied_net(4, 8, 1)
    return {"parameter tensors": len(list(net.parameters())),
            "parameter values": sum(p.numel() for p in net.parameters())}


def _forward(m, x):
    return _set_params(m.make_tied_net(4, 8, 1), 1)(x)


def _shared_grad(m, x):
    net = _set_params(m.make_tied_net(4, 8, 1), 2)
    untied = nn.Sequential(*[copy.deepcopy(layer) for layer in net])
    net(x).sum().backward()
    untied(x).sum().backward()
    return {"shared weight grad": net[2].weight.grad,
            "shared bias grad": net[2].bias.grad,
            "first use + second use": untied[2].weight.grad + untied[4].weight.grad}


def _optimizer_step(m, x):
    net = _set_params(m.make_tied_net(4, 8, 1), 3)
    net(x).pow(2).mean().backward()
    with torch.no_grad():
        for p in net.parameters():  # one plain gradient-descent step
            p -= 0.1 * p.grad
    return {"net[2].weight": net[2].weight.detach(), "net[4].weight": net[4].weight.detach()}


def cases(ctx):
    x = ctx.randn(5, 4, seed=1)
    return [
        Case("7 modules: Linear ReLU Linear ReLU Linear ReLU Linear", _structure),
        Case("positions 2 and 4 are the same layer and tensors", _identity),
        Case("writing net[2].weight changes net[4].weight", _write_through),
        Case("shared parameters are listed once (6 tensors, 4*8+8 + 8*8+8 + 8+1 values)",
             _unique),
        Case("forward with fixed weights", lambda m: _forward(m, x),),
        Case("the shared weight's grad is the sum of both uses", lambda m: _shared_grad(m, x)),
        Case("a gradient step keeps the two positions equal", lambda m: _optimizer_step(m, x)),
    ]
