"""Returns a 0-d tensor (torch.stack(...).sum()) instead of a Python int."""

import torch
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    counts = [torch.tensor(p.numel()) for p in model.parameters()
              if p.requires_grad or not trainable_only]
    return torch.stack(counts).sum() if counts else torch.tensor(0)
