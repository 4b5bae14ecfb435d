"""Reference solution: tensors/tensor_dtype_inference."""

import torch


def inferred(data) -> torch.Tensor:
    return torch.tensor(data)


def dtypes(data) -> tuple[torch.dtype, torch.dtype]:
    return torch.tensor(data).dtype, torch.Tensor(data).dtype


def shapes(n: int) -> tuple[torch.Size, torch.Size]:
    return torch.tensor(n).shape, torch.Tensor(n).shape


def as_float32(data) -> torch.Tensor:
    return torch.tensor(data, dtype=torch.float32)
