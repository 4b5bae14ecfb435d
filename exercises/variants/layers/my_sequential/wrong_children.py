"""Loops over self.children(), which yields a module given twice only once."""

import torch
from torch import nn


class MySequential(nn.Module):
    def __init__(self, *modules: nn.Module) -> None:
        super().__init__()
        for idx, module in enumerate(modules):
            self.add_module(str(idx), module)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        for module in self.children():
            X = module(X)
        return X
