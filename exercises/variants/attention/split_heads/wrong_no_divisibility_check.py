"""Does not check D % num_heads: 10 features with 4 heads fail with a RuntimeError."""

import torch


def transpose_qkv(X, num_heads):
    B, L, D = X.shape
    X = X.reshape(B, L, num_heads, -1).permute(0, 2, 1, 3)
    return X.reshape(B * num_heads, L, -1)


def transpose_output(X, num_heads):
    BH, L, d = X.shape
    X = X.reshape(BH // num_heads, num_heads, L, d).permute(0, 2, 1, 3)
    return X.reshape(BH // num_heads, L, num_heads * d)


def repeat_valid_lens(valid_lens, num_heads):
    return torch.repeat_interleave(valid_lens, repeats=num_heads, dim=0)
