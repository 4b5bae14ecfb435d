"""Splitting features into heads and back (多头注意力的形状变换: transpose_qkv).

Multi-head attention (多头注意力) runs h attention heads in parallel. Rather than loop over
the heads, the features of the projected queries, keys and values are split into h
chunks of d = D / h features, and the heads are moved into the batch dim, so ONE batched
scaled dot-product attention computes every head at once. Afterwards the heads are put
back side by side (拼接) for the output projection.

Layout (as d2l's transpose_qkv / transpose_output):
    X (B, L, D), D = num_heads * d. Head k of example b holds the features
    X[b, :, k*d:(k+1)*d]; after the split it is row b * num_heads + k of the result.

Task:
    transpose_qkv(X, num_heads) -> (B * num_heads, L, d)
        raise ValueError (with a message saying why) when D is not a multiple of num_heads.
    transpose_output(X, num_heads) -> (B, L, num_heads * d)
        the inverse: X is (B * num_heads, L, d) laid out as above.
    repeat_valid_lens(valid_lens, num_heads) -> one row per (example, head)
        valid_lens (B,) -> (B * num_heads,); (B, Lq) -> (B * num_heads, Lq); entry
        b * num_heads + k is example b's, so every head masks the same keys.

Use view/reshape/permute (or equivalents); do not change the inputs in place.
"""

import torch


def transpose_qkv(X: torch.Tensor, num_heads: int) -> torch.Tensor:
    # TODO: check D % num_heads, then (B, L, h*d) -> (B, L, h, d) -> (B, h, L, d) -> (B*h, L, d)
    raise NotImplementedError


def transpose_output(X: torch.Tensor, num_heads: int) -> torch.Tensor:
    # TODO: undo transpose_qkv
    raise NotImplementedError


def repeat_valid_lens(valid_lens: torch.Tensor, num_heads: int) -> torch.Tensor:
    # TODO: repeat each example's lengths num_heads times, consecutively
    raise NotImplementedError
