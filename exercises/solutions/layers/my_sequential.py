"""Reference solution: layers/my_sequential."""

import torch
from torch import nn


class MySequential(nn.Module):
    def __init__(self, *modules: nn.Module) -> None:
        super().__init__()
        for idx, module in enumerate(modules):
            self.add_module(str(idx), module)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        # _modules keeps every position; children() yields a module used twice only once
        for module in self._modules.values():
            X = module(X)
        return X
