"""Fills P[:, 1::2] with cos of every frequency, which crashes when d is odd (the d2l code)."""

import torch


def positional_encoding(max_len, d):
    P = torch.zeros(max_len, d)
    X = torch.arange(max_len, dtype=torch.float32).reshape(-1, 1) / torch.pow(
        10000, torch.arange(0, d, 2, dtype=torch.float32) / d)
    P[:, 0::2] = torch.sin(X)
    P[:, 1::2] = torch.cos(X)
    return P


def add_positional_encoding(X, P):
    return X + P[: X.shape[1]].to(X.dtype)


def relative_shift(k, d):
    theta = k / torch.pow(10000.0, torch.arange(0, d, 2, dtype=torch.float64) / d)
    M = torch.zeros(d, d, dtype=torch.float64)
    for i, t in enumerate(theta):
        c, s = torch.cos(t), torch.sin(t)
        M[2 * i:2 * i + 2, 2 * i:2 * i + 2] = torch.stack([torch.stack([c, -s]),
                                                         torch.stack([s, c])])
    return M
