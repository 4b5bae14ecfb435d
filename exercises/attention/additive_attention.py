"""Additive attention (加性注意力, Bahdanau attention).

When queries and keys have different lengths, a dot product cannot compare them.
Additive attention projects both into a common space of num_hiddens features and scores
each (query, key) pair with a one-hidden-layer MLP whose activation is tanh:

    a(q, k) = w_v^T tanh(W_q q + W_k k)                   (注意力评分函数)

Task:
    class AdditiveAttention(nn.Module)
        __init__(key_size, query_size, num_hiddens), with exactly these layers (they fix
        the parameter names; none has a bias):
            self.W_k = nn.Linear(key_size, num_hiddens, bias=False)
            self.W_q = nn.Linear(query_size, num_hiddens, bias=False)
            self.w_v = nn.Linear(num_hiddens, 1, bias=False)
        forward(queries, keys, values, valid_lens=None) -> output (B, Lq, dv)
            queries (B, Lq, query_size), keys (B, Lk, key_size), values (B, Lk, dv),
            valid_lens None, (B,) or (B, Lq) as for masked_softmax below.
            Project the queries and keys, add every projected query to every projected
            key by broadcasting (B, Lq, 1, h) + (B, 1, Lk, h) -> (B, Lq, Lk, h), apply tanh
            and w_v, drop the last size-1 dim to get the scores (B, Lq, Lk). The attention
            weights are masked_softmax(scores, valid_lens); store them in
            self.attention_weights (B, Lq, Lk) and return weights @ values.

masked_softmax is given (it is the exercise attention/masked_softmax). Use the module's
layers; do not change the inputs in place.
"""

import torch
from torch import nn


def masked_softmax(X: torch.Tensor, valid_lens: torch.Tensor | None) -> torch.Tensor:
    """Softmax over the last dim with keys at positions >= valid length given weight 0."""
    if valid_lens is None:
        return torch.softmax(X, dim=-1)
    lens = valid_lens[:, None] if valid_lens.dim() == 1 else valid_lens
    keep = torch.arange(X.shape[-1], device=X.device) < lens[..., None]
    return torch.softmax(X.masked_fill(~keep, -1e6), dim=-1)


class AdditiveAttention(nn.Module):
    def __init__(self, key_size: int, query_size: int, num_hiddens: int) -> None:
        super().__init__()
        # TODO: W_k, W_q and w_v, without biases
        raise NotImplementedError

    def forward(self, queries: torch.Tensor, keys: torch.Tensor, values: torch.Tensor,
                valid_lens: torch.Tensor | None = None) -> torch.Tensor:
        # TODO: project, broadcast-add to (B, Lq, Lk, h), tanh, w_v -> scores (B, Lq, Lk)
        # TODO: masked softmax -> self.attention_weights; pool the values
        raise NotImplementedError
