"""freeze with module.requires_grad_(False); split with p.dim() < 2; groups built, empty ones dropped."""

import torch
from torch import nn


def freeze(module: nn.Module) -> None:
    module.requires_grad_(False)


def decay_split(module: nn.Module) -> tuple[list[nn.Parameter], list[nn.Parameter]]:
    trainable = [p for p in module.parameters() if p.requires_grad]
    return [p for p in trainable if p.dim() >= 2], [p for p in trainable if p.dim() < 2]


def build_optimizer(model: nn.Module, backbone_lr: float, head_lr: float,
                    weight_decay: float) -> torch.optim.Optimizer:
    groups = []
    for part, lr in ((model.backbone, backbone_lr), (model.head, head_lr)):
        decay, no_decay = decay_split(part)
        groups += [{"params": decay, "lr": lr, "weight_decay": weight_decay},
                   {"params": no_decay, "lr": lr, "weight_decay": 0.0}]
    return torch.optim.AdamW([g for g in groups if g["params"]])
