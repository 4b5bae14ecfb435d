"""Functional forward (torch.flatten, F.relu, F.dropout with self.training); Sequential built with add_module."""

import torch
import torch.nn.functional as F
from torch import nn


class MLP(nn.Module):
    def __init__(self, num_inputs: int, num_hiddens: int, num_outputs: int,
                 dropout: float = 0.0) -> None:
        super().__init__()
        self.hidden = nn.Linear(num_inputs, num_hiddens)
        self.dropout = nn.Dropout(p=dropout)
        self.out = nn.Linear(num_hiddens, num_outputs)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        H = F.relu(self.hidden(torch.flatten(X, 1)))
        H = F.dropout(H, p=self.dropout.p, training=self.training)
        return self.out(H)


def as_sequential(mlp: MLP) -> nn.Sequential:
    seq = nn.Sequential()
    for i, layer in enumerate([nn.Flatten(), mlp.hidden, nn.ReLU(), mlp.dropout, mlp.out]):
        seq.add_module(str(i), layer)
    return seq
