"""Keeps the modules in a plain list: nothing is registered."""

import torch
from torch import nn


class MySequential(nn.Module):
    def __init__(self, *modules: nn.Module) -> None:
        super().__init__()
        self.layers = list(modules)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            X = layer(X)
        return X
