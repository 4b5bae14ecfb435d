"""log(1 + exp(-|x|)) with log instead of log1p: wrong far in the tail."""

import torch


def bce_with_logits(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    loss = logits.clamp(min=0) - logits * target + torch.log(1 + torch.exp(-logits.abs()))
    return loss.mean()
