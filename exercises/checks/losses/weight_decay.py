import torch
from torch import nn

from studykit.grading.kit import Case


def _net(seed, frozen=False):
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Linear(8, 2)).double()
    if frozen:
        net[0].requires_grad_(False)
    return net


def _params(net):
    return {name: p.detach().clone() for name, p in net.named_parameters()}


def _penalty_grads(m, lam):
    net = _net(1)
    m.l2_penalty(net, lam).backward()
    return {name: ("no grad" if p.grad is None else p.grad) for name, p in net.named_parameters()}


def _mse(net, x, y):
    return ((net(x) - y) ** 2).mean()


def _step_with_penalty(m, x, y, lam, lr=0.1, steps=3):
    net = _net(2)
    for _ in range(steps):
        net.zero_grad()
        (_mse(net, x, y) + m.l2_penalty(net, lam)).backward()
        with torch.no_grad():
            for p in net.parameters():
                p -= lr * p.grad
    return _params(net)


def _decayed_steps(m, x, y, wd, lr=0.1, steps=3, frozen=False):
    net = _net(2, frozen)
    for _ in range(steps):
        net.zero_grad()
        _mse(net, x, y).backward()
        result = m.decayed_sgd_step(net, lr, wd)
    return {"params": _params(net), "returned": result}


def cases(ctx):
    x = ctx.randn(16, 5, seed=1, dtype=torch.float64)
    y = ctx.randn(16, 2, seed=2, dtype=torch.float64)
    return [
        Case("penalty of a 5-8-2 MLP, lam=0.1", lambda m: m.l2_penalty(_net(1), 0.1)),
        Case("penalty with lam=3", lambda m: m.l2_penalty(_net(3), 3.0)),
        Case("lam=0 gives 0", lambda m: m.l2_penalty(_net(1), 0.0)),
        Case("penalty of a single Linear(4, 1)", lambda m: m.l2_penalty(
            nn.Linear(4, 1).double(), 0.5)),
        Case("penalty gradient: lam * W for weights, nothing for biases",
             lambda m: _penalty_grads(m, 0.2)),
        Case("3 SGD steps on mse + penalty", lambda m: _step_with_penalty(m, x, y, 0.5)),
        Case("decayed_sgd_step: 3 steps, weight_decay=0.5",
             lambda m: _decayed_steps(m, x, y, 0.5)),
        Case("decayed_sgd_step with weight_decay=0 is plain SGD",
             lambda m: _decayed_steps(m, x, y, 0.0)),
        Case("decayed_sgd_step leaves frozen parameters (grad None) alone",
             lambda m: _decayed_steps(m, x, y, 0.3, frozen=True)),
    ]
