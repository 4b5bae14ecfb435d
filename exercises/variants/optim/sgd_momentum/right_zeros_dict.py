"""Velocities start at zeros in a dict keyed by parameter (mu * 0 + g = g at the first step)."""

import torch


class MomentumSGD:
    def __init__(self, params, lr: float, momentum: float = 0.9,
                 weight_decay: float = 0.0) -> None:
        self.params = list(params)
        self.lr = lr
        self.momentum = momentum
        self.weight_decay = weight_decay
        self.state: dict[torch.Tensor, torch.Tensor] = {}

    def step(self) -> None:
        with torch.no_grad():
            for p in self.params:
                if p.grad is None:
                    continue
                v = self.state.setdefault(p, torch.zeros_like(p))
                v.copy_(self.momentum * v + p.grad + self.weight_decay * p)
                p -= self.lr * v
