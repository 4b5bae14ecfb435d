"""Reference solution: training/adam_then_sgd."""

import torch
from torch import nn


def train_adam_then_sgd(model: nn.Module, X: torch.Tensor, y: torch.Tensor, num_steps: int,
                        switch_step: int, adam_lr: float, sgd_lr: float) -> dict:
    loss_fn = nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=adam_lr)
    losses, names = [], []
    for step in range(num_steps):
        if step == switch_step:
            optimizer = torch.optim.SGD(model.parameters(), lr=sgd_lr, momentum=0.9)
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        names.append(type(optimizer).__name__)
    return {"losses": losses, "optimizers": names}
