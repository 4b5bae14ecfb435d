"""Reference solution: layers/xavier_init."""

import math

import torch
from torch import nn


def xavier_bound(fan_in: int, fan_out: int, gain: float = 1.0) -> float:
    return gain * math.sqrt(6.0 / (fan_in + fan_out))


def init_xavier(module: nn.Module, gain: float = 1.0) -> None:
    if isinstance(module, nn.Linear):
        bound = xavier_bound(module.in_features, module.out_features, gain)
        with torch.no_grad():
            module.weight.uniform_(-bound, bound)
            if module.bias is not None:
                module.bias.zero_()
