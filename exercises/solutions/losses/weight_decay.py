"""Reference solution: losses/weight_decay."""

import torch
from torch import nn


def _is_weight(name: str) -> bool:
    return name.endswith("weight")


def l2_penalty(model: nn.Module, lam: float) -> torch.Tensor:
    squares = [p.pow(2).sum() for name, p in model.named_parameters() if _is_weight(name)]
    return lam / 2 * torch.stack(squares).sum()


def decayed_sgd_step(model: nn.Module, lr: float, weight_decay: float) -> None:
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.grad is None:
                continue
            step = p.grad + weight_decay * p if _is_weight(name) else p.grad
            p -= lr * step
