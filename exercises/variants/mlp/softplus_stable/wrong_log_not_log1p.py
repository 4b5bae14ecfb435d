"""Stable split, but log(1 + t) instead of log1p(t): tiny values round to 0."""

import torch


def softplus(x: torch.Tensor, beta: float = 1.0) -> torch.Tensor:
    z = beta * x
    return (z.clamp(min=0) + torch.log(1 + torch.exp(-z.abs()))) / beta


def log_sigmoid(x: torch.Tensor) -> torch.Tensor:
    return -softplus(-x)
