"""Returns a new tensor of draws instead of filling the weight in place."""

import math

import torch


def fans(weight: torch.Tensor) -> tuple[int, int]:
    receptive_field = math.prod(weight.shape[2:])
    return weight.shape[1] * receptive_field, weight.shape[0] * receptive_field


def _gain(nonlinearity: str, a: float) -> float:
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        return math.sqrt(2.0 / (1 + a ** 2))
    if nonlinearity == "linear":
        return 1.0
    raise ValueError(f"unknown nonlinearity {nonlinearity!r}")


def kaiming_std(fan_in: int, fan_out: int, mode: str = "fan_in", nonlinearity: str = "relu",
                a: float = 0.0) -> float:
    fan = fan_in if mode == "fan_in" else fan_out
    return _gain(nonlinearity, a) / math.sqrt(fan)


def kaiming_normal_(weight: torch.Tensor, mode: str = "fan_in", nonlinearity: str = "relu",
                    a: float = 0.0, generator: torch.Generator | None = None) -> torch.Tensor:
    std = kaiming_std(*fans(weight), mode=mode, nonlinearity=nonlinearity, a=a)
    return torch.randn(weight.shape, generator=generator) * std
