"""Correct: F.pad shifts the targets; the loss takes (B, V, T) logits; per-step losses averaged."""

import torch
from torch.nn import functional as F


def decoder_inputs(targets, bos):
    return F.pad(targets[:, :-1], (1, 0), value=bos)


def teacher_forcing_loss(decoder, state, targets, bos):
    logits, _ = decoder(decoder_inputs(targets, bos), state)
    return F.cross_entropy(logits.permute(0, 2, 1), targets)


def free_running_loss(decoder, state, targets, bos):
    B, T = targets.shape
    prev = torch.full((B, 1), bos, dtype=torch.long, device=targets.device)
    total = 0.0
    for t in range(T):
        logits, state = decoder(prev, state)
        total = total + F.cross_entropy(logits[:, 0], targets[:, t])
        prev = logits[:, 0].argmax(dim=1, keepdim=True)
    return total / T
