"""Correct: einsum with an ellipsis for any leading batch dims, scaling the queries first."""

import torch


def scaled_dot_product_attention(queries, keys, values):
    scaled = queries * queries.shape[-1] ** -0.5
    scores = torch.einsum("...qd,...kd->...qk", scaled, keys)
    weights = scores.softmax(dim=-1)
    return torch.einsum("...qk,...kv->...qv", weights, values), weights
