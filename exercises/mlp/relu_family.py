"""ReLU, LeakyReLU and PReLU, with their derivatives (激活函数: 修正线性单元).

The rectified linear unit (修正线性单元, ReLU) keeps positive inputs and zeroes the
rest: ReLU(x) = max(x, 0). Its derivative (导数) is 1 for x > 0 and 0 for x < 0; at
x = 0 it is not differentiable, and PyTorch uses 0 there. A neuron whose inputs stay
negative never gets a gradient again ("dying ReLU"), so two variants keep a small slope
for negative inputs:

    LeakyReLU(x) = x            if x > 0,   negative_slope * x   otherwise
    PReLU(x)     = x            if x > 0,   a * x                otherwise
                   where the slope a is a learnable parameter (参数化ReLU)

Task:
    relu(x)                                -> ReLU(x)
    relu_grad(x)                           -> dReLU/dx element by element (0 at x == 0)
    leaky_relu(x, negative_slope=0.01)     -> LeakyReLU(x)
    leaky_relu_grad(x, negative_slope=0.01)-> dLeakyReLU/dx: 1 where x > 0, otherwise
                                              negative_slope (also at x == 0, as PyTorch)
    class PReLU(nn.Module)
        __init__(num_parameters=1, init=0.25): one parameter named `weight`, shape
            (num_parameters,), filled with `init`.
        forward(x): PReLU with slope weight. With num_parameters > 1 there is one slope per
            channel, and the channel dimension is dim 1 of x (x is (N, C, ...)); with one
            parameter the single slope is used everywhere.

Inputs:  x, a float tensor of any shape (float32 or float64); negative_slope a float.
Outputs: tensors with x's shape and dtype (the derivatives too: float, not bool). Do not
         change x in place. Do not call torch.relu, F.relu, F.leaky_relu, F.prelu or the
         nn layers in your answer: write the formulas (torch.where, comparisons, clamp...).
The derivatives are the closed-form ones, not autograd's; the check compares them with
autograd run on PyTorch's own functions, and PReLU with nn.PReLU.
"""

import torch
from torch import nn


def relu(x: torch.Tensor) -> torch.Tensor:
    # TODO: max(x, 0) element by element
    raise NotImplementedError


def relu_grad(x: torch.Tensor) -> torch.Tensor:
    # TODO: 1.0 where x > 0, else 0.0 (same dtype as x)
    raise NotImplementedError


def leaky_relu(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    # TODO: x where x > 0, negative_slope * x elsewhere
    raise NotImplementedError


def leaky_relu_grad(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    # TODO: 1.0 where x > 0, negative_slope elsewhere
    raise NotImplementedError


class PReLU(nn.Module):
    def __init__(self, num_parameters: int = 1, init: float = 0.25) -> None:
        super().__init__()
        # TODO: a learnable slope `self.weight` of shape (num_parameters,) filled with init
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: x where x > 0, weight * x elsewhere; one slope per channel (dim 1)
        raise NotImplementedError
