"""Normalises along dim 0 (over the batch) instead of each row."""

import torch


def init_params(num_inputs: int, num_hiddens: int, num_outputs: int,
                generator: torch.Generator | None = None) -> list[torch.Tensor]:
    W1 = (torch.randn(num_inputs, num_hiddens, generator=generator) * 0.01).requires_grad_()
    b1 = torch.zeros(num_hiddens, requires_grad=True)
    W2 = (torch.randn(num_hiddens, num_outputs, generator=generator) * 0.01).requires_grad_()
    b2 = torch.zeros(num_outputs, requires_grad=True)
    return [W1, b1, W2, b2]


def relu(X: torch.Tensor) -> torch.Tensor:
    return torch.max(X, torch.zeros_like(X))


def net(X: torch.Tensor, params: list[torch.Tensor]) -> torch.Tensor:
    W1, b1, W2, b2 = params
    X = X.reshape(-1, W1.shape[0])
    H = relu(X @ W1 + b1)
    return H @ W2 + b2


def softmax(logits: torch.Tensor) -> torch.Tensor:
    e = torch.exp(logits - logits.max(dim=0, keepdim=True).values)
    return e / e.sum(dim=0, keepdim=True)


def num_params(num_inputs: int, num_hiddens: int, num_outputs: int) -> int:
    return num_inputs * num_hiddens + num_hiddens + num_hiddens * num_outputs + num_outputs
