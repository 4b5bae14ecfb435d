"""softplus as torch.logaddexp(0, z) / beta; log_sigmoid as min(x, 0) - log1p(exp(-|x|))."""

import torch


def softplus(x: torch.Tensor, beta: float = 1.0) -> torch.Tensor:
    z = beta * x
    return torch.logaddexp(torch.zeros_like(z), z) / beta


def log_sigmoid(x: torch.Tensor) -> torch.Tensor:
    return torch.minimum(x, torch.zeros_like(x)) - torch.log1p(torch.exp(-x.abs()))
