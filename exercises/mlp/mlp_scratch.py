"""A multilayer perceptron from scratch (多层感知机的从零开始实现).

One hidden layer (隐藏层) of num_hiddens units with ReLU between two affine layers:

    H = ReLU(X W1 + b1)          X: (batch, num_inputs)      W1: (num_inputs, num_hiddens)
    O = H W2 + b2                O: (batch, num_outputs)     W2: (num_hiddens, num_outputs)

O holds unnormalised scores (logits, 未规范化的预测); softmax turns each row into
probabilities. Images (batch, 1, 28, 28) are flattened (展平) to (batch, 784) first.
Here the weights are plain tensors with requires_grad, as in the "from scratch" chapter:
no nn.Linear.

Task:
    init_params(num_inputs, num_hiddens, num_outputs, generator=None) -> [W1, b1, W2, b2]
        W1 = 0.01 * standard normal (num_inputs, num_hiddens), drawn FIRST with
             torch.randn(..., generator=generator); then W2 = 0.01 * standard normal
             (num_hiddens, num_outputs) from the same generator; b1, b2 zeros.
        All four float32, leaf tensors with requires_grad=True (参数).
    relu(X) -> max(X, 0) element by element (do not call torch.relu / F.relu)
    net(X, params) -> O
        X of shape (batch, num_inputs) or (batch, ...) with num_inputs elements per
        example (flatten it); params = [W1, b1, W2, b2]. Returns (batch, num_outputs).
    softmax(logits) -> row-wise probabilities (每行和为1), stable for large scores
        (do not call torch.softmax / F.softmax)
    num_params(num_inputs, num_hiddens, num_outputs) -> int
        the number of learnable numbers (weights and biases) in this MLP, a Python int.

Do not change X or logits in place.
"""

import torch


def init_params(num_inputs: int, num_hiddens: int, num_outputs: int,
                generator: torch.Generator | None = None) -> list[torch.Tensor]:
    # TODO: W1 then W2 from torch.randn(..., generator=generator) * 0.01; zero biases;
    # TODO: every tensor a leaf with requires_grad=True
    raise NotImplementedError


def relu(X: torch.Tensor) -> torch.Tensor:
    # TODO: max(X, 0)
    raise NotImplementedError


def net(X: torch.Tensor, params: list[torch.Tensor]) -> torch.Tensor:
    # TODO: flatten X to (batch, num_inputs), hidden layer with relu, output layer
    raise NotImplementedError


def softmax(logits: torch.Tensor) -> torch.Tensor:
    # TODO: exp of (logits - row max), divided by the row sums
    raise NotImplementedError


def num_params(num_inputs: int, num_hiddens: int, num_outputs: int) -> int:
    # TODO: weights and biases of both layers
    raise NotImplementedError
