"""Correct: one key at a time, scores stacked along the last dim."""

import torch
from torch import nn


def masked_softmax(X, valid_lens):
    if valid_lens is None:
        return torch.softmax(X, dim=-1)
    lens = valid_lens[:, None] if valid_lens.dim() == 1 else valid_lens
    keep = torch.arange(X.shape[-1], device=X.device) < lens[..., None]
    return torch.softmax(X.masked_fill(~keep, -1e6), dim=-1)


class AdditiveAttention(nn.Module):
    def __init__(self, key_size, query_size, num_hiddens):
        super().__init__()
        self.W_k = nn.Linear(key_size, num_hiddens, bias=False)
        self.W_q = nn.Linear(query_size, num_hiddens, bias=False)
        self.w_v = nn.Linear(num_hiddens, 1, bias=False)

    def forward(self, queries, keys, values, valid_lens=None):
        q = self.W_q(queries)
        per_key = [self.w_v(torch.tanh(q + self.W_k(keys[:, j:j + 1, :])))
                   for j in range(keys.shape[1])]
        scores = torch.cat(per_key, dim=-1)
        self.attention_weights = masked_softmax(scores, valid_lens)
        return self.attention_weights @ values
