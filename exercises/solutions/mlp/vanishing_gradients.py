"""Reference solution: mlp/vanishing_gradients."""

import torch
from torch import nn


def _linears(model: nn.Module) -> list[nn.Linear]:
    return [module for module in model.modules() if isinstance(module, nn.Linear)]


def weight_grad_norms(model: nn.Module, x: torch.Tensor) -> list[float]:
    model.zero_grad()
    model(x).sum().backward()
    return [layer.weight.grad.norm().item() for layer in _linears(model)]


def activation_grad_norms(model: nn.Module, x: torch.Tensor) -> list[float]:
    inputs = []

    def keep_input(module, args):
        args[0].retain_grad()
        inputs.append(args[0])

    handles = [layer.register_forward_pre_hook(keep_input) for layer in _linears(model)]
    try:
        model(x.detach().requires_grad_(True)).sum().backward()
    finally:
        for handle in handles:
            handle.remove()
    return [t.grad.norm().item() for t in inputs]


def gradient_ratio(norms: list[float]) -> float:
    return norms[0] / norms[-1]
