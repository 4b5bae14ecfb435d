"""Correct: chunk the features into heads, stack them after the batch dim, flatten."""

import torch


def transpose_qkv(X, num_heads):
    if X.shape[-1] % num_heads != 0:
        raise ValueError("the feature size must be a multiple of num_heads")
    heads = torch.stack(X.chunk(num_heads, dim=-1), dim=1)  # (B, h, L, d)
    return heads.flatten(0, 1)


def transpose_output(X, num_heads):
    heads = X.unflatten(0, (-1, num_heads))  # (B, h, L, d)
    return torch.cat(heads.unbind(dim=1), dim=-1)


def repeat_valid_lens(valid_lens, num_heads):
    return valid_lens.unsqueeze(1).expand(-1, num_heads, *valid_lens.shape[1:]).flatten(0, 1)
