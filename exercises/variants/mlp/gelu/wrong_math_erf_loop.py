"""Computes erf with math.erf on Python numbers: no autograd graph."""

import math

import torch


def gelu(x: torch.Tensor) -> torch.Tensor:
    cdf = torch.tensor([0.5 * (1 + math.erf(v / math.sqrt(2))) for v in x.flatten().tolist()],
                       dtype=x.dtype).reshape(x.shape)
    return x.detach() * cdf


def gelu_tanh(x: torch.Tensor) -> torch.Tensor:
    inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)
    return 0.5 * x * (1 + torch.tanh(inner))
