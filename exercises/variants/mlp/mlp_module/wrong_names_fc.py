"""Names the layers fc1 / fc2: the state_dict keys no longer match."""

import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, num_inputs: int, num_hiddens: int, num_outputs: int,
                 dropout: float = 0.0) -> None:
        super().__init__()
        self.fc1 = nn.Linear(num_inputs, num_hiddens)
        self.dropout = nn.Dropout(dropout)
        self.fc2 = nn.Linear(num_hiddens, num_outputs)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        H = torch.relu(self.fc1(X.flatten(start_dim=1)))
        return self.fc2(self.dropout(H))


def as_sequential(mlp: MLP) -> nn.Sequential:
    return nn.Sequential(nn.Flatten(), mlp.fc1, nn.ReLU(), mlp.dropout, mlp.fc2)
