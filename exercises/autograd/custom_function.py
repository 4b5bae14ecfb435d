"""A custom autograd Function with a hand-written backward (自定义自动求导函数).

Subclass `torch.autograd.Function` and write two static methods:
* `forward(ctx, x, beta)` computes the output; save what backward needs with
  `ctx.save_for_backward(x)` (tensors) or as attributes such as `ctx.beta = beta`.
* `backward(ctx, grad_output)` receives dLoss/dOutput and returns one gradient per input
  of forward, in order: dLoss/dx = grad_output * dOutput/dx, and None for beta (a Python
  number, not differentiable).
Call it with `SmoothReLU.apply(x, beta)` (apply takes positional arguments only).

The function: smooth ReLU, a.k.a. softplus (平滑 ReLU):

    softplus(x) = log(1 + exp(beta * x)) / beta,        d/dx softplus(x) = sigmoid(beta * x)

Computed naively, exp(beta * x) overflows (数值溢出) to inf for large x. Use the stable
form  log(1 + exp(z)) = max(z, 0) + log1p(exp(-|z|))  with z = beta * x, and
torch.sigmoid for the derivative.

Task:
    class SmoothReLU(torch.autograd.Function): forward and backward as above (write the
        backward yourself; do not call F.softplus or autograd inside it).
    smooth_relu(x, beta=1.0) -> SmoothReLU.apply(x, beta).

Inputs:  x: a float tensor of any shape (float32 or float64; values may be ±1000);
         beta: a positive Python float.
Outputs: a tensor with x's shape and dtype; no inf or nan.
"""

import torch


class SmoothReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x: torch.Tensor, beta: float) -> torch.Tensor:
        # TODO: save what backward needs; return the stable softplus of x
        raise NotImplementedError

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor):
        # TODO: return (gradient for x, None for beta)
        raise NotImplementedError


def smooth_relu(x: torch.Tensor, beta: float = 1.0) -> torch.Tensor:
    return SmoothReLU.apply(x, beta)
