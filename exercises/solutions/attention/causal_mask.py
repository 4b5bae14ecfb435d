"""Reference solution: attention/causal_mask."""

import math

import torch


def causal_mask(num_steps: int, device: torch.device | None = None) -> torch.Tensor:
    return torch.ones(num_steps, num_steps, dtype=torch.bool, device=device).tril()


def blocked_mask(num_steps: int, device: torch.device | None = None) -> torch.Tensor:
    return ~causal_mask(num_steps, device)


def additive_causal_mask(num_steps: int, device: torch.device | None = None) -> torch.Tensor:
    zeros = torch.zeros(num_steps, num_steps, device=device)
    return zeros.masked_fill(blocked_mask(num_steps, device), float("-inf"))


def causal_attention(queries: torch.Tensor, keys: torch.Tensor,
                     values: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    scores = queries @ keys.transpose(-2, -1) / math.sqrt(queries.shape[-1])
    future = blocked_mask(scores.shape[-1], scores.device)
    weights = torch.softmax(scores.masked_fill(future, float("-inf")), dim=-1)
    return weights @ values, weights
