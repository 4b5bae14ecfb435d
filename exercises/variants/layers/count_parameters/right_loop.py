"""A loop over named_parameters() (which skips shared duplicates)."""

from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    total = 0
    for _, p in model.named_parameters():
        if trainable_only and not p.requires_grad:
            continue
        total += p.numel()
    return total
