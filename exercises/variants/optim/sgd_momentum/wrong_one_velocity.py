"""Keeps one velocity for all parameters."""

import torch


class MomentumSGD:
    def __init__(self, params, lr: float, momentum: float = 0.9,
                 weight_decay: float = 0.0) -> None:
        self.params = list(params)
        self.lr = lr
        self.momentum = momentum
        self.weight_decay = weight_decay
        self.velocity = None

    @torch.no_grad()
    def step(self) -> None:
        for p in self.params:
            if p.grad is None:
                continue
            g = p.grad + self.weight_decay * p
            if self.velocity is None:
                self.velocity = g.clone()
            else:
                self.velocity = self.momentum * self.velocity + g
            p.sub_(self.velocity, alpha=self.lr)
