"""Sinusoidal positional encoding (位置编码).

Self-attention by itself ignores the order of the tokens: permuting them permutes the
output. The Transformer therefore adds to every token's representation a vector that
depends on its position (绝对位置信息). Row pos, columns 2i and 2i+1 of the encoding
matrix P hold

    P[pos, 2i]     = sin(pos / 10000^(2i/d))
    P[pos, 2i + 1] = cos(pos / 10000^(2i/d))

for pos = 0 .. max_len-1: each pair of columns is a sine/cosine of one frequency
ω_i = 1 / 10000^(2i/d), from fast (i = 0) to slow, like the bits of a binary counter.
When d is odd the last column, 2i = d - 1, is a sine.

Because sin(a + b) and cos(a + b) are linear in sin(a), cos(a), moving k positions is
the same linear map for every pos (相对位置信息): P[pos + k] = P[pos] @ M_k, with M_k
block diagonal, one 2x2 block per column pair i (θ = k ω_i):

    [[ cos θ, -sin θ],
     [ sin θ,  cos θ]]

Task:
    positional_encoding(max_len, d) -> float32 (max_len, d), the matrix P.
    add_positional_encoding(X, P) -> X + P[:L] for X (B, L, d) with L <= P's max_len;
        the result has X's dtype (P may be float32 while X is float64). Return a new
        tensor; X and P stay unchanged.
    relative_shift(k, d) -> float64 (d, d), the matrix M_k above, for even d.
"""

import math  # noqa: F401

import torch


def positional_encoding(max_len: int, d: int) -> torch.Tensor:
    # TODO: positions (max_len, 1) divided by 10000^(2i/d) for each column pair i
    # TODO: sines in the even columns, cosines in the odd ones (odd d: one more sine)
    raise NotImplementedError


def add_positional_encoding(X: torch.Tensor, P: torch.Tensor) -> torch.Tensor:
    # TODO: the first L rows of P, in X's dtype, broadcast over the batch
    raise NotImplementedError


def relative_shift(k: int, d: int) -> torch.Tensor:
    # TODO: one 2x2 rotation block per column pair, on the diagonal
    raise NotImplementedError
