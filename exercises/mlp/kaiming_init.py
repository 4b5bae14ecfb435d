"""He / Kaiming initialisation (Kaiming初始化, 何恺明初始化).

Xavier initialisation keeps the variance (方差) of activations constant for layers
without a ReLU. ReLU zeroes half of its inputs, which halves the second moment at every
layer; He et al. compensate with a gain (增益) of sqrt(2):

    std = gain / sqrt(fan)        gain = sqrt(2) for ReLU,
                                         sqrt(2 / (1 + a**2)) for LeakyReLU with slope a,
                                         1 for a linear layer
    fan = fan_in  (mode="fan_in":  keeps the forward signal's variance, the default)
          fan_out (mode="fan_out": keeps the backward gradient's variance)

For nn.Linear the weight is (out_features, in_features): fan_in = in_features,
fan_out = out_features. For a convolution the weight is (out_channels, in_channels, k...)
and each output sees in_channels * (kernel elements) inputs: fan_in = in_channels * k_h *
k_w, fan_out = out_channels * k_h * k_w (感受野大小 = kernel elements).

Task:
    fans(weight) -> (fan_in, fan_out)                 Python ints, from weight.shape
    kaiming_std(fan_in, fan_out, mode="fan_in", nonlinearity="relu", a=0.0) -> float
        nonlinearity is "relu", "leaky_relu" or "linear".
    kaiming_normal_(weight, mode="fan_in", nonlinearity="relu", a=0.0, generator=None)
        fill `weight` IN PLACE with draws from N(0, std**2), std from its own fans, using
        weight.normal_(0, std, generator=generator) (inside torch.no_grad(): the weight
        may be an nn.Parameter), and return that same tensor. With the same generator
        state this gives exactly what nn.init.kaiming_normal_ gives.

Inputs:  weight, a float tensor with at least 2 dims (Linear: 2, Conv1d: 3, Conv2d: 4).
Do not call nn.init.kaiming_normal_, nn.init.calculate_gain or torch's private fan helper.
"""

import math  # noqa: F401

import torch


def fans(weight: torch.Tensor) -> tuple[int, int]:
    # TODO: fan_in and fan_out from (out, in, *kernel)
    raise NotImplementedError


def kaiming_std(fan_in: int, fan_out: int, mode: str = "fan_in", nonlinearity: str = "relu",
                a: float = 0.0) -> float:
    # TODO: gain / sqrt(fan)
    raise NotImplementedError


def kaiming_normal_(weight: torch.Tensor, mode: str = "fan_in", nonlinearity: str = "relu",
                    a: float = 0.0, generator: torch.Generator | None = None) -> torch.Tensor:
    # TODO: weight.normal_(0, std, generator=generator) under torch.no_grad(); return weight
    raise NotImplementedError
