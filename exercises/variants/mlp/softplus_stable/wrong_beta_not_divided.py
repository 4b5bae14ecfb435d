"""Scales the input by beta but forgets to divide the result by beta."""

import torch


def softplus(x: torch.Tensor, beta: float = 1.0) -> torch.Tensor:
    z = beta * x
    return z.clamp(min=0) + torch.log1p(torch.exp(-z.abs()))


def log_sigmoid(x: torch.Tensor) -> torch.Tensor:
    return -softplus(-x)
