"""A layer without parameters: CenteredLayer (不带参数的层).

A custom layer (自定义层) is a subclass of `nn.Module` that implements `forward`
(前向传播). This one has NO parameters (参数): it subtracts the mean (均值) of its
input from every element, so its output has mean 0.

Task:
    class CenteredLayer(nn.Module)
        forward(X) -> X - X.mean()      the mean over ALL elements of X

Inputs:  X, a float tensor of any shape, e.g. (batch, features) = (4, 8).
Outputs: a tensor with the same shape and dtype as X, whose mean is 0.

Rules:
    * The layer has no parameters: `list(CenteredLayer().parameters())` is empty.
    * Do not change X in place (no `X -= ...`); return a new tensor.
    * Gradients must flow through the mean too (stay with tensor operations; no `.item()`).
    * It must work inside a model, e.g. `nn.Sequential(nn.Linear(8, 128), CenteredLayer())`.
"""

import torch
from torch import nn


class CenteredLayer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        # TODO: nothing to learn here, so create no parameters

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        # TODO: return X minus the mean of all its elements (out of place)
        raise NotImplementedError
