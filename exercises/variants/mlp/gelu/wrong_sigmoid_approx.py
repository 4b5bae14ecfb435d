"""Uses the sigmoid approximation x * sigmoid(1.702 x) for the tanh form."""

import math

import torch


def gelu(x: torch.Tensor) -> torch.Tensor:
    return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))


def gelu_tanh(x: torch.Tensor) -> torch.Tensor:
    return x * torch.sigmoid(1.702 * x)
