"""Reference solution: sequence/perplexity."""

import math

import torch
from torch.nn import functional as F


def perplexity(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
    return torch.exp(loss)


def perplexity_from_loss(total_loss: float, num_tokens: int) -> float:
    return math.exp(total_loss / num_tokens)
