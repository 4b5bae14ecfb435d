"""Reference solution: conv/corr2d."""

import torch


def corr2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    h, w = K.shape
    Y = torch.zeros(X.shape[0] - h + 1, X.shape[1] - w + 1, dtype=X.dtype)
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
    return Y


def corr2d_multi_in(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    return sum(corr2d(x, k) for x, k in zip(X, K, strict=True))


def corr2d_multi_in_out(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    return torch.stack([corr2d_multi_in(X, k) for k in K])
