"""predict under torch.inference_mode(); the product's gradient by hand-made constant."""

import torch
from torch import nn


def predict(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    with torch.inference_mode():
        return model(x)


def detached_product_grad(x: torch.Tensor) -> torch.Tensor:
    leaf = x.detach().clone().requires_grad_(True)
    constant = (leaf * leaf).detach()
    (constant * leaf).sum().backward()
    return leaf.grad


def sgd_step_(params: list[torch.Tensor], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            p.sub_(lr * p.grad)
            p.grad = torch.zeros_like(p)
