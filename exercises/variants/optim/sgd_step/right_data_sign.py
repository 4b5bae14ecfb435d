"""Updates through p.data with a signed learning rate; grads collected first."""

import torch


def sgd_step(params: list[torch.Tensor], lr: float, weight_decay: float = 0.0,
             maximize: bool = False) -> None:
    sign = 1.0 if maximize else -1.0
    for p in [q for q in params if q.grad is not None]:
        step = p.grad.detach() + weight_decay * p.detach()
        p.data.add_(sign * lr * step)


def zero_grad(params: list[torch.Tensor]) -> None:
    for p in params:
        if p.grad is not None:
            p.grad = None
