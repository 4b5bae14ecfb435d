import torch
from torch import nn

from studykit.grading.kit import Case

F64 = torch.float64


def _model():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 2)).double()


def _predict(m, x):
    model = _model()
    out = m.predict(model, x)
    return {"output": out, "requires grad": out.requires_grad,
            "has a grad_fn": out.grad_fn is not None,
            "no parameter got a gradient": all(p.grad is None for p in model.parameters())}


def _sgd(m, lr):
    model = _model()
    x = torch.linspace(-1, 1, 20, dtype=F64).reshape(5, 4)
    model(x).pow(2).sum().backward()
    params = list(model.parameters())
    returned = m.sgd_step_(params, lr)
    return {
        "parameters after the step": [p.detach() for p in model.parameters()],
        "gradients after the step": [p.grad for p in model.parameters()],
        "still leaves": all(p.is_leaf for p in model.parameters()),
        "still require grad": all(p.requires_grad for p in model.parameters()),
        "still nn.Parameter objects": all(isinstance(p, nn.Parameter)
                                          for p in model.parameters()),
        "returned": returned,
    }


def _sgd_twice(m):
    """Two steps with fresh gradients: a stale (not zeroed) gradient would add up."""
    model = _model()
    x = torch.linspace(-1, 1, 8, dtype=F64).reshape(2, 4)
    params = list(model.parameters())
    for _ in range(2):
        model(x).pow(2).sum().backward()
        m.sgd_step_(params, 0.1)
    return [p.detach() for p in params]


def cases(ctx):
    xg = ctx.randn(6, seed=9, dtype=F64).requires_grad_(True)
    x = ctx.randn(5, 4, seed=1, dtype=F64)
    one = ctx.randn(1, 4, seed=2, dtype=F64)
    v = ctx.randn(6, seed=3, dtype=F64)
    mat = ctx.randn(2, 3, seed=4, dtype=F64)
    grad_x = ctx.randn(3, 4, seed=5, dtype=F64).requires_grad_(True)
    return [
        Case("predict: values, and the output does not require grad",
             lambda m: _predict(m, x),),
        Case("predict on a single example", lambda m: _predict(m, one)),
        Case("predict when the input itself requires grad",
             lambda m: _predict(m, grad_x[:, :4])),
        Case("detached_product_grad equals x**2 (u is a constant)",
             lambda m: m.detached_product_grad(v),),
        Case("detached_product_grad on a 2x3 tensor", lambda m: m.detached_product_grad(mat)),
        Case("sgd_step_ with lr=0.1: new values, zeroed gradients, same leaf Parameters",
             lambda m: _sgd(m, 0.1)),
        Case("sgd_step_ with lr=1.5", lambda m: _sgd(m, 1.5)),
        Case("two sgd_step_ calls in a row (gradients must be zeroed)", _sgd_twice),
        Case("detached_product_grad where x itself requires grad (x untouched)",
             lambda m: m.detached_product_grad(xg)),
    ]
