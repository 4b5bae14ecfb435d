"""Reference solution: mlp/softplus_stable."""

import torch


def softplus(x: torch.Tensor, beta: float = 1.0) -> torch.Tensor:
    z = beta * x
    return (z.clamp(min=0) + torch.log1p(torch.exp(-z.abs()))) / beta


def log_sigmoid(x: torch.Tensor) -> torch.Tensor:
    return -softplus(-x)
