"""Reference solution: autograd/custom_function."""

import torch


class SmoothReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x: torch.Tensor, beta: float) -> torch.Tensor:
        ctx.save_for_backward(x)
        ctx.beta = beta
        z = beta * x
        return (z.clamp(min=0) + torch.log1p(torch.exp(-z.abs()))) / beta

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor):
        (x,) = ctx.saved_tensors
        return grad_output * torch.sigmoid(ctx.beta * x), None


def smooth_relu(x: torch.Tensor, beta: float = 1.0) -> torch.Tensor:
    return SmoothReLU.apply(x, beta)
