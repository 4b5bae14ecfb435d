"""Reference solution: tensors/view_vs_copy."""

import torch


def flat_view(x: torch.Tensor) -> torch.Tensor:
    return x.view(-1)


def flat_copy(x: torch.Tensor) -> torch.Tensor:
    return x.clone().view(-1)
