"""Forgets the zero_grad() before training: old gradients leak into the first step."""

import torch
from torch import nn


def train_with_accumulation(model: nn.Module, X: torch.Tensor, y: torch.Tensor, lr: float,
                            micro_batch: int, accum_steps: int, num_epochs: int) -> list[float]:
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    pass  # no zero_grad before training: stale gradients leak into the first step
    losses, running, count = [], 0.0, 0
    for _ in range(num_epochs):
        for i in range(0, len(X), micro_batch):
            loss = loss_fn(model(X[i:i + micro_batch]), y[i:i + micro_batch]) / accum_steps
            loss.backward()
            running += loss.item()
            count += 1
            if count == accum_steps:
                optimizer.step()
                optimizer.zero_grad()
                losses.append(running)
                running, count = 0.0, 0
    return losses
