"""Reference solution: tensors/strides_contiguous."""

import torch


def element_offset(t: torch.Tensor, index: tuple[int, ...]) -> int:
    return t.storage_offset() + sum(i * s for i, s in zip(index, t.stride(), strict=True))


def flatten_transposed(x: torch.Tensor) -> torch.Tensor:
    return x.t().reshape(-1)


def transpose_contiguous(x: torch.Tensor) -> torch.Tensor:
    return x.t().contiguous()
