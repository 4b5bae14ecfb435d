"""Turns tuples into lists while moving them."""

import torch
from torch import nn


def pick_device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def to_device(batch, device):
    if isinstance(batch, torch.Tensor):
        return batch.to(device)
    if isinstance(batch, (tuple, list)):
        return [to_device(item, device) for item in batch]
    if isinstance(batch, dict):
        return {key: to_device(value, device) for key, value in batch.items()}
    return batch


def predict(model: nn.Module, X: torch.Tensor, device) -> torch.Tensor:
    model.to(device)
    model.eval()
    with torch.no_grad():
        return model(X.to(device))
