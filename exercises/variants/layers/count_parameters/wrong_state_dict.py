"""Counts state_dict() entries: buffers too, and a shared layer once per name."""

from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    return sum(v.numel() for v in model.state_dict().values())
