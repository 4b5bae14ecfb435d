"""Returns float 0/1 masks (torch.tril(torch.ones(...))) instead of bool ones."""

import math

import torch


def causal_mask(num_steps, device=None):
    return torch.tril(torch.ones(num_steps, num_steps, device=device))


def blocked_mask(num_steps, device=None):
    return 1.0 - causal_mask(num_steps, device)


def additive_causal_mask(num_steps, device=None):
    return torch.zeros(num_steps, num_steps, device=device).masked_fill(
        blocked_mask(num_steps, device).bool(), float("-inf"))


def causal_attention(queries, keys, values):
    scores = queries @ keys.transpose(-2, -1) / math.sqrt(queries.shape[-1])
    allowed = causal_mask(scores.shape[-1], scores.device)
    weights = torch.softmax(scores.masked_fill(allowed == 0, float("-inf")), dim=-1)
    return weights @ values, weights
