"""Swaps alpha and 1 - alpha in the average."""

import torch


class RMSProp:
    def __init__(self, params, lr: float = 0.01, alpha: float = 0.99, eps: float = 1e-8) -> None:
        self.params = list(params)
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.square_avgs = [torch.zeros_like(p) for p in self.params]

    @torch.no_grad()
    def step(self) -> None:
        for p, s in zip(self.params, self.square_avgs, strict=True):
            if p.grad is None:
                continue
            g = p.grad
            s.mul_(1 - self.alpha).add_(self.alpha * g * g)
            p.sub_(self.lr * g / (s.sqrt() + self.eps))
