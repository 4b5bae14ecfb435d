"""Reference solution: attention/split_heads."""

import torch


def transpose_qkv(X: torch.Tensor, num_heads: int) -> torch.Tensor:
    B, L, D = X.shape
    if D % num_heads:
        raise ValueError(f"{D} features cannot be split into {num_heads} heads")
    X = X.reshape(B, L, num_heads, D // num_heads).permute(0, 2, 1, 3)
    return X.reshape(B * num_heads, L, D // num_heads)


def transpose_output(X: torch.Tensor, num_heads: int) -> torch.Tensor:
    BH, L, d = X.shape
    X = X.reshape(BH // num_heads, num_heads, L, d).permute(0, 2, 1, 3)
    return X.reshape(BH // num_heads, L, num_heads * d)


def repeat_valid_lens(valid_lens: torch.Tensor, num_heads: int) -> torch.Tensor:
    return torch.repeat_interleave(valid_lens, repeats=num_heads, dim=0)
