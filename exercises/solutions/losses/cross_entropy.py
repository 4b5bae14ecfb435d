"""Reference solution: losses/cross_entropy."""

import torch


def cross_entropy(logits: torch.Tensor, target: torch.Tensor,
                  reduction: str = "mean") -> torch.Tensor:
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + (logits - m).exp().sum(dim=1).log()
    picked = logits.gather(1, target.unsqueeze(1)).squeeze(1)
    losses = lse - picked
    if reduction == "mean":
        return losses.mean()
    if reduction == "sum":
        return losses.sum()
    if reduction == "none":
        return losses
    raise ValueError(f"unknown reduction {reduction!r}")
