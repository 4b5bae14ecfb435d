"""sigmoid as exp(x) / (1 + exp(x)): inf / inf = nan for large x."""

import torch


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    return torch.exp(x) / (1 + torch.exp(x))


def sigmoid_grad(x: torch.Tensor) -> torch.Tensor:
    s = sigmoid(x)
    return s * (1 - s)


def tanh_grad(x: torch.Tensor) -> torch.Tensor:
    return 1 - torch.tanh(x) ** 2


def saturated(x: torch.Tensor, tol: float = 1e-3) -> torch.Tensor:
    return sigmoid_grad(x) < tol
