"""Correct: a Python loop over the heads, slicing each head's features, then torch.cat."""

import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        self.num_heads = num_heads
        self.W_q = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.W_k = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.W_v = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.W_o = nn.Linear(embed_dim, embed_dim, bias=bias)

    def forward(self, query, key, value, key_padding_mask=None):
        Q, K, V = self.W_q(query), self.W_k(key), self.W_v(value)
        d = Q.shape[-1] // self.num_heads
        outputs, weights = [], []
        for k in range(self.num_heads):
            part = slice(k * d, (k + 1) * d)
            scores = torch.bmm(Q[..., part], K[..., part].transpose(1, 2)) / d ** 0.5
            if key_padding_mask is not None:
                scores = scores.masked_fill(key_padding_mask.unsqueeze(1), -1e9)
            w = scores.softmax(dim=-1)
            outputs.append(torch.bmm(w, V[..., part]))
            weights.append(w)
        return self.W_o(torch.cat(outputs, dim=-1)), torch.stack(weights).mean(0)
