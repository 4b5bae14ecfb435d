"""Treats both modes as L2: the decay always goes into the gradient."""

import torch


def adam_direction(state: dict, grad: torch.Tensor, betas: tuple[float, float],
                   eps: float) -> torch.Tensor:
    """Given (do not change): one Adam moment update for one parameter; returns the step
    direction m_hat / (sqrt(v_hat) + eps). `state` starts as {} and is filled here."""
    beta1, beta2 = betas
    if not state:
        state.update(t=0, m=torch.zeros_like(grad), v=torch.zeros_like(grad))
    state["t"] += 1
    state["m"].mul_(beta1).add_((1 - beta1) * grad)
    state["v"].mul_(beta2).add_((1 - beta2) * grad * grad)
    m_hat = state["m"] / (1 - beta1 ** state["t"])
    v_hat = state["v"] / (1 - beta2 ** state["t"])
    return m_hat / (v_hat.sqrt() + eps)


class AdamWD:
    def __init__(self, params, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 0.0, decoupled: bool = False) -> None:
        self.params = list(params)
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weight_decay = weight_decay
        self.decoupled = decoupled
        self.states = [{} for _ in self.params]

    @torch.no_grad()
    def step(self) -> None:
        for p, state in zip(self.params, self.states, strict=True):
            if p.grad is None:
                continue
            grad = p.grad + self.weight_decay * p
            p.sub_(self.lr * adam_direction(state, grad, self.betas, self.eps))
