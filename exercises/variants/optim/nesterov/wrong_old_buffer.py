"""Builds the direction from the buffer BEFORE updating it."""

import torch


class NesterovSGD:
    def __init__(self, params, lr: float, momentum: float = 0.9) -> None:
        self.params = list(params)
        self.lr = lr
        self.momentum = momentum
        self.buffers: list[torch.Tensor | None] = [None] * len(self.params)

    @torch.no_grad()
    def step(self) -> None:
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            g = p.grad
            old = self.buffers[i] if self.buffers[i] is not None else torch.zeros_like(g)
            direction = g + self.momentum * old
            if self.buffers[i] is None:
                self.buffers[i] = g.clone()
            else:
                self.buffers[i].mul_(self.momentum).add_(g)
            p.sub_(direction, alpha=self.lr)
