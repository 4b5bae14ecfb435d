"""Reference solution: training/train_eval_modes."""

import torch
from torch import nn


def train_epoch(model: nn.Module, optimizer: torch.optim.Optimizer, X: torch.Tensor,
                y: torch.Tensor, batch_size: int) -> float:
    model.train()
    loss_fn = nn.CrossEntropyLoss()
    total, batches = 0.0, 0
    for i in range(0, len(X), batch_size):
        Xb, yb = X[i:i + batch_size], y[i:i + batch_size]
        optimizer.zero_grad()
        loss = loss_fn(model(Xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item()
        batches += 1
    return total / batches


def evaluate(model: nn.Module, X: torch.Tensor, y: torch.Tensor, batch_size: int) -> float:
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(X), batch_size):
            logits = model(X[i:i + batch_size])
            correct += (logits.argmax(dim=1) == y[i:i + batch_size]).sum().item()
    return correct / len(X)
