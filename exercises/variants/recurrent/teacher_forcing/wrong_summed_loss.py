"""Sums the token losses instead of averaging them."""

import torch
from torch.nn import functional as F


def decoder_inputs(targets: torch.Tensor, bos: int) -> torch.Tensor:
    start = torch.full_like(targets[:, :1], bos)
    return torch.cat([start, targets[:, :-1]], dim=1)


def _mean_cross_entropy(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), reduction="sum")


def teacher_forcing_loss(decoder, state, targets: torch.Tensor, bos: int) -> torch.Tensor:
    logits, _ = decoder(decoder_inputs(targets, bos), state)
    return _mean_cross_entropy(logits, targets)


def free_running_loss(decoder, state, targets: torch.Tensor, bos: int) -> torch.Tensor:
    token = torch.full_like(targets[:, :1], bos)
    steps = []
    for _ in range(targets.shape[1]):
        logits, state = decoder(token, state)
        steps.append(logits)
        token = logits.argmax(dim=-1)
    return _mean_cross_entropy(torch.cat(steps, dim=1), targets)
