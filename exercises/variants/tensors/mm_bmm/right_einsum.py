"""Everything with torch.einsum."""

import torch


def matmul2d(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.einsum("ik,kj->ij", a, b)


def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.einsum("bik,bkj->bij", a, b)


def quadratic_forms(x: torch.Tensor, A: torch.Tensor) -> torch.Tensor:
    return torch.einsum("bi,bij,bj->b", x, A, x)


def shared_weight(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    return torch.einsum("bnk,km->bnm", x, w)
