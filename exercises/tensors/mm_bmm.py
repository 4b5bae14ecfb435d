"""Matrix products: mm for 2-D, bmm for batches (矩阵乘法与批量矩阵乘法).

`torch.mm(a, b)` multiplies two 2-D matrices: (N, K) @ (K, M) -> (N, M).
`torch.bmm(a, b)` multiplies a batch (批量) of matrices pairwise, with no broadcasting:
(B, N, K) @ (B, K, M) -> (B, N, M); the b-th output is a[b] @ b[b].
`unsqueeze` adds a size-1 dimension, which turns a batch of vectors into a batch of
1-row or 1-column matrices.

Task:
    matmul2d(a, b)          -> a @ b for a (N, K) and b (K, M); shape (N, M).
    batched_matmul(a, b)    -> the batch of products for a (B, N, K) and b (B, K, M);
                               shape (B, N, M).
    quadratic_forms(x, A)   -> for x (B, N) and A (B, N, N): the B numbers
                               x[b]ᵀ · A[b] · x[b] (二次型); shape (B,) — also when B == 1.
    shared_weight(x, w)     -> every matrix of the batch x (B, N, K) times the SAME matrix
                               w (K, M); shape (B, N, M). (Hint: fold the batch into the
                               rows and use mm, or let matmul broadcast.)

Inputs:  float tensors of the shapes above, same dtype (float64 in the checks).
Outputs: new tensors with the shapes above; the inputs must not be changed.
"""

import torch


def matmul2d(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # TODO: a 2-D matrix product
    raise NotImplementedError


def batched_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # TODO: one matrix product per batch element
    raise NotImplementedError


def quadratic_forms(x: torch.Tensor, A: torch.Tensor) -> torch.Tensor:
    # TODO: x[b]^T A[b] x[b] for every b, shape (B,)
    raise NotImplementedError


def shared_weight(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    # TODO: multiply every matrix of the batch by w
    raise NotImplementedError
