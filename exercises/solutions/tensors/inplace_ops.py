"""Reference solution: tensors/inplace_ops."""

import torch


def add_new(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return x.add(y)


def add_into(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return x.add_(y)


def scale_all_(tensors: list[torch.Tensor], c: float) -> None:
    for t in tensors:
        t.mul_(c)
