"""Correct: runs the attention from self_attn's packed weights with scaled_dot_product_attention."""

import torch
from torch import nn
from torch.nn import functional as F


class EncoderBlock(nn.Module):
    def __init__(self, d_model, nhead, dim_feedforward, norm_first=False):
        super().__init__()
        self.nhead, self.norm_first = nhead, norm_first
        self.self_attn = nn.MultiheadAttention(d_model, nhead, batch_first=True)
        self.linear1 = nn.Linear(d_model, dim_feedforward)
        self.linear2 = nn.Linear(dim_feedforward, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def sa(self, x, key_padding_mask):
        B, L, E = x.shape
        qkv = F.linear(x, self.self_attn.in_proj_weight, self.self_attn.in_proj_bias)
        q, k, v = (t.view(B, L, self.nhead, E // self.nhead).transpose(1, 2)
                   for t in qkv.chunk(3, dim=-1))
        allowed = None
        if key_padding_mask is not None:
            allowed = ~key_padding_mask[:, None, None, :]
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)
        return self.self_attn.out_proj(out.transpose(1, 2).reshape(B, L, E))

    def ff(self, x):
        return self.linear2(torch.relu(self.linear1(x)))

    def forward(self, X, key_padding_mask=None):
        if self.norm_first:
            X = X + self.sa(self.norm1(X), key_padding_mask)
            return X + self.ff(self.norm2(X))
        X = self.norm1(X + self.sa(X, key_padding_mask))
        return self.norm2(X + self.ff(X))
