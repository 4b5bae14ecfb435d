"""Uses the column index j in the exponent (10000^(j/d)) instead of the pair's 2i."""

import torch


def positional_encoding(max_len, d):
    pos = torch.arange(max_len, dtype=torch.float32)[:, None]
    angles = pos / torch.pow(10000.0, torch.arange(d, dtype=torch.float32) / d)
    P = torch.sin(angles)
    P[:, 1::2] = torch.cos(angles[:, 1::2])
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
