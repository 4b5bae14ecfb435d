"""PyTorch's own arrangement: step_size = lr / bc1, denom = sqrt(v) / sqrt(bc2) + eps; m via lerp_."""

import math

import torch


class Adam:
    def __init__(self, params, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8) -> None:
        self.params = list(params)
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.t: dict[torch.Tensor, int] = {}
        self.m: dict[torch.Tensor, torch.Tensor] = {}
        self.v: dict[torch.Tensor, torch.Tensor] = {}

    def step(self) -> None:
        beta1, beta2 = self.betas
        with torch.no_grad():
            for p in self.params:
                if p.grad is None:
                    continue
                if p not in self.t:
                    self.t[p], self.m[p], self.v[p] = 0, torch.zeros_like(p), torch.zeros_like(p)
                self.t[p] += 1
                t = self.t[p]
                self.m[p].lerp_(p.grad, 1 - beta1)
                self.v[p].mul_(beta2).addcmul_(p.grad, p.grad, value=1 - beta2)
                step_size = self.lr / (1 - beta1 ** t)
                denom = self.v[p].sqrt() / math.sqrt(1 - beta2 ** t) + self.eps
                p.addcdiv_(self.m[p], denom, value=-step_size)
