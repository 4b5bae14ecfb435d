"""as_sequential deep-copies the layers: training one no longer trains the other."""

import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, num_inputs: int, num_hiddens: int, num_outputs: int,
                 dropout: float = 0.0) -> None:
        super().__init__()
        self.hidden = nn.Linear(num_inputs, num_hiddens)
        self.dropout = nn.Dropout(dropout)
        self.out = nn.Linear(num_hiddens, num_outputs)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        H = torch.relu(self.hidden(X.flatten(start_dim=1)))
        return self.out(self.dropout(H))


def as_sequential(mlp: MLP) -> nn.Sequential:
    import copy
    return nn.Sequential(nn.Flatten(), copy.deepcopy(mlp.hidden), nn.ReLU(),
                         nn.Dropout(mlp.dropout.p), copy.deepcopy(mlp.out))
