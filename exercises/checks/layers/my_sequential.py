import torch
from torch import nn

from studykit.grading.kit import Case


class _Shift(nn.Module):
    def __init__(self, amount):
        super().__init__()
        self.amount = amount

    def forward(self, X):
        return X + self.amount


class _Scale(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, X):
        return X * self.factor


def _mlp_parts():
    torch.manual_seed(7)
    return nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10)


def _children(m):
    net = m.MySequential(*_mlp_parts())
    return [(name, type(child).__name__) for name, child in net.named_children()]


def _param_names(m):
    return sorted(name for name, _ in m.MySequential(*_mlp_parts()).named_parameters())


def _forward(m, x):
    return m.MySequential(*_mlp_parts())(x)


def _double(m, x):
    net = m.MySequential(*_mlp_parts()).double()
    return {"parameter dtypes": [str(p.dtype) for p in net.parameters()],
            "output": net(x)}


def _grads_reach_children(m, x):
    parts = _mlp_parts()
    net = m.MySequential(*parts)
    net(x).sum().backward()
    return [parts[0].weight.grad, parts[2].bias.grad]


def _shared_twice(m, x):
    shared = _Shift(1.0)
    net = m.MySequential(shared, _Scale(2.0), shared)
    return {"children": [name for name, _ in net.named_children()], "output": net(x)}


def _shared_linear_twice(m, x):
    torch.manual_seed(3)
    shared = nn.Linear(4, 4)
    net = m.MySequential(shared, nn.Tanh(), shared)
    return {"output": net(x), "parameters": len(list(net.parameters()))}


def cases(ctx):
    x = ctx.randn(2, 20, seed=1)
    x64 = ctx.randn(3, 20, seed=2, dtype=torch.float64)
    small = ctx.randn(3, 4, seed=3)
    return [
        Case("children are registered as '0', '1', '2' in order", _children),
        Case("the children's parameters are registered", _param_names),
        Case("state_dict keys", lambda m: sorted(m.MySequential(*_mlp_parts()).state_dict())),
        Case("forward chains Linear-ReLU-Linear", lambda m: _forward(m, x),),
        Case("order matters: shift by 1 then scale by 2",
             lambda m: m.MySequential(_Shift(1.0), _Scale(2.0))(small)),
        Case("order matters: scale by 2 then shift by 1",
             lambda m: m.MySequential(_Scale(2.0), _Shift(1.0))(small)),
        Case("a single module", lambda m: m.MySequential(_Scale(-3.0))(small)),
        Case("no modules returns the input unchanged", lambda m: m.MySequential()(small)),
        Case(".double() reaches the children", lambda m: _double(m, x64)),
        Case("gradients reach the children's parameters", lambda m: _grads_reach_children(m, x)),
        Case("a module given twice runs at both positions (shift, scale, shift)",
             lambda m: _shared_twice(m, small)),
        Case("a Linear given twice (shared weights) runs twice",
             lambda m: _shared_linear_twice(m, small)),
    ]
