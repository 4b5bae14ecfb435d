"""Reference solution: training/optimizer_loop."""

import torch
from torch import nn


def train(model: nn.Module, X: torch.Tensor, y: torch.Tensor, lr: float, num_epochs: int,
          batch_size: int) -> list[float]:
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    losses = []
    for _ in range(num_epochs):
        for i in range(0, len(X), batch_size):
            Xb, yb = X[i:i + batch_size], y[i:i + batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(Xb), yb)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses
