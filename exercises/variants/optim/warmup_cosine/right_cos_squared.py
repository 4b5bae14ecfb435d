"""Cosine part as cos^2(pi * progress / 2) (= (1 + cos(pi * progress)) / 2), progress 1 from total_steps on."""

import math

import torch


def warmup_cosine(step: int, warmup_steps: int, total_steps: int,
                  min_ratio: float = 0.0) -> float:
    if step < warmup_steps:
        return float(step + 1) / float(warmup_steps)
    decay_len = total_steps - warmup_steps
    progress = 1.0 if step >= total_steps else (step - warmup_steps) / decay_len
    cosine = math.cos(math.pi * progress / 2) ** 2
    return float(min_ratio + (1.0 - min_ratio) * cosine)


def make_scheduler(optimizer, warmup_steps: int, total_steps: int, min_ratio: float = 0.0):
    n = len(optimizer.param_groups)
    lambdas = [lambda s: warmup_cosine(s, warmup_steps, total_steps, min_ratio)] * n
    return torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=lambdas)
