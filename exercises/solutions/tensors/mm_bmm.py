"""Reference solution: tensors/mm_bmm."""

import torch


def matmul2d(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.mm(a, b)


def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.bmm(a, b)


def quadratic_forms(x: torch.Tensor, A: torch.Tensor) -> torch.Tensor:
    row = x.unsqueeze(1)  # (B, 1, N)
    col = x.unsqueeze(2)  # (B, N, 1)
    return torch.bmm(torch.bmm(row, A), col).reshape(-1)


def shared_weight(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    B, N, K = x.shape
    return torch.mm(x.reshape(B * N, K), w).reshape(B, N, w.shape[1])
