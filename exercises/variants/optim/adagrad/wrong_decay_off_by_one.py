"""Decays with t instead of t - 1: the first step already uses a reduced rate."""

import torch


class Adagrad:
    def __init__(self, params, lr: float = 0.01, lr_decay: float = 0.0, eps: float = 1e-10,
                 initial_accumulator_value: float = 0.0) -> None:
        self.params = list(params)
        self.lr = lr
        self.lr_decay = lr_decay
        self.eps = eps
        self.initial_accumulator_value = initial_accumulator_value
        self.sums = [torch.full_like(p, initial_accumulator_value) for p in self.params]
        self.steps = [0] * len(self.params)

    @torch.no_grad()
    def step(self) -> None:
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            g = p.grad
            self.steps[i] += 1
            self.sums[i].add_(g * g)
            lr_t = self.lr / (1 + self.steps[i] * self.lr_decay)
            p.sub_(lr_t * g / (self.sums[i].sqrt() + self.eps))
