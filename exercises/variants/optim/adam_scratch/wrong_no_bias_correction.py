"""Forgets the bias correction: uses m and v directly."""

import torch


class Adam:
    def __init__(self, params, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8) -> None:
        self.params = list(params)
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.state = [{"t": 0, "m": torch.zeros_like(p), "v": torch.zeros_like(p)}
                      for p in self.params]

    @torch.no_grad()
    def step(self) -> None:
        beta1, beta2 = self.betas
        for p, state in zip(self.params, self.state, strict=True):
            if p.grad is None:
                continue
            g = p.grad
            state["t"] += 1
            state["m"].mul_(beta1).add_((1 - beta1) * g)
            state["v"].mul_(beta2).add_((1 - beta2) * g * g)
            m_hat = state["m"]
            v_hat = state["v"]
            p.sub_(self.lr * m_hat / (v_hat.sqrt() + self.eps))
