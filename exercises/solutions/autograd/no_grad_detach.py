"""Reference solution: autograd/no_grad_detach."""

import torch
from torch import nn


def predict(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return model(x)


def detached_product_grad(x: torch.Tensor) -> torch.Tensor:
    x = x.detach().clone().requires_grad_(True)
    y = x * x
    u = y.detach()
    z = u * x
    z.sum().backward()
    return x.grad


def sgd_step_(params: list[torch.Tensor], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
            p.grad.zero_()
