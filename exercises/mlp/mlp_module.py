"""An MLP as an nn.Module, and the same network as nn.Sequential (多层感知机的简洁实现).

The concise implementation (简洁实现) of a multilayer perceptron (多层感知机) uses
nn.Linear layers inside an nn.Module. Its parameter names come from the attribute names,
so a state_dict (模型参数) saved from one model loads into another only when the names
agree. Dropout (暂退法) after the hidden activation regularises it; it is active only in
training mode (model.train()) and does nothing after model.eval().

Task:
    class MLP(nn.Module)
        __init__(num_inputs, num_hiddens, num_outputs, dropout=0.0) with exactly these
        attributes:
            self.hidden  = nn.Linear(num_inputs, num_hiddens)
            self.dropout = nn.Dropout(dropout)
            self.out     = nn.Linear(num_hiddens, num_outputs)
        so the parameters are hidden.weight, hidden.bias, out.weight, out.bias.
        forward(X): flatten X to (batch, num_inputs), then hidden -> ReLU -> dropout -> out.
        Returns logits (batch, num_outputs): no activation on the output layer.
    as_sequential(mlp) -> nn.Sequential
        nn.Sequential(nn.Flatten(), mlp.hidden, nn.ReLU(), mlp.dropout, mlp.out): the SAME
        layer objects (shared, not copied), so both compute the same function and training
        one trains the other. Its parameters are named 1.weight, 1.bias, 4.weight, 4.bias.

Inputs:  X of shape (batch, num_inputs) or (batch, ...) with num_inputs elements per example.
Outputs: (batch, num_outputs) logits, X's dtype. Do not change X in place.
"""

import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, num_inputs: int, num_hiddens: int, num_outputs: int,
                 dropout: float = 0.0) -> None:
        super().__init__()
        # TODO: self.hidden, self.dropout, self.out (names matter: they name the parameters)
        raise NotImplementedError

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        # TODO: flatten, hidden, ReLU, dropout, out
        raise NotImplementedError


def as_sequential(mlp: MLP) -> nn.Sequential:
    # TODO: Flatten, the same hidden layer, ReLU, the same dropout, the same output layer
    raise NotImplementedError
