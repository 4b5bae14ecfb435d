"""The naive log(1 + exp(beta x)) / beta: exp overflows to inf for large x."""

import torch


def softplus(x: torch.Tensor, beta: float = 1.0) -> torch.Tensor:
    z = beta * x
    return torch.log(1 + torch.exp(z)) / beta


def log_sigmoid(x: torch.Tensor) -> torch.Tensor:
    return -softplus(-x)
