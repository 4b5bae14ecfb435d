"""Excludes the diagonal (tril(diagonal=-1)): position 0 sees nothing and becomes NaN."""

import math

import torch


def causal_mask(num_steps, device=None):
    return torch.ones(num_steps, num_steps, dtype=torch.bool, device=device).tril(diagonal=-1)


def blocked_mask(num_steps, device=None):
    return ~causal_mask(num_steps, device)


def additive_causal_mask(num_steps, device=None):
    return torch.zeros(num_steps, num_steps, device=device).masked_fill(
        blocked_mask(num_steps, device), float("-inf"))


def causal_attention(queries, keys, values):
    scores = queries @ keys.transpose(-2, -1) / math.sqrt(queries.shape[-1])
    allowed = causal_mask(scores.shape[-1], scores.device)
    weights = torch.softmax(scores.masked_fill(~allowed, float("-inf")), dim=-1)
    return weights @ values, weights
