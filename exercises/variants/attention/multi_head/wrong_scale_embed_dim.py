"""Scales the scores by sqrt(embed_dim) instead of sqrt(head size)."""

import math

import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim: int, num_heads: int, bias: bool = True) -> None:
        super().__init__()
        self.num_heads = num_heads
        self.W_q = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.W_k = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.W_v = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.W_o = nn.Linear(embed_dim, embed_dim, bias=bias)

    def _split(self, X: torch.Tensor) -> torch.Tensor:
        B, L, E = X.shape
        return X.reshape(B, L, self.num_heads, E // self.num_heads).transpose(1, 2)

    def forward(self, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                key_padding_mask: torch.Tensor | None = None
                ) -> tuple[torch.Tensor, torch.Tensor]:
        q, k, v = self._split(self.W_q(query)), self._split(self.W_k(key)), \
            self._split(self.W_v(value))
        scores = q @ k.transpose(-2, -1) / math.sqrt(query.shape[-1])  # (B, h, Lq, Lk)
        if key_padding_mask is not None:
            scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        heads = (weights @ v).transpose(1, 2)  # (B, Lq, h, d)
        output = self.W_o(heads.reshape(query.shape[0], query.shape[1], -1))
        return output, weights.mean(dim=1)
