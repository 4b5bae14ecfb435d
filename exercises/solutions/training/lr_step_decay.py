"""Reference solution: training/lr_step_decay."""

import torch
from torch import nn


def step_decay(base_lr: float, epoch: int, drop: float, epochs_per_drop: int) -> float:
    return base_lr * drop ** (epoch // epochs_per_drop)


def set_lr(optimizer: torch.optim.Optimizer, lr: float) -> None:
    for group in optimizer.param_groups:
        group["lr"] = lr


def train_with_step_decay(model: nn.Module, X: torch.Tensor, y: torch.Tensor, base_lr: float,
                          drop: float, epochs_per_drop: int, num_epochs: int,
                          batch_size: int) -> list[float]:
    optimizer = torch.optim.SGD(model.parameters(), lr=base_lr, momentum=0.9)
    loss_fn = nn.MSELoss()
    lrs = []
    for epoch in range(num_epochs):
        set_lr(optimizer, step_decay(base_lr, epoch, drop, epochs_per_drop))
        for i in range(0, len(X), batch_size):
            optimizer.zero_grad()
            loss = loss_fn(model(X[i:i + batch_size]), y[i:i + batch_size])
            loss.backward()
            optimizer.step()
        lrs.append(optimizer.param_groups[0]["lr"])
    return lrs
