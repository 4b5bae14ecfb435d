"""GELU, exact and with the tanh approximation (高斯误差线性单元).

GELU (Gaussian Error Linear Unit, 高斯误差线性单元), the activation of BERT and GPT,
weights its input by the probability that a standard normal variable is below it:

    GELU(x) = x * Φ(x) = 0.5 * x * (1 + erf(x / sqrt(2)))            (exact, 误差函数 erf)

Φ is the cumulative distribution function (累积分布函数) of N(0, 1). The original
implementations used a cheaper approximation with tanh:

    GELU_tanh(x) = 0.5 * x * (1 + tanh(sqrt(2 / π) * (x + 0.044715 * x ** 3)))

PyTorch offers both: F.gelu(x) (approximate="none") and F.gelu(x, approximate="tanh").
They differ by less than 1e-3, but a model trained with one should be run with the same.

Task:
    gelu(x)        -> the exact GELU, element by element
    gelu_tanh(x)   -> the tanh approximation, element by element
    Both must be differentiable with autograd (built from torch operations), and the
    gradients must match F.gelu's.

Inputs:  x, a float tensor of any shape (float32 or float64).
Outputs: tensors with x's shape and dtype. Do not change x in place.
Rules:   do not call F.gelu / nn.GELU (the check compares with them); torch.erf,
         torch.tanh and math.pi / math.sqrt are fine.
"""

import math  # noqa: F401

import torch


def gelu(x: torch.Tensor) -> torch.Tensor:
    # TODO: 0.5 * x * (1 + erf(x / sqrt(2)))
    raise NotImplementedError


def gelu_tanh(x: torch.Tensor) -> torch.Tensor:
    # TODO: 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x ** 3)))
    raise NotImplementedError

