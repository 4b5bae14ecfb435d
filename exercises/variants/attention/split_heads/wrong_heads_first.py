"""Puts the heads first (row k*B + b) instead of next to their example (row b*h + k)."""

import torch


def transpose_qkv(X, num_heads):
    B, L, D = X.shape
    if D % num_heads:
        raise ValueError(f"{D} features cannot be split into {num_heads} heads")
    X = X.reshape(B, L, num_heads, D // num_heads).permute(2, 0, 1, 3)
    return X.reshape(B * num_heads, L, D // num_heads)


def transpose_output(X, num_heads):
    BH, L, d = X.shape
    X = X.reshape(num_heads, BH // num_heads, L, d).permute(1, 2, 0, 3)
    return X.reshape(BH // num_heads, L, num_heads * d)


def repeat_valid_lens(valid_lens, num_heads):
    return torch.repeat_interleave(valid_lens, repeats=num_heads, dim=0)
