"""Zeroes the future weights after the softmax, so rows no longer sum to 1."""

import math

import torch


def causal_mask(num_steps, device=None):
    return torch.ones(num_steps, num_steps, dtype=torch.bool, device=device).tril()


def blocked_mask(num_steps, device=None):
    return ~causal_mask(num_steps, device)


def additive_causal_mask(num_steps, device=None):
    return torch.zeros(num_steps, num_steps, device=device).masked_fill(
        blocked_mask(num_steps, device), float("-inf"))


def causal_attention(queries, keys, values):
    scores = queries @ keys.transpose(-2, -1) / math.sqrt(queries.shape[-1])
    weights = torch.softmax(scores, dim=-1) * causal_mask(scores.shape[-1], scores.device)
    return weights @ values, weights
