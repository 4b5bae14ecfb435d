"""A fully connected layer with its own parameters (带参数的层: nn.Parameter).

Tensors wrapped in `nn.Parameter` (参数) and assigned as attributes of an `nn.Module`
are registered (注册) automatically: `parameters()`, `named_parameters()`,
`state_dict()`, `.to(...)`/`.double()` and optimizers all see them. Plain tensors are not.

Task:
    class MyLinear(nn.Module)
        __init__(in_units, units):
            self.weight = an nn.Parameter of shape (in_units, units)   (权重)
            self.bias   = an nn.Parameter of shape (units,)            (偏置)
            both initialised with torch.randn (标准正态分布).
        forward(X) -> X @ weight + bias                                 (no activation)

Inputs:  X of shape (batch, in_units).
Outputs: shape (batch, units), same dtype as X.

Note the weight is stored as (in_units, units) so that forward is X @ weight
(nn.Linear stores the transpose, (units, in_units)). The names must be exactly
`weight` and `bias`.
"""

import torch
from torch import nn


class MyLinear(nn.Module):
    def __init__(self, in_units: int, units: int) -> None:
        super().__init__()
        # TODO: register self.weight (in_units, units) and self.bias (units,) as nn.Parameter
        self.weight = torch.randn(in_units, units)
        self.bias = torch.randn(units)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        # TODO: the affine map X @ weight + bias
        raise NotImplementedError
