"""Buffers start at zeros (mu * 0 + g = g); the direction uses out-of-place add with alpha."""

import torch


class NesterovSGD:
    def __init__(self, params, lr: float, momentum: float = 0.9) -> None:
        self.params = list(params)
        self.lr = lr
        self.momentum = momentum
        self.buffers = [torch.zeros_like(p) for p in self.params]

    def step(self) -> None:
        with torch.no_grad():
            for p, buf in zip(self.params, self.buffers, strict=True):
                if p.grad is None:
                    continue
                buf.mul_(self.momentum).add_(p.grad)
                p.add_(p.grad.add(buf, alpha=self.momentum), alpha=-self.lr)
