"""Keeps the count and looks each child up by its position name."""

import torch
from torch import nn


class MySequential(nn.Module):
    def __init__(self, *modules: nn.Module) -> None:
        super().__init__()
        self.count = len(modules)
        for i in range(self.count):
            setattr(self, str(i), modules[i])

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        for i in range(self.count):
            X = getattr(self, str(i))(X)
        return X
