"""Draws with torch.randn(..., generator) * std and copies into the weight; fans via numel."""

import math

import torch


def fans(weight: torch.Tensor) -> tuple[int, int]:
    per_output = weight[0].numel()          # in * kernel elements
    per_input = weight[:, 0].numel()        # out * kernel elements
    return int(per_output), int(per_input)


def kaiming_std(fan_in: int, fan_out: int, mode: str = "fan_in", nonlinearity: str = "relu",
                a: float = 0.0) -> float:
    gains = {"relu": 2.0, "leaky_relu": 2.0 / (1 + a * a), "linear": 1.0}
    return math.sqrt(gains[nonlinearity] / {"fan_in": fan_in, "fan_out": fan_out}[mode])


def kaiming_normal_(weight: torch.Tensor, mode: str = "fan_in", nonlinearity: str = "relu",
                    a: float = 0.0, generator: torch.Generator | None = None) -> torch.Tensor:
    std = kaiming_std(*fans(weight), mode, nonlinearity, a)
    draws = torch.randn(weight.shape, generator=generator, dtype=weight.dtype) * std
    with torch.no_grad():
        weight.copy_(draws)
    return weight
