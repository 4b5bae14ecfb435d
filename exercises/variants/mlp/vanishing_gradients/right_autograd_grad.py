"""torch.autograd.grad for both (never touches .grad); Linear inputs captured by forward pre-hooks."""

import torch
from torch import nn


def weight_grad_norms(model: nn.Module, x: torch.Tensor) -> list[float]:
    weights = [m.weight for m in model.modules() if isinstance(m, nn.Linear)]
    grads = torch.autograd.grad(model(x).sum(), weights)
    return [float(torch.sqrt((g * g).sum())) for g in grads]


def activation_grad_norms(model: nn.Module, x: torch.Tensor) -> list[float]:
    captured = []
    hooks = [m.register_forward_pre_hook(lambda mod, args: captured.append(args[0]))
             for m in model.modules() if isinstance(m, nn.Linear)]
    x = x.detach().clone().requires_grad_(True)
    out = model(x)
    for h in hooks:
        h.remove()
    grads = torch.autograd.grad(out.sum(), captured)
    return [float(g.norm()) for g in grads]


def gradient_ratio(norms: list[float]) -> float:
    first, *_, last = norms if len(norms) > 1 else norms * 2
    return first / last
