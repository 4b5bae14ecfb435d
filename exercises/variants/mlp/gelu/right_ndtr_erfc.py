"""Exact GELU with torch.special.ndtr (the normal CDF); tanh form factored as k*x*(1 + 0.044715*x*x)."""

import math

import torch


def gelu(x: torch.Tensor) -> torch.Tensor:
    return x * torch.special.ndtr(x)


def gelu_tanh(x: torch.Tensor) -> torch.Tensor:
    k = math.sqrt(2.0 / math.pi)
    u = k * x * (1 + 0.044715 * x * x)
    return x * 0.5 * (1.0 + torch.tanh(u))
