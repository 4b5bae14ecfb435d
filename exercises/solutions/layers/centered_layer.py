"""Reference solution: layers/centered_layer."""

import torch
from torch import nn


class CenteredLayer(nn.Module):
    def __init__(self) -> None:
        super().__init__()

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return X - X.mean()
