"""Reference solution: losses/dropout."""

import torch
from torch import nn


def dropout(X: torch.Tensor, p: float, training: bool = True) -> torch.Tensor:
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability must be in [0, 1], got {p}")
    if not training:
        return X
    if p == 1.0:
        return torch.zeros_like(X)
    mask = (torch.rand_like(X) > p).to(X.dtype)
    return X * mask / (1.0 - p)


class Dropout(nn.Module):
    def __init__(self, p: float) -> None:
        super().__init__()
        self.p = p

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return dropout(X, self.p, training=self.training)
