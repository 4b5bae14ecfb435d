"""Reference solution: optim/warmup_cosine."""

import math

import torch


def warmup_cosine(step: int, warmup_steps: int, total_steps: int,
                  min_ratio: float = 0.0) -> float:
    if step < warmup_steps:
        return (step + 1) / warmup_steps
    if step >= total_steps:
        return float(min_ratio)
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_ratio + (1 - min_ratio) * 0.5 * (1 + math.cos(math.pi * progress))


def make_scheduler(optimizer, warmup_steps: int, total_steps: int, min_ratio: float = 0.0):
    def factor(step: int) -> float:
        return warmup_cosine(step, warmup_steps, total_steps, min_ratio)

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
