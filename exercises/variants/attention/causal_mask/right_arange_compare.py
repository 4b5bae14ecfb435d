"""Correct: masks from comparing position indices; masked scores set to -1e9."""

import math

import torch


def causal_mask(num_steps, device=None):
    i = torch.arange(num_steps, device=device)
    return i[None, :] <= i[:, None]


def blocked_mask(num_steps, device=None):
    i = torch.arange(num_steps, device=device)
    return i[None, :] > i[:, None]


def additive_causal_mask(num_steps, device=None):
    inf = torch.tensor(float("-inf"), device=device)
    return torch.where(blocked_mask(num_steps, device), inf,
                       torch.tensor(0.0, device=device))


def causal_attention(queries, keys, values):
    n = queries.shape[-2]
    scores = torch.matmul(queries, keys.transpose(-1, -2)) / math.sqrt(queries.shape[-1])
    scores = torch.where(causal_mask(n, queries.device), scores,
                         torch.full_like(scores, -1e9))
    weights = torch.softmax(scores, dim=-1)
    return torch.matmul(weights, values), weights
