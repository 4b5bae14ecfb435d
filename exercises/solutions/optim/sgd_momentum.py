"""Reference solution: optim/sgd_momentum."""

import torch


class MomentumSGD:
    def __init__(self, params, lr: float, momentum: float = 0.9,
                 weight_decay: float = 0.0) -> None:
        self.params = list(params)
        self.lr = lr
        self.momentum = momentum
        self.weight_decay = weight_decay
        self.velocities: list[torch.Tensor | None] = [None] * len(self.params)

    @torch.no_grad()
    def step(self) -> None:
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            g = p.grad + self.weight_decay * p
            if self.velocities[i] is None:
                self.velocities[i] = g  # a new tensor: p.grad + weight_decay * p
            else:
                self.velocities[i].mul_(self.momentum).add_(g)
            p.sub_(self.velocities[i], alpha=self.lr)
