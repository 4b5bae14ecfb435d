"""Reference solution: optim/param_groups."""

import torch
from torch import nn


def freeze(module: nn.Module) -> None:
    for p in module.parameters():
        p.requires_grad = False


def decay_split(module: nn.Module) -> tuple[list[nn.Parameter], list[nn.Parameter]]:
    decay, no_decay = [], []
    for _, p in module.named_parameters():
        if not p.requires_grad:
            continue
        (decay if p.ndim >= 2 else no_decay).append(p)
    return decay, no_decay


def build_optimizer(model: nn.Module, backbone_lr: float, head_lr: float,
                    weight_decay: float) -> torch.optim.Optimizer:
    groups = []
    for part, lr in ((model.backbone, backbone_lr), (model.head, head_lr)):
        decay, no_decay = decay_split(part)
        if decay:
            groups.append({"params": decay, "lr": lr, "weight_decay": weight_decay})
        if no_decay:
            groups.append({"params": no_decay, "lr": lr, "weight_decay": 0.0})
    return torch.optim.AdamW(groups)
