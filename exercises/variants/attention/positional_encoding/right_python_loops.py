"""Correct: plain Python loops with math.sin / math.cos, one entry at a time."""

import math

import torch


def positional_encoding(max_len, d):
    P = torch.zeros(max_len, d)
    for pos in range(max_len):
        for col in range(d):
            angle = pos / 10000 ** ((col - col % 2) / d)
            P[pos, col] = math.sin(angle) if col % 2 == 0 else math.cos(angle)
    return P


def add_positional_encoding(X, P):
    return X + P[: X.shape[1]].type_as(X)


def relative_shift(k, d):
    M = torch.zeros(d, d, dtype=torch.float64)
    for i in range(d // 2):
        theta = k / 10000 ** (2 * i / d)
        M[2 * i, 2 * i] = M[2 * i + 1, 2 * i + 1] = math.cos(theta)
        M[2 * i, 2 * i + 1] = -math.sin(theta)
        M[2 * i + 1, 2 * i] = math.sin(theta)
    return M
