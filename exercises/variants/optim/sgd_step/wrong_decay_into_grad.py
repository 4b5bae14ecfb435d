"""Adds the weight decay into p.grad in place, changing the caller's gradient."""

import torch


def sgd_step(params: list[torch.Tensor], lr: float, weight_decay: float = 0.0,
             maximize: bool = False) -> None:
    with torch.no_grad():
        for p in params:
            if p.grad is None:
                continue
            g = p.grad.add_(p, alpha=weight_decay)
            if maximize:
                p.add_(g, alpha=lr)
            else:
                p.sub_(g, alpha=lr)


def zero_grad(params: list[torch.Tensor]) -> None:
    for p in params:
        p.grad = None
