"""Derivatives taken with autograd inside the function (fails under no_grad)."""

import torch


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    return 1 / (1 + torch.exp(-x))


def sigmoid_grad(x: torch.Tensor) -> torch.Tensor:
    x = x.detach().requires_grad_(True)
    (g,) = torch.autograd.grad(sigmoid(x).sum(), x)
    return g


def tanh_grad(x: torch.Tensor) -> torch.Tensor:
    return 1 - torch.tanh(x) ** 2


def saturated(x: torch.Tensor, tol: float = 1e-3) -> torch.Tensor:
    return sigmoid_grad(x) < tol
