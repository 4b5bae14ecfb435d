"""Reference solution: attention/positional_encoding."""

import math

import torch


def _frequencies(d: int) -> torch.Tensor:
    """ω_i = 1 / 10000^(2i/d) for the column pairs i = 0 .. ceil(d/2) - 1, float64."""
    two_i = torch.arange(0, d, 2, dtype=torch.float64)
    return torch.exp(-math.log(10000.0) * two_i / d)


def positional_encoding(max_len: int, d: int) -> torch.Tensor:
    angles = torch.arange(max_len)[:, None] * _frequencies(d)  # float64
    P = torch.empty(max_len, d)  # every column is written below, rounded once to float32
    P[:, 0::2] = torch.sin(angles)
    P[:, 1::2] = torch.cos(angles[:, : d // 2])
    return P


def add_positional_encoding(X: torch.Tensor, P: torch.Tensor) -> torch.Tensor:
    return X + P[: X.shape[1]].to(dtype=X.dtype, device=X.device)


def relative_shift(k: int, d: int) -> torch.Tensor:
    theta = k * _frequencies(d)
    M = torch.zeros(d, d, dtype=torch.float64)
    even = torch.arange(0, d, 2)
    M[even, even] = torch.cos(theta)
    M[even, even + 1] = -torch.sin(theta)
    M[even + 1, even] = torch.sin(theta)
    M[even + 1, even + 1] = torch.cos(theta)
    return M
