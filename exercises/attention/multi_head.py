"""Multi-head attention from scratch, equal to nn.MultiheadAttention (多头注意力).

Each of h heads attends in its own learned subspace (子空间): the queries, keys and values
are projected by W_q, W_k, W_v (embed_dim -> embed_dim), split into h heads of
d = embed_dim / h features (head k = features k*d .. (k+1)*d - 1), every head runs scaled
dot-product attention softmax(Q_k K_k^T / sqrt(d)) V_k, the h outputs are concatenated
(拼接) back to embed_dim features and projected once more by W_o.

Task:
    class MultiHeadAttention(nn.Module)
        __init__(embed_dim, num_heads, bias=True), embed_dim a multiple of num_heads, with
        exactly these layers (they fix the parameter names):
            self.W_q, self.W_k, self.W_v, self.W_o = four nn.Linear(embed_dim, embed_dim,
                                                                   bias=bias)
        forward(query, key, value, key_padding_mask=None) -> (output, weights)
            query (B, Lq, E), key (B, Lk, E), value (B, Lk, E) (batch first);
            key_padding_mask None or bool (B, Lk) with True = a padding key that no query
            may attend to (torch's convention); every example keeps at least one key.
            output (B, Lq, E); weights (B, Lq, Lk): the attention weights AVERAGED over
            the heads (what nn.MultiheadAttention returns by default).

Given the same weights (in_proj_weight = W_q, W_k, W_v stacked; out_proj = W_o) the
result equals nn.MultiheadAttention(E, h, bias=bias, batch_first=True)'s. Do not use
nn.MultiheadAttention, F.multi_head_attention_forward or nn.Transformer* in your answer;
no dropout. Do not change the inputs in place.
"""

import math  # noqa: F401

import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim: int, num_heads: int, bias: bool = True) -> None:
        super().__init__()
        # TODO: keep num_heads; the four projections W_q, W_k, W_v, W_o
        raise NotImplementedError

    def forward(self, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                key_padding_mask: torch.Tensor | None = None
                ) -> tuple[torch.Tensor, torch.Tensor]:
        # TODO: project, split into heads (B, h, L, d)
        # TODO: scores / sqrt(d), hide padding keys, softmax, pool the values
        # TODO: concatenate the heads, project with W_o; average the weights over heads
        raise NotImplementedError
