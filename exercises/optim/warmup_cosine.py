"""Linear warm-up then cosine decay of the learning rate (学习率预热与余弦调度).

Transformers and large batches train badly if the full learning rate (学习率) hits the
random initial weights; a warm-up (预热) raises it linearly over the first steps. Then a
cosine schedule (余弦调度器) lowers it smoothly to a floor. As a multiplier of the base
learning rate, for step = 0, 1, 2, ... (one optimizer step each):

    step < warmup_steps:   (step + 1) / warmup_steps          (1/W, 2/W, ..., 1)
    step >= total_steps:   min_ratio                          (stays at the floor)
    otherwise:             progress = (step - warmup_steps) / (total_steps - warmup_steps)
                           min_ratio + (1 - min_ratio) * 0.5 * (1 + cos(pi * progress))

so the cosine part starts at 1 right after the warm-up and reaches min_ratio at
total_steps. With warmup_steps = 0 it is a plain cosine from step 0.

Task:
    warmup_cosine(step, warmup_steps, total_steps, min_ratio=0.0) -> float
        the multiplier above, a Python float. 0 <= warmup_steps <= total_steps.
    make_scheduler(optimizer, warmup_steps, total_steps, min_ratio=0.0)
        -> torch.optim.lr_scheduler.LambdaLR that applies warmup_cosine to EVERY param
           group's own base lr. Used as usual: optimizer.step() then scheduler.step() once
           per step, so step s trains with base_lr * warmup_cosine(s, ...).

The check replays a run with your scheduler, and compares the cosine part with
torch.optim.lr_scheduler.CosineAnnealingLR.
"""

import math  # noqa: F401

import torch  # noqa: F401


def warmup_cosine(step: int, warmup_steps: int, total_steps: int,
                  min_ratio: float = 0.0) -> float:
    # TODO: the warm-up branch, the floor after total_steps, the cosine in between
    raise NotImplementedError


def make_scheduler(optimizer, warmup_steps: int, total_steps: int, min_ratio: float = 0.0):
    # TODO: a LambdaLR whose lambda returns warmup_cosine(step, ...)
    raise NotImplementedError
