"""Cuts the flat corpus into consecutive chunks, so rows do not continue across minibatches."""

import torch
from torch import nn
from torch.nn import functional as F


def sgd_step(params: list[torch.Tensor], lr: float) -> None:
    """Minibatch SGD: p <- p - lr * p.grad for every parameter (gradients are kept)."""
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad


def sequential_batches(corpus: torch.Tensor, batch_size: int,
                       num_steps: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    size = batch_size * num_steps
    num_batches = (len(corpus) - 1) // size
    return [(corpus[i * size:(i + 1) * size].reshape(batch_size, num_steps),
             corpus[i * size + 1:(i + 1) * size + 1].reshape(batch_size, num_steps))
            for i in range(num_batches)]


def detach_state(state):
    if state is None:
        return None
    if isinstance(state, tuple):
        return tuple(s.detach() for s in state)
    return state.detach()


def train_epoch(rnn: nn.Module, head: nn.Linear,
                batches: list[tuple[torch.Tensor, torch.Tensor]], lr: float) -> list[float]:
    params = [*rnn.parameters(), *head.parameters()]
    state, losses = None, []
    for X, Y in batches:
        state = detach_state(state)
        output, state = rnn(X, state)
        loss = F.mse_loss(head(output), Y)
        for p in params:
            p.grad = None
        loss.backward()
        sgd_step(params, lr)
        losses.append(loss.item())
    return losses
