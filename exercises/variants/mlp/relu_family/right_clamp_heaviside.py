"""ReLU with clamp, derivatives with torch.heaviside, PReLU as clamp(min=0) + a * clamp(max=0)."""

import torch
from torch import nn


def relu(x: torch.Tensor) -> torch.Tensor:
    return x.clamp(min=0)


def relu_grad(x: torch.Tensor) -> torch.Tensor:
    return torch.heaviside(x, torch.zeros((), dtype=x.dtype, device=x.device))


def leaky_relu(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    return x.clamp(min=0) + negative_slope * x.clamp(max=0)


def leaky_relu_grad(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    step = relu_grad(x)
    return step + negative_slope * (1 - step)


class PReLU(nn.Module):
    def __init__(self, num_parameters: int = 1, init: float = 0.25) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.empty(num_parameters).fill_(init))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shape = [1] * x.dim()
        if self.weight.numel() > 1:
            shape[1] = -1
        else:
            shape = [1] * max(x.dim(), 1)
        return x.clamp(min=0) + self.weight.reshape(shape) * x.clamp(max=0)
