"""PReLU keeps the slopes in a plain tensor: not a registered parameter."""

import torch
from torch import nn


def relu(x: torch.Tensor) -> torch.Tensor:
    return torch.where(x > 0, x, torch.zeros_like(x))


def relu_grad(x: torch.Tensor) -> torch.Tensor:
    return (x > 0).to(x.dtype)


def leaky_relu(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    return torch.where(x > 0, x, negative_slope * x)


def leaky_relu_grad(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    return torch.where(x > 0, torch.ones_like(x), torch.full_like(x, negative_slope))


class PReLU(nn.Module):
    def __init__(self, num_parameters: int = 1, init: float = 0.25) -> None:
        super().__init__()
        self.weight = torch.full((num_parameters,), float(init), requires_grad=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        slope = self.weight
        if slope.numel() > 1:
            slope = slope.view(1, -1, *([1] * (x.dim() - 2)))
        return torch.where(x > 0, x, slope * x)
